import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// What a hostile or careless command line does to the faber binary: usage errors before anything
/// runs, nothing unescaped on the terminal.
@Suite("Hostile command lines, end to end")
struct HardeningEndToEndTests {
    @Test("a --plugin-dir that does not exist is a usage error (64)")
    func missingPluginDir() throws {
        let result = try TestWorkspace(fixture: "hello").faber("--plugin-dir", "/nonexistent/faber-plugins", "check")
        #expect(result.status == 64)
        #expect(result.stderr.contains("plugin folder not found: /nonexistent/faber-plugins"))
    }

    @Test("control characters in arguments are shown escaped in messages, never sent to the terminal")
    func escapedArguments() throws {
        let result = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name A --style \u{1B}[31mRED")
        #expect(result.status == 64)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains("\\x1b[31mRED"))
        let hidden = try TestWorkspace(fixture: "hello").faber("run", "/hello:greet say --name A --style pl\u{01}ain")
        #expect(hidden.stderr.contains("pl\\x01ain"), "\(hidden.stderr)")
    }

    @Test("an out-of-range duration is a usage error before any AWS call", arguments: ["3000000d", "1e400", "inf"])
    func hugeTimeframe(_ value: String) async throws {
        let ws = try TestWorkspace(copyingRepository: ["plugins", ".fractary"], prefix: "hardening")
        // An endpoint nobody answers: a call that got through would fail with 69.
        let result = try FaberBinary.locate().run(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage check-health --env test --timeframe \(value) --trace"],
            environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y", "AWS_REGION": "us-east-1"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--timeframe needs a duration"))
        #expect(!result.stderr.contains("aws: "))
    }

    @Test("check and run agree: a missing template and a config setting of the wrong type stop both (65)")
    func checkAndRunAgree() throws {
        let ws = try TestWorkspace(fixture: "hello")
        try ws.edit("plugins/hello/skills/greeting/workflow/say.md", replacing: "template: greeting", with: "template: greetin")
        let check = try ws.faber("check")
        #expect(check.status == 65)
        #expect(check.stderr.contains("error: no template 'greetin' in plugins/hello/skills/greeting/templates"), "\(check.stderr)")
        #expect(check.stderr.contains("did you mean 'greeting'?"))
        let run = try ws.faber("run", "/hello:greet say --name A")
        #expect(run.status == 65)
        #expect(run.stderr.contains("no template 'greetin'"))

        let config = try TestWorkspace(fixture: "hello")
        try config.writeConfig(#"{"environments": {"test": {"region": 5}}}"#, folder: "hello")
        let checked = try config.faber("check")
        #expect(checked.status == 65)
        #expect(checked.stderr.contains("'region' of environment 'test' must be text"))
        let ran = try config.faber("run", "/hello:greet say --name A")
        #expect(ran.status == 65, "\(ran.stdout)")
        #expect(ran.stderr.contains("'region' of environment 'test' must be text"))
    }
}
