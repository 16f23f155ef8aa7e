import FaberTestSupport
import Foundation
import Testing

@Suite("The REPL, end to end", .timeLimit(.minutes(2)))
struct REPLEndToEndTests {
    @Test("without a TTY it reads one command per line and runs each exactly as faber run")
    func scripted() throws {
        let result = try TestWorkspace(fixture: "hello").faber(
            stdin: """
                /hello:greet say --name Ada
                # comments and blank lines are skipped

                /hello:greet say --name Bo --style loud
                /help
                /quit
                /hello:greet say --name NeverRun
                """)
        #expect(result.stdout.hasPrefix("Hello, Ada. (x1)\nHELLO, Bo! (x1)\nType a slash command"))
        #expect(!result.stdout.contains("NeverRun"))
        #expect(result.status == 0)
    }

    @Test("the exit status of a script is the last command's")
    func scriptedStatus() throws {
        let result = try TestWorkspace(fixture: "hello").faber(stdin: "/hello:greet say --name A\n/hello:greet say --nme B\n")
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown option '--nme'"))
    }

    @Test("an edited template and a new skill take effect on the next command, without a restart")
    func hotReload() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let repl = try FaberBinary.locate().start(["--workspace", fixture.root])
        repl.send("/hello:greet say --name Ada")
        try repl.waitFor("Hello, Ada. (x1)")

        try fixture.write("plugins/hello/skills/greeting/templates/greeting.mustache", "Bonjour {{name}}!\n")
        try fixture.write(
            "plugins/hello/skills/greeting/workflow/say.md",
            """
            ---
            name: say
            inputs:
              name: {required: true}
              style: {default: plain}
              times: {default: 1}
            outputs:
              text: ${{ steps.render.outputs.text }} [edited]
            ---
            ## Render
            ```step
            uses: core.render
            with: {template: greeting, values: {name: "${{ inputs.name }}"}}
            ```
            """)
        repl.send("/hello:greet say --name Ada")
        try repl.waitFor("Bonjour Ada!\n [edited]")

        try fixture.write("skills/farewell/SKILL.md", "---\nname: farewell\ndescription: says goodbye\ntools: [core]\n---\n")
        try fixture.write("skills/farewell/workflow/bye.md", "---\nname: bye\noutputs:\n  text: bye from a new skill\n---\n")
        try fixture.write("commands/bye.md", "---\ndescription: say goodbye\nworkflow: farewell/bye\n---\n")
        repl.send("/bye")
        try repl.waitFor("bye from a new skill")
        repl.send("/quit")
        #expect(repl.finish() == 0, "\(repl.printed)")
    }

    @Test("on a terminal: Tab completes commands, operations and flags; history is kept in a file")
    func terminal() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let history = fixture.path("history")
        let repl = try FaberBinary.locate().startOnTerminal(["--workspace", fixture.root], environment: ["FABER_HISTORY": history])
        try repl.waitFor("faber> ")
        repl.type("/hello\t")
        try repl.waitFor(":greet ")
        repl.type("s\t")
        try repl.waitFor("ay ")
        repl.type("--st\t")
        try repl.waitFor("yle ")
        repl.type("l\t--name Ada\r")
        try repl.waitFor("HELLO, Ada! (x1)")
        repl.type("/quit\r")
        #expect(repl.finish() == 0, "\(repl.printed)")
        let saved = fixture.read("history") ?? ""
        #expect(saved.contains("/hello:greet\\040say\\040--style\\040loud\\040--name\\040Ada"))
    }

    @Test("on a terminal: a space typed after a completed word adds no second one, except inside quotes")
    func oneSpace() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let history = fixture.path("history")
        let repl = try FaberBinary.locate().startOnTerminal(["--workspace", fixture.root], environment: ["FABER_HISTORY": history])
        try repl.waitFor("faber> ")
        repl.type("/hello\t")
        try repl.waitFor(":greet ")
        repl.type(" say  --name 'A  B'\r")
        try repl.waitFor("Hello, A  B.")
        repl.type("/quit\r")
        #expect(repl.finish() == 0, "\(repl.printed)")
        #expect((fixture.read("history") ?? "").contains("/hello:greet\\040say\\040--name\\040'A\\040\\040B'"), "\(fixture.read("history") ?? "")")
    }
}

@Suite("Ctrl-C, end to end", .timeLimit(.minutes(1)))
struct InterruptEndToEndTests {
    @Test("Ctrl-C at a confirmation cancels the run cleanly: exit 130, nothing written")
    func interruptConfirmation() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let run = try FaberBinary.locate().startOnTerminal(["--workspace", fixture.root, "run", "/hello:greet record --name Ada"])
        try run.waitFor("Record a greeting for Ada? [y/N]")
        run.type("\u{03}")
        try run.waitFor("cancelled")
        #expect(run.finish() == 130, "\(run.printed)")
        #expect(fixture.read("greetings/log.json") == nil)
    }

    @Test("in the REPL, Ctrl-C at a confirmation cancels that command, on every command, and the REPL goes on")
    func interruptInREPL() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let repl = try FaberBinary.locate().startOnTerminal(["--workspace", fixture.root])
        try repl.waitFor("faber> ")
        for (n, name) in ["Ada", "Bo"].enumerated() {
            repl.type("/hello:greet record --name \(name)\r")
            try repl.waitFor("Record a greeting for \(name)? [y/N]")
            repl.type("\u{03}")
            try repl.waitFor("cancelled (nothing more was started)", occurrences: n + 1)
        }
        repl.type("/hello:greet say --name Done\r")
        let output = try repl.waitFor("Hello, Done. (x1)", timeout: 20)
        #expect(output.components(separatedBy: "cancelled (nothing more was started)").count == 3, "\(output)")
        repl.type("/quit\r")
        #expect(repl.finish() == 0, "\(repl.printed)")
        #expect(fixture.read("greetings/log.json") == nil)
    }
}
