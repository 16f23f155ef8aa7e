import FaberCore
import FaberRuntime
import FaberSpec
import FaberTestSupport
import Foundation
import Testing

/// A handler module of the tests' own: `probe.echo` gives back its input and what its context
/// says about the run's configuration; `probe.note` writes a file and records it.
enum ProbeModule: HandlerModule {
    struct Echo: Handler {
        let id = "probe.echo"
        let signature = HandlerSignature(
            summary: "echo", inputs: [.init("name", .text)], outputs: ["input", "config_path"],
            acceptsOtherInputs: true)
        func run(_ input: Value, context: HandlerContext) async throws -> Value {
            ["input": input, "config_path": .text(context.configuration.path), "environment": .text(context.environment)]
        }
    }

    /// Declares that it changes resources; gives back whether the run was a dry run.
    struct Change: Handler {
        let id = "probe.change"
        let signature = HandlerSignature(summary: "change", inputs: [], outputs: ["dry_run"], acceptsOtherInputs: true, changesResources: true)
        func run(_ input: Value, context: HandlerContext) async throws -> Value { ["dry_run": .bool(context.options.dryRun)] }
    }

    static let handlers: [any Handler] = [Echo(), Change()]
}

extension Value {
    fileprivate static func text(_ text: String?) -> Value { text.map { .string($0) } ?? .null }
}

/// The runtime's three calls, as a front end makes them, without a process or a terminal.
@Suite("Runtime: resolve, check, run", .timeLimit(.minutes(1)))
struct RuntimeTests {
    /// Plugin `acme` with command `/fractary-acme:ops` routing to agent `operator`: `echo` maps (through skill
    /// `probes`) straight to the handler probe.echo; `greet` runs workflow `greet`, which saves a report.
    func workspace(extra: [String: String] = [:]) throws -> TestWorkspace {
        try TestWorkspace(
            [
                "plugins/fractary-acme/.claude-plugin/plugin.json": #"{"name": "fractary-acme", "version": "1.0.0", "description": "test plugin"}"#,
                "plugins/fractary-acme/commands/ops.md": "---\ndescription: Operations\nagent: operator\n---\n",
                "plugins/fractary-acme/agents/operator.md": """
                ---
                name: operator
                description: Runs probes
                operations:
                  echo:
                    description: Echo through a handler
                    skill: probes
                    arguments:
                      name: {type: string, required: true}
                      env: {type: string, default: test}
                  greet:
                    description: Greet and save
                    skill: probes
                    workflow: greet
                    arguments:
                      name: {type: string, required: true}
                      echo: {type: boolean, default: true}
                  poke:
                    description: Declared read-only (the default), but its handler changes resources
                    skill: probes
                    arguments:
                      env: {type: string, default: test}
                  tag:
                    description: Echo labels and a count
                    skill: probes
                    arguments:
                      label: {type: string, repeatable: true}
                      count: {type: integer, minimum: 1, maximum: 5}
                ---
                """,
                "plugins/fractary-acme/skills/probes/SKILL.md": """
                ---
                name: probes
                description: Probes
                tools: [probe, report]
                operations:
                  echo: probe.echo
                  tag: probe.echo
                  greet: workflow/greet.md
                  poke: probe.change
                ---
                """,
                "plugins/fractary-acme/skills/probes/workflow/greet.md": """
                ---
                name: greet
                inputs:
                  name: {required: true}
                  echo: {default: true}
                outputs:
                  greeting: ${{ format('hello {0}', inputs.name) }}
                  saved: ${{ steps.save.outputs.path }}
                  exit_code: 1
                  follow_up:
                    when: ${{ inputs.echo }}
                    question: Echo the name too?
                    command: ${{ format('echo --name {0}', inputs.name) }}
                ---
                ## Save
                ```step
                id: save
                uses: report.save
                with:
                  path: reports/greeting.json
                  data: {name: "${{ inputs.name }}"}
                ```
                """,
            ].merging(extra) { $1 })
    }

    func runtime(_ workspace: TestWorkspace) -> Runtime {
        Runtime(root: workspace.root, pluginDirs: [], modules: Runtime.installedModules + [ProbeModule.self])
    }

