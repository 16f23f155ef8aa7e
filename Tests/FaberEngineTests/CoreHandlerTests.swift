import FaberCore
import FaberHandlers
import Foundation
import Synchronization
import Testing

@Suite("Built-in handlers")
struct CoreHandlerTests {
    final class ScriptedConsole: Console {
        let answer: Bool?
        let asked = Mutex<[String]>([])
        init(answer: Bool?) { self.answer = answer }
        var isInteractive: Bool { answer != nil }
        func confirm(_ message: String) async -> Bool? { asked.withLock { $0.append(message) }; return answer }
        func diagnostic(_ line: String) {}
    }

    func context(_ workspace: String, skill: String? = nil, console: any Console = ScriptedConsole(answer: nil),
                 options: RunOptions = RunOptions()) -> HandlerContext {
        HandlerContext(workspace: workspace, skillDirectory: skill, stepID: "step", console: console, scope: RunScope())
            .with(options)
    }

    @Test("core.render renders the skill's template, with partials")
    func render() async throws {
        let ws = try TestWorkspace([
            "skills/s/templates/report.mustache": "{{title}}: {{#items}}[{{> item}}]{{/items}}",
            "skills/s/templates/item.mustache": "{{name}}={{value}}",
        ])
        let output = try await RenderHandler().run(
            ["template": "report", "values": ["title": "Health", "items": [["name": "a", "value": 1], ["name": "b", "value": 2.5]]]],
            context: context(ws.root, skill: ws.root + "/skills/s"))
        #expect(output["text"] == "Health: [a=1][b=2.5]")
    }

    @Test("core.render names a missing template and suggests the nearest")
    func missingTemplate() async throws {
        let ws = try TestWorkspace(["skills/s/templates/report.mustache": "x"])
        await #expect {
            try await RenderHandler().run(["template": "reprot"], context: context(ws.root, skill: ws.root + "/skills/s"))
        } throws: { error in
            let e = error as? FaberError
            return e?.message == "no template 'reprot' in \(ws.root)/skills/s/templates" && e?.hint == "did you mean 'report'?"
        }
    }

    @Test("core.confirm: --yes confirms; no TTY refuses with exit 75; 'no' refuses unless required is false")
    func confirm() async throws {
        let yes = try await ConfirmHandler().run(["message": "Go?"], context: context("/tmp", options: RunOptions(assumeYes: true)))
        #expect(yes["confirmed"] == true)

        await #expect {
            try await ConfirmHandler().run(["message": "Restart prod?"], context: context("/tmp"))
        } throws: { ($0 as? FaberError)?.exitStatus == .refused && ($0 as? FaberError)?.message == "confirmation needed: Restart prod?" }

        let console = ScriptedConsole(answer: false)
        await #expect {
            try await ConfirmHandler().run(["message": "Restart prod?"], context: context("/tmp", console: console))
        } throws: { ($0 as? FaberError)?.exitStatus == .refused }
        #expect(console.asked.withLock { $0 } == ["Restart prod?"])

        let optional = try await ConfirmHandler().run(["message": "Also?", "required": false], context: context("/tmp", console: ScriptedConsole(answer: false)))
        #expect(optional["confirmed"] == false)
        let agreed = try await ConfirmHandler().run(["message": "Go?"], context: context("/tmp", console: ScriptedConsole(answer: true)))
        #expect(agreed["confirmed"] == true)
    }

    @Test("report.save writes pretty JSON; append keeps a list, trimmed to `keep`")
    func save() async throws {
        let ws = try TestWorkspace([:])
        let out = try await SaveReportHandler().run(["path": "reports/a.json", "data": ["ok": true]], context: context(ws.root))
        #expect(out["path"] == "reports/a.json")
        #expect(try String(contentsOfFile: ws.root + "/reports/a.json", encoding: .utf8) == "{\n  \"ok\": true\n}\n")
        for n in 1...4 {
            _ = try await SaveReportHandler().run(["path": "h.json", "data": ["n": .int(n)], "append": true, "keep": 3], context: context(ws.root))
        }
        let history = try Value.parseJSON(try String(contentsOfFile: ws.root + "/h.json", encoding: .utf8))
        #expect(history == [["n": 2], ["n": 3], ["n": 4]])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.root).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("report.save refuses paths that leave the workspace")
    func escape() async throws {
        await #expect {
            try await SaveReportHandler().run(["path": "../outside.json", "data": 1], context: context("/tmp/ws"))
        } throws: { ($0 as? FaberError)?.message == "report.save path '../outside.json' leaves the workspace" }
    }
}

extension HandlerContext {
    func with(_ options: RunOptions) -> HandlerContext {
        var copy = self
        copy.options = options
        return copy
    }
}
