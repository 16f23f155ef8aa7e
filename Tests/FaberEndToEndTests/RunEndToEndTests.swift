import FaberCore
import FaberTestSupport
import Foundation
import Testing

@Suite("faber run, end to end")
struct RunEndToEndTests {
    @Test("runs an operation with flags and prints the rendered text")
    func runText() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name Ada --style=loud --times 2")
        #expect(result.stdout == "HELLO, Ada! (x2)\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("--output json prints the workflow outputs as one JSON object")
    func runJSON() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name Ada --output json")
        #expect(result.status == 0)
        let json = try Value.parseJSON(result.stdout)
        #expect(json == ["name": "Ada", "loud": false])
    }

    @Test("faber's own options work after the quoted command too, and aliases resolve")
    func optionsOutside() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet hi --name Bo", "--output", "json")
        #expect(try Value.parseJSON(result.stdout)["name"] == "Bo")
        // Words after a quoted command line continue it: half-quoted works, a typo is a flag typo.
        let half = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say", "--name", "Ada B", "--output", "json")
        #expect(try Value.parseJSON(half.stdout)["name"] == "Ada B")
        let typo = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name A", "--outptu", "json")
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("error: unknown option '--outptu' for /hello:greet say\n  hint: did you mean '--output'?"), "\(typo.stderr)")
    }

    @Test("an unknown flag is refused with a did-you-mean and exit 64")
    func unknownFlag() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --nme Ada")
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                error: unknown option '--nme' for /hello:greet say
                  hint: did you mean '--name'? accepted: --name --style --times --output --yes --trace --dry-run --help

                """)
    }

    @Test("a value outside the enum lists the accepted values")
    func enumValue() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name Ada --style lowd")
        #expect(result.status == 64)
        #expect(result.stderr == "error: 'lowd' is not a valid value for --style; accepted: plain, loud\n  hint: did you mean 'loud'?\n")
    }

    @Test(
        "a missing required flag, an unknown operation and an unknown command are usage errors",
        arguments: [
            ("/hello:greet say", "error: missing required option '--name' for /hello:greet say\n  hint: --name <string>: who to greet\n"),
            ("/hello:greet sya --name x", "error: unknown operation 'sya' for /hello:greet\n  hint: did you mean 'say'?\n"),
            ("/hello:gret say", "error: unknown command '/hello:gret'\n  hint: did you mean '/hello:greet'?\n"),
            ("/hello:greet say --name Ada --times many", "error: --times needs a whole number, not 'many'\n"),
        ])
    func usageErrors(command: String, stderr: String) throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", command)
        #expect(result.status == 64)
        #expect(result.stderr == stderr)
    }

    @Test("--help is generated from the markdown")
    func help() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --help")
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                """
                Usage: /hello:greet say --name <name> [--style <plain|loud>] [--times <times>]

                Say hello to someone

                Risk: read-only
                Aliases: hi

                Options:
                  --name <string>    who to greet (required)
                  --style <string>   how to greet (one of: plain, loud; default: plain)
                  --times <integer>  how many greetings (default: 1)

                Next: record
                """))
    }

    @Test("a command without an operation prints its operations and exits 64")
    func commandHelp() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet")
        #expect(result.status == 64)
        #expect(result.stderr.contains("Operations:\n  say     Say hello to someone\n  record  Save a greeting to the greetings log [mutating]"))
    }

    @Test("core.confirm without a TTY needs --yes: exit 75 and nothing written")
    func confirmationRefused() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let result = try fixture.faber("run", "/hello:greet record --name Ada")
        #expect(result.status == 75)
        #expect(result.stderr.contains("error: step 'confirm' (core.confirm) failed: confirmation needed: Record a greeting for Ada?"))
        #expect(result.stderr.contains("hint: run it on a terminal to answer, or add --yes to confirm in advance"))
        #expect(fixture.read("greetings/log.json") == nil)
    }

    @Test("report.save appends atomically: two runs at once both land in the log")
    func concurrentAppends() async throws {
        let fixture = try TestWorkspace(fixture: "hello")
        async let a = Task.detached { try fixture.faber("run", "/hello:greet record --name Ada --yes") }.value
        async let b = Task.detached { try fixture.faber("run", "/hello:greet record --name Bo --yes") }.value
        let (ra, rb) = try await (a, b)
        #expect(ra.status == 0 && rb.status == 0, "\(ra.stderr) \(rb.stderr)")
        let log = try Value.parseJSON(try #require(fixture.read("greetings/log.json")))
        let names = Set(log.array?.compactMap { $0["name"]?.string } ?? [])
        #expect(names == ["Ada", "Bo"])
    }

    @Test("a workflow's exit_code output becomes the process exit status")
    func exitCode() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write(
            "plugins/hello/skills/greeting/workflow/say.md",
            """
            ---
            name: say
            inputs:
              name: {required: true}
            outputs:
              text: status for ${{ inputs.name }}
              exit_code: ${{ len(inputs.name) }}
            ---
            ## Nothing
            ```step
            uses: core.render
            with: {template: greeting, values: {}}
            ```
            """)
        let result = try fixture.faber("run", "/hello:greet say --name abc")
        #expect(result.stdout == "status for abc\n")
        #expect(result.status == 3)
    }

    @Test("a broken workflow is not run: exit 65 with the spec errors")
    func brokenWorkflow() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write("plugins/hello/skills/greeting/workflow/say.md", "---\nname: say\n---\n## Render\n```step\nuses: core.rendr\n```\n")
        let result = try fixture.faber("run", "/hello:greet say --name x")
        #expect(result.status == 65)
        #expect(result.stderr.contains("plugins/hello/skills/greeting/workflow/say.md:6:7: error: unknown handler 'core.rendr'"))
    }

    @Test("a missing workspace and an unknown subcommand are usage errors")
    func badInvocation() throws {
        let binary = try FaberBinary.locate()
        let missing = try binary.run(["--workspace", "/nonexistent/faber-ws", "list"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("error: workspace not found: /nonexistent/faber-ws"))
        let unknown = try binary.run(["chek"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("error: unknown command 'chek'\n  hint: did you mean 'check'?"))
    }
}

@Suite("Finding the workspace and plugins, end to end")
struct WorkspaceDiscoveryEndToEndTests {
    @Test("FABER_WORKSPACE picks the workspace; --plugin-dir and FABER_PLUGIN_PATH add plugins from elsewhere")
    func discovery() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let binary = try FaberBinary.locate()
        let viaEnvironment = try binary.run(["run", "/hello:greet say --name Env"], environment: ["FABER_WORKSPACE": fixture.root])
        #expect(viaEnvironment.stdout == "Hello, Env. (x1)\n")

        let empty = TestFolders.make("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let viaFlag = try binary.run(["--workspace", empty, "--plugin-dir", fixture.path("plugins/hello"), "run", "/hello:greet say --name Flag"])
        #expect(viaFlag.stdout == "Hello, Flag. (x1)\n", "\(viaFlag.stderr)")
        let viaPath = try binary.run(
            ["--workspace", empty, "run", "/greet say --name Path"],
            environment: ["FABER_PLUGIN_PATH": "/nonexistent-a:" + fixture.path("plugins")])
        #expect(viaPath.stdout == "Hello, Path. (x1)\n", "\(viaPath.stderr)")
    }

    @Test("/help in the REPL lists the workspace's commands")
    func replHelp() throws {
        let result = try TestWorkspace(fixture: "hello").faber(stdin: "/help\n")
        #expect(result.stdout.contains("Commands in this workspace:\n  /hello:greet  Greet people and keep a record of greetings"))
    }
}

@Suite("faber run refuses what faber check rejects, end to end")
struct RunRefusesBrokenSpecsTests {
    @Test("a YAML error that drops a confirmation step stops the run: exit 65, nothing written")
    func droppedStep() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write(
            "plugins/hello/skills/greeting/workflow/record.md",
            """
            ---
            name: record
            inputs:
              name: {required: true}
            ---
            ## Confirm
            ```step
            uses: core.confirm
            with:
              message: really?
               required: true
            ```
            ## Save
            ```step
            uses: report.save
            with: {path: greetings/log.json, data: 1}
            ```
            """)
        let result = try fixture.faber("run", "/hello:greet record --name X")
        #expect(result.status == 65)
        #expect(result.stderr.contains("plugins/hello/skills/greeting/workflow/record.md:11:12: error: mapping values are not allowed in this context"))
        #expect(result.stderr.contains("/hello:greet record was not run: its specs have errors"))
        #expect(fixture.read("greetings/log.json") == nil)
    }

    @Test("a YAML error in the command or its agent is reported at its place with 65, not as a missing operation")
    func brokenCommandOrAgent() throws {
        let agent = try TestWorkspace(fixture: "hello")
        try agent.edit("plugins/hello/agents/greeter.md", replacing: "operations:\n", with: "operations:\n  bad: [\n")
        let fromAgent = try agent.faber("run", "/hello:greet say --name A")
        #expect(fromAgent.status == 65, "\(fromAgent.stderr)")
        #expect(fromAgent.stderr.hasPrefix("plugins/hello/agents/greeter.md:"), "\(fromAgent.stderr)")
        #expect(fromAgent.stderr.contains("error: /hello:greet was not run: its specs have errors"))
        #expect(!fromAgent.stderr.contains("unknown operation"))

        let command = try TestWorkspace(fixture: "hello")
        // A value only Claude Code's tolerant reader accepts is a warning; faber's own structure is not.
        try command.edit("plugins/hello/commands/greet.md", replacing: "description:", with: "arguments: {x: [\ndescription:")
        let fromCommand = try command.faber("run", "/hello:greet say --name A")
        #expect(fromCommand.status == 65, "\(fromCommand.stderr)")
        #expect(fromCommand.stderr.contains("plugins/hello/commands/greet.md:3:1: error: did not find expected node content while parsing a flow node"))
        #expect(!fromCommand.stderr.contains("names neither"))
    }

    @Test("a plugin.json that does not load: run names it with 65, list warns about it")
    func brokenPluginManifest() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write("plugins/hello/.claude-plugin/plugin.json", "{bad")
        let run = try fixture.faber("run", "/hello:greet say --name A")
        #expect(run.status == 65)
        #expect(run.stderr.contains("plugins/hello/.claude-plugin/plugin.json:1:2: error: invalid JSON"))
        #expect(run.stderr.contains("error: unknown command '/hello:greet'; a plugin could not be loaded (above)"))
        let list = try fixture.faber("list")
        #expect(list.status == 0)
        #expect(list.stderr.contains("plugins/hello/.claude-plugin/plugin.json:1:2: warning: invalid JSON"))
    }

    @Test("a misspelt risk in the agent stops the run")
    func badRisk() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.edit("plugins/hello/agents/greeter.md", replacing: "risk: mutating", with: "risk: destructve")
        let result = try fixture.faber("run", "/hello:greet record --name X --yes")
        #expect(result.status == 65)
        #expect(fixture.read("greetings/log.json") == nil)
    }

    @Test("a required workflow input that no argument provides stops the run with the check error")
    func uncoveredInput() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.edit(
            "plugins/hello/skills/greeting/workflow/say.md", replacing: "  times: {default: 1}", with: "  times: {default: 1}\n  extra: {required: true}")
        let result = try fixture.faber("run", "/hello:greet say --name Bob")
        #expect(result.status == 65)
        #expect(
            result.stderr.hasPrefix(
                "plugins/hello/agents/greeter.md:5:3: error: operation 'say' runs workflow greeting/say, which needs input 'extra', but takes no --extra"))
    }

    @Test("--dry-run changes nothing: report.save writes no file")
    func dryRun() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let result = try fixture.faber("run", "/hello:greet record --name X --dry-run")
        #expect(result.status == 0)
        #expect(fixture.read("greetings/log.json") == nil)
    }

    @Test("numbers must be finite and exit_code must fit an exit status")
    func numbers() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.edit("plugins/hello/agents/greeter.md", replacing: "type: integer", with: "type: number")
        let nan = try fixture.faber("run", "/hello:greet say --name X --times nan")
        #expect(nan.status == 64)
        #expect(nan.stderr == "error: --times needs a number, not 'nan'\n")
        try fixture.write(
            "plugins/hello/skills/greeting/workflow/say.md",
            """
            ---
            name: say
            inputs:
              name: {required: true}
            outputs:
              exit_code: 300
            ---
            ## R
            ```step
            uses: core.render
            with: {template: greeting, values: {}}
            ```
            """)
        let big = try fixture.faber("run", "/hello:greet say --name X")
        #expect(big.status == 65)
        #expect(
            big.stderr.contains(
                "plugins/hello/skills/greeting/workflow/say.md:6:14: error: the workflow's exit_code output must be a whole number from 0 to 255, got 300"),
            "\(big.stderr)")
    }

    @Test("faber's options before a piped script apply to every command")
    func optionsBeforeScript() throws {
        let result = try TestWorkspace(fixture: "hello").faber("--output", "json", stdin: "/hello:greet say --name J\n")
        #expect(try Value.parseJSON(result.stdout)["name"] == "J")
    }
}