    func invocation(_ runtime: Runtime, _ line: String, options: GlobalOptions = GlobalOptions()) throws -> ResolvedInvocation {
        guard case .run(let invocation) = try runtime.resolve(line, options: options, workspace: runtime.workspace()) else {
            throw TestWorkspaceError(message: "\(line) resolved to help")
        }
        return invocation
    }

    @Test("an operation that its skill maps straight to a handler runs that handler with the arguments")
    func operationMappedToAHandler() async throws {
        let ws = try workspace()
        let runtime = runtime(ws)
        let invocation = try invocation(runtime, "/fractary-acme:ops echo --name Ada")
        let report = await runtime.run(invocation, workspace: runtime.workspace(), console: TestConsole())
        #expect(report.error == nil)
        #expect(report.exitStatus == 0)
        #expect(report.outputs["input"] == ["name": "Ada", "env": "test"])
        #expect(report.outputs["environment"] == "test")  // the run's --env (its default) reaches the handler
    }

    @Test("a workflow run reports outputs, the rendered text, the exit_code and the files it wrote")
    func workflowRunReport() async throws {
        let ws = try workspace()
        let runtime = runtime(ws)
        var options = GlobalOptions()
        options.output = .json
        let report = await runtime.run(
            try invocation(runtime, "/fractary-acme:ops greet --name Ada", options: options),
            workspace: runtime.workspace(), console: TestConsole())
        #expect(report.error == nil, "\(String(describing: report.error))")
        #expect(report.exitStatus == 1)
        #expect(report.outputs["greeting"] == "hello Ada")
        #expect(report.filesWritten == ["reports/greeting.json"])
        #expect(try Value.parseJSON(#require(report.text)) == ["greeting": "hello Ada", "saved": "reports/greeting.json"])
        #expect(try Value.parseJSON(#require(ws.read("reports/greeting.json"))) == ["name": "Ada"])
    }

    @Test("a repeatable argument takes the flag several times or comma-separated values, as a list")
    func repeatableArgument() async throws {
        let runtime = runtime(try workspace())
        let report = await runtime.run(
            try invocation(runtime, "/fractary-acme:ops tag --label a --label b,c"), workspace: runtime.workspace(), console: TestConsole())
        #expect(report.outputs["input"]?["label"] == ["a", "b", "c"])
        let once = await runtime.run(try invocation(runtime, "/fractary-acme:ops tag --label a"), workspace: runtime.workspace(), console: TestConsole())
        #expect(once.outputs["input"]?["label"] == ["a"])
    }

    @Test("a number outside an argument's minimum or maximum is a usage error naming the bound", arguments: ["0", "6"])
    func argumentBounds(count: String) throws {
        let runtime = runtime(try workspace())
        #expect {
            _ = try invocation(runtime, "/fractary-acme:ops tag --count \(count)")
        } throws: { error in
            let error = error as? FaberError
            return error?.exitStatus == .usage && error?.message == (count == "0" ? "--count must be at least 1, not 0" : "--count must be at most 5, not 6")
        }
        #expect(throws: Never.self) { _ = try invocation(runtime, "/fractary-acme:ops tag --count 5") }
    }

    @Test("arguments given as JSON values (an MCP call) are checked as their flags are: kinds, ranges, lists, defaults, unknown names")
    func argumentsAsValues() throws {
        let runtime = runtime(try workspace())
        func resolve(_ operation: String, _ values: [(name: String, value: Value)]) throws -> Value {
            guard
                case .run(let invocation) = try runtime.resolve(
                    command: "/fractary-acme:ops", operation: operation, values: values, options: GlobalOptions(), workspace: runtime.workspace())
            else { throw TestWorkspaceError(message: "resolved to help") }
            return invocation.inputs
        }
        #expect(try resolve("tag", [("label", ["a", "b"]), ("count", 3)]) == ["label": ["a", "b"], "count": 3])
        #expect(try resolve("tag", [("label", "a"), ("count", "2")]) == ["label": ["a"], "count": 2])
        #expect(try resolve("greet", [("name", "Ada")]) == ["name": "Ada", "echo": true])
        #expect(try resolve("greet", [("name", "Ada"), ("echo", false)]) == ["name": "Ada", "echo": false])
        #expect(try resolve("greet", [("name", "Ada"), ("echo", .null)]) == ["name": "Ada", "echo": true])
        let messages: [(values: [(name: String, value: Value)], message: String)] = [
            ([("count", 9)], "--count must be at most 5, not 9"),
            ([("count", "many")], "--count needs a whole number, not 'many'"),
            ([("count", ["x": 1])], "--count takes an integer, not an object"),
            ([("lable", "a")], "unknown argument 'lable' for /fractary-acme:ops tag"),
        ]
        for (values, message) in messages {
            #expect {
                _ = try resolve("tag", values)
            } throws: { error in
                (error as? FaberError)?.message == message && (error as? FaberError)?.exitStatus == .usage
            }
        }
        let missing = try #require(throws: FaberError.self) { try resolve("greet", []) }
        #expect(missing.message == "missing required option '--name' for /fractary-acme:ops greet")
        let typo = try #require(throws: FaberError.self) { try resolve("tag", [("lable", "a")]) }
        #expect(typo.hint?.hasPrefix("did you mean 'label'?") == true)
    }

    @Test("a front end that forbids changes refuses a step whose handler changes resources, whatever the operation declares; a dry run goes on")
    func changesNotAllowed() async throws {
        let runtime = runtime(try workspace())
        var options = GlobalOptions()
        options.changesAllowed = false
        let refused = await runtime.run(
            try invocation(runtime, "/fractary-acme:ops poke", options: options), workspace: runtime.workspace(), console: TestConsole())
        #expect(refused.error?.code == "changes-not-allowed")
        #expect(refused.exitStatus == ExitStatus.refused.rawValue)
        #expect(refused.error?.hint == "faber mcp runs changes only when started with --allow-mutations")
        options.dryRun = true
        let dryRun = await runtime.run(
            try invocation(runtime, "/fractary-acme:ops poke", options: options), workspace: runtime.workspace(), console: TestConsole())
        #expect(dryRun.error == nil)
        #expect(dryRun.outputs["dry_run"] == true)
        let allowed = await runtime.run(try invocation(runtime, "/fractary-acme:ops poke"), workspace: runtime.workspace(), console: TestConsole())
        #expect(allowed.error == nil)
        #expect(allowed.outputs["dry_run"] == false)
    }

    @Test("a workflow's follow_up becomes the next command line of the same slash command, unless its when is false")
    func followUp() async throws {
        let runtime = runtime(try workspace())
        let report = await runtime.run(try invocation(runtime, "/fractary-acme:ops greet --name Ada"), workspace: runtime.workspace(), console: TestConsole())
        #expect(report.followUp == FollowUp(question: "Echo the name too?", line: "/fractary-acme:ops echo --name Ada"))
        #expect(report.text?.contains("follow_up") == false)
        let quiet = await runtime.run(
            try invocation(runtime, "/fractary-acme:ops greet --name Ada --echo false"), workspace: runtime.workspace(), console: TestConsole())
        #expect(quiet.followUp == nil)
    }

    @Test("resolve errors carry stable codes and a did-you-mean")
    func resolveErrors() throws {
        let runtime = runtime(try workspace())
        let workspace = runtime.workspace()
        let operation = try #require(throws: FaberError.self) { try runtime.resolve("/fractary-acme:ops ehco", options: GlobalOptions(), workspace: workspace) }
        #expect(operation.code == "unknown-operation")
        #expect(operation.exitStatus == .usage)
        #expect(operation.hint == "did you mean 'echo'?")
        let command = try #require(throws: FaberError.self) { try runtime.resolve("/fractary-acme:opps echo", options: GlobalOptions(), workspace: workspace) }
        #expect(command.code == "unknown-command")
        let argument = try #require(throws: FaberError.self) { try runtime.resolve("/fractary-acme:ops echo", options: GlobalOptions(), workspace: workspace) }
        #expect(argument.exitStatus == .usage)
    }

    @Test("a run whose specs have errors is refused with every error as a cause, and changes nothing")
    func specErrorsStopTheRun() async throws {
        let ws = try workspace(extra: [
            "plugins/fractary-acme/skills/probes/workflow/greet.md": """
            ---
            name: greet
            inputs:
              name: {required: true}
            ---
            ## Save
            ```step
            id: save
            uses: report.save
            needs: [nothing]
            with: {path: reports/x.json, data: 1}
            ```
            """
        ])
        let runtime = runtime(ws)
        let report = await runtime.run(try invocation(runtime, "/fractary-acme:ops greet --name Ada"), workspace: runtime.workspace(), console: TestConsole())
        #expect(report.exitStatus == 65)
        #expect(report.error?.code == "spec-errors")
        #expect(report.error?.causes.map(\.message) == ["step 'save' needs unknown step 'nothing'"])
        #expect(report.filesWritten.isEmpty)
        #expect(ws.read("reports/x.json") == nil)
    }

    // The folders: the plugin's name without `fractary-`, then its name.
    @Test("the handlers get the configuration the run read, from either folder of a plugin", arguments: ["acme", "fractary-acme"])
    func configurationReachesHandlers(_ folder: String) async throws {
        let ws = try workspace()
        let path = try ws.writeConfig(#"{"environments": {"test": {}}}"#, folder: folder)
        let runtime = runtime(ws)
        let report = await runtime.run(try invocation(runtime, "/fractary-acme:ops echo --name Ada"), workspace: runtime.workspace(), console: TestConsole())
        #expect(report.outputs["config_path"] == .string(path))
    }

    @Test("a config.json that is a folder, or does not parse, is one error at the file, shown once")
    func brokenConfigurationFile() throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder.path(".fractary/plugins/acme/config.json"), withIntermediateDirectories: true)
        let report = runtime(folder).check()
        #expect(
            report.diagnostics.map(\.description) == [
                ".fractary/plugins/acme/config.json:1:1: error: .fractary/plugins/acme/config.json is a folder, not a file\n  hint: faber reads regular files only (links to them are fine)"
            ])
        let broken = try workspace()
        try broken.writeConfig("{\"environments\": {,}}", folder: "acme")
        #expect(runtime(broken).check().errorCount == 1)
    }

    @Test("check reports spec problems and every module's configuration rules, each once, with relative paths")
    func checkReport() throws {
        let ws = try workspace()
        try ws.writeConfig(#"{"environments": {"test": {"regoin": "us-east-1"}}}"#, folder: "acme")
        try ws.writeConfig("{\"environments\": [}", folder: "other")
        let report = runtime(ws).check()
        #expect(report.errorCount == 1)
        #expect(report.exitStatus == .invalidSpec)
        #expect(
            report.diagnostics.map(\.description) == [
                ".fractary/plugins/acme/config.json:1:28: warning: unknown key 'regoin' in environment 'test'\n  hint: did you mean 'region'?",
                ".fractary/plugins/other/config.json:1:19: error: invalid JSON: unexpected character\n  hint: fix the file; it follows the plugin's config.example.json",
            ])
        #expect(report.summary == "1 error, 1 warning in 4 specs")
    }
}

/// Large inputs stay linear: generous limits, so a quadratic regression (11.6 s and 1.6 GB for
/// 10,000 chained steps, 12 s for a 2 MB config.json before) fails here, not a slow machine.
@Suite("Large workspaces", .timeLimit(.minutes(2)))
struct LargeWorkspaceTests {
    @Test("10,000 chained steps and a config.json with 15,000 environments are checked")
    func largeInputs() throws {
        var steps = "## S0\n```step\nid: s0\nuses: core.render\nwith: {template: t}\n```\n"
        for i in 1..<10_000 {
            steps += "## S\(i)\n```step\nid: s\(i)\nuses: core.render\nwith: {template: t, values: {x: \"${{ steps.s\(i - 1).outputs.text }}\"}}\n```\n"
        }
        var environments: [String] = []
        for i in 0..<15_000 { environments.append(#""env\#(i)": {"region": "us-east-1", "require_confirmation": false}"#) }
        let ws = try TestWorkspace([
            "skills/chain/SKILL.md": "---\nname: chain\ndescription: a long chain\n---\n",
            "skills/chain/workflow/w.md": "---\nname: w\n---\n" + steps,
            "skills/chain/templates/t.mustache": "x",
        ])
        try ws.writeConfig(#"{"environments": {"# + environments.joined(separator: ", ") + "}}")
        let started = ContinuousClock.now
        let report = Runtime(root: ws.root, pluginDirs: []).check()
        #expect(report.errorCount == 0, "\(report.diagnostics.prefix(3))")
        #expect(report.specCount == 2)
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
