import FaberCore
import FaberHandlers
import FaberTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Built-in handlers")
struct CoreHandlerTests {
    func context(
        _ workspace: String, skill: String? = nil, console: any Console = TestConsole(),
        options: RunOptions = RunOptions()
    ) -> HandlerContext {
        HandlerContext.testing(workspace: workspace, skillDirectory: skill, options: options, console: console, stepID: "step")
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
            return e?.message == "no template 'reprot' in skills/s/templates" && e?.hint == "did you mean 'report'?"
        }
    }

    /// The error `core.render` throws for `template` in skill `s` of `ws`, as `path:line:col: error: message`.
    func renderError(_ template: String, in ws: TestWorkspace, values: Value = [:]) async -> FaberError? {
        do {
            _ = try await RenderHandler().run(["template": .string(template), "values": values], context: context(ws.root, skill: ws.root + "/skills/s"))
            return nil
        } catch {
            return error as? FaberError
        }
    }

    @Test("core.render: a broken template breaks only the templates that use it, and is the one named")
    func brokenSibling() async throws {
        let ws = try TestWorkspace([
            "skills/s/templates/t.mustache": "Hello {{name}}",
            "skills/s/templates/bad.mustache": "line 1\n{{#items}}\n- {{.}}\n",
            "skills/s/templates/uses-bad.mustache": "before\n  {{> bad}}\n",
        ])
        let output = try await RenderHandler().run(["template": "t", "values": ["name": "x"]], context: context(ws.root, skill: ws.root + "/skills/s"))
        #expect(output["text"] == "Hello x")

        let bad = await renderError("bad", in: ws)
        #expect(
            bad?.description == """
                skills/s/templates/bad.mustache:2:1: error: section opened with {{#items}} is not closed; add {{/items}} where it should end
                """)
        #expect(bad?.exitStatus == .invalidSpec)

        let viaPartial = await renderError("uses-bad", in: ws)
        #expect(viaPartial?.location == SourceLocation(path: "skills/s/templates/bad.mustache", line: 2, column: 1))
        #expect(viaPartial?.hint == "used by {{> bad}} at skills/s/templates/uses-bad.mustache:2:3")
    }

    @Test(
        "core.render: template parse errors are sentences at the tag at fault",
        arguments: [
            // swift-mustache says 2:1 for these (the line after the tag); the tag is on line 1.
            ("{{name\n", "1:1: error: tag {{name is not closed; end it with }}"),
            ("ok\n{{name\n", "2:1: error: tag {{name is not closed; end it with }}"),
            ("{{name\nfoo\n", "1:1: error: tag {{name is not closed; end it with }}"),
            ("{{name\nfoo}}\n", "1:1: error: tag {{name is not closed on its line; end it with }} (as {{name}})"),
            ("{{#a}}\nx\n", "1:1: error: section opened with {{#a}} is not closed; add {{/a}} where it should end"),
            ("{{^a}}\n{{#b}}{{/b}}\n", "1:1: error: inverted section opened with {{^a}} is not closed; add {{/a}} where it should end"),
            (
                "a\n{{#a}}{{#b}}x{{/a}}\n",
                "2:14: error: {{/a}} does not close the section opened with {{#b}} at line 2; "
                    + "close it with {{/b}} first (sections close in the reverse order they open), or fix the name"
            ),
            ("x\n{{/a}}", "2:1: error: {{/a}} closes a section that is not open; remove it, or open the section before it with {{#a}}"),
            ("{{na me}}", "1:1: error: {{na me}} is not a valid tag: a name may contain only letters, digits and . _ - ? *, without spaces"),
            ("{{> my partial}}", "1:1: error: {{> my partial}} is not a valid tag: a name may contain only letters, digits and . _ - ? * /, without spaces"),
            ("{{a(b}}", "1:1: error: {{a(b}} is not a valid transform; write it as {{transform(name)}}, with one ')' for each '('"),
            ("x {{{n}}", "1:3: error: {{{n}} lacks its third closing brace; write {{{n}}}"),
            ("{{! note", "1:1: error: comment {{! note is not closed; end it with }}"),
            (
                "{{=<% %>}}",
                "1:1: error: {{=<% %>}} does not set delimiters; write {{=<% %>=}}: "
                    + "the new opening and closing delimiters, separated by a space, between equals signs"
            ),
            ("{{=<% %>=}}\n<%#a%>\n", "2:1: error: section opened with <%#a%> is not closed; add <%/a%> where it should end"),
            ("{{$a(b)}}x{{/a(b)}}", "1:1: error: block {{$a(b)}} applies a transform, which blocks cannot; use a plain name such as {{$name}}"),
            (
                "{{<p}}\n{{$b}}ok{{/b}}\n{{x}}\n{{/p}}",
                "3:1: error: {{x}} cannot stand directly inside {{<p}}: "
                    + "only block overrides ({{$name}}...{{/name}}) and text may; move it into a block"
            ),
            ("{{% FOO}}", "1:1: error: {{% FOO}} is not a valid pragma; write {{% CONTENT_TYPE: TEXT}} (a name, a colon, a value)"),
            (
                "{{% FOO: BAR}}",
                "1:1: error: {{% FOO: BAR}} is not a known pragma; the only one is {{% CONTENT_TYPE: TEXT}} (or HTML, to escape variables for HTML)"
            ),
            (
                "{{% CONTENT_TYPE: XML}}",
                "1:1: error: {{% CONTENT_TYPE: XML}} names an unknown content type; use TEXT (what faber renders by default) "
                    + "or HTML (to escape variables for HTML)"
            ),
            // CR LF: swift-mustache counts the column from the start of the file (3:9).
            ("a\r\nbb{{x\r\n", "2:3: error: tag {{x is not closed; end it with }}"),
        ])
    func parseErrors(source: String, expected: String) async throws {
        let ws = try TestWorkspace(["skills/s/templates/t.mustache": source])
        let error = await renderError("t", in: ws)
        #expect(error?.description == "skills/s/templates/t.mustache:" + expected)
        #expect(
            RenderHandler.check(templatesIn: ws.root + "/skills/s/templates", workspace: ws.root).map(\.description)
                == ["skills/s/templates/t.mustache:" + expected])
    }

    @Test("core.render: a missing partial is an error naming it and the template, with did-you-mean")
    func missingPartial() async throws {
        let ws = try TestWorkspace([
            "skills/s/templates/report.mustache": "{{title}}\n{{#items}}{{> itme}}{{/items}}\n",
            "skills/s/templates/item.mustache": "{{name}}",
            "skills/s/templates/outer.mustache": "[{{> middle}}]",
            "skills/s/templates/middle.mustache": "{{> nopartial}}",
        ])
        let error = await renderError("report", in: ws, values: ["title": "T", "items": []])
        #expect(
            error?.description == """
                skills/s/templates/report.mustache:2:11: error: template 'report' uses partial 'itme' ({{> itme}}), \
                but there is no template 'itme' in skills/s/templates
                  hint: did you mean 'item'?
                """)
        // Through another partial: the template whose tag names it is the one named.
        let nested = await renderError("outer", in: ws)
        #expect(nested?.message == "template 'middle' uses partial 'nopartial' ({{> nopartial}}), but there is no template 'nopartial' in skills/s/templates")
        #expect(nested?.hint == "create skills/s/templates/nopartial.mustache, or remove the tag")
        #expect(nested?.location == SourceLocation(path: "skills/s/templates/middle.mustache", line: 1, column: 1))
    }

    @Test("core.render renders plain text: no HTML escaping, in partials and sections too; standalone lines as before")
    func plainText() async throws {
        let ws = try TestWorkspace([
            "skills/s/templates/t.mustache": "{{name}} | {{{name}}} | {{#list}}{{.}};{{/list}} | {{> p}}",
            "skills/s/templates/p.mustache": "<{{name}}>",
            "skills/s/templates/lines.mustache": "\n{{#items}}\n  - {{.}}\n{{/items}}\nend\n",
            "skills/s/templates/html.mustache": "{{% CONTENT_TYPE: HTML}}{{name}}",
            "skills/s/templates/emails/welcome.mustache": "Hi {{name}}{{> p}}",
        ])
        func render(_ template: String) async throws -> Value? {
            try await RenderHandler().run(
                ["template": .string(template), "values": ["name": "A & B <c>", "list": ["x\"y", "'z'"], "items": ["a", "b"]]],
                context: context(ws.root, skill: ws.root + "/skills/s"))["text"]
        }
        #expect(try await render("t") == "A & B <c> | A & B <c> | x\"y;'z'; | <A & B <c>>")
        #expect(try await render("lines") == "\n  - a\n  - b\nend\n")
        #expect(try await render("emails/welcome") == "Hi A & B <c><A & B <c>>")
        // A template may still ask for HTML escaping itself.
        #expect(try await render("html") == "A &amp; B &lt;c&gt;")
    }

    @Test("RenderHandler.check: one diagnostic per template that does not parse or names a missing partial; no render")
    func checkTemplates() async throws {
        let ws = try TestWorkspace([
            "skills/s/templates/good.mustache": "{{#a}}{{> part}}{{/a}} {{>*dynamic}}",
            "skills/s/templates/part.mustache": "x",
            "skills/s/templates/bad.mustache": "ok\n{{#a}}\n",
            "skills/s/templates/sub/worse.mustache": "{{/b}}",
            "skills/s/templates/orphan.mustache": "{{> summary}}",
        ])
        let diagnostics = RenderHandler.check(templatesIn: ws.root + "/skills/s/templates", workspace: ws.root)
        #expect(
            diagnostics.map(\.description) == [
                "skills/s/templates/bad.mustache:2:1: error: section opened with {{#a}} is not closed; add {{/a}} where it should end",
                "skills/s/templates/orphan.mustache:1:1: error: template 'orphan' uses partial 'summary' ({{> summary}}), "
                    + "but there is no template 'summary' in skills/s/templates\n  hint: create skills/s/templates/summary.mustache, or remove the tag",
                "skills/s/templates/sub/worse.mustache:1:1: error: {{/b}} closes a section that is not open; "
                    + "remove it, or open the section before it with {{#b}}",
            ])
        // Outside the workspace paths stay absolute; no folder, nothing to check.
        let outside = RenderHandler.check(templatesIn: ws.root + "/skills/s/templates", workspace: "/elsewhere")
        #expect(outside.first?.location?.path == ws.root + "/skills/s/templates/bad.mustache")
        #expect(RenderHandler.check(templatesIn: ws.root + "/skills/none/templates", workspace: ws.root).isEmpty)
    }

    @Test("core.confirm: --yes confirms; no TTY refuses with exit 75; 'no' refuses unless required is false")
    func confirm() async throws {
        let yes = try await ConfirmHandler().run(["message": "Go?"], context: context("/tmp", options: RunOptions(assumeYes: true)))
        #expect(yes["confirmed"] == true)

        await #expect {
            try await ConfirmHandler().run(["message": "Restart prod?"], context: context("/tmp"))
        } throws: { ($0 as? FaberError)?.exitStatus == .refused && ($0 as? FaberError)?.message == "confirmation needed: Restart prod?" }

        let console = TestConsole(answer: false)
        await #expect {
            try await ConfirmHandler().run(["message": "Restart prod?"], context: context("/tmp", console: console))
        } throws: { ($0 as? FaberError)?.exitStatus == .refused }
        #expect(console.questions == ["Restart prod?"])

        let optional = try await ConfirmHandler().run(["message": "Also?", "required": false], context: context("/tmp", console: TestConsole(answer: false)))
        #expect(optional["confirmed"] == false)
        let agreed = try await ConfirmHandler().run(["message": "Go?"], context: context("/tmp", console: TestConsole(answer: true)))
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
        // A `keep` computed at run time is checked too, and nothing is written.
        await #expect {
            _ = try await SaveReportHandler().run(["path": "h.json", "data": ["n": 5], "append": true, "keep": -1], context: context(ws.root))
        } throws: { error in
            let error = error as? FaberError
            return error?.message == "report.save input 'keep' must be a whole number of 1 or more, got -1" && error?.exitStatus == .usage
        }
        #expect(try Value.parseJSON(try String(contentsOfFile: ws.root + "/h.json", encoding: .utf8)) == [["n": 2], ["n": 3], ["n": 4]])
    }

    @Test("report.save refuses absolute paths and symbolic links that lead out of the workspace")
    func escapes() async throws {
        let ws = try TestWorkspace([:])
        let outside = TestFolders.make("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/out", withDestinationPath: outside)
        await #expect {
            try await SaveReportHandler().run(["path": .string(outside + "/x.json"), "data": 1], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message == "report.save path '\(outside)/x.json' must be relative to the workspace" }
        await #expect {
            try await SaveReportHandler().run(["path": "out/deeper/x.json", "data": 1], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message == "report.save path 'out/deeper/x.json' leaves the workspace through a symbolic link" }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
    }

    @Test("report.save does not write through a symbolic link, to a folder, or over a JSON object")
    func plainFilesOnly() async throws {
        let ws = try TestWorkspace(["d/keep.txt": "x", "object.json": "{\"a\": 1}\n"])
        let outside = TestFolders.make("outside") + ".json"
        try "[1]\n".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/link.json", withDestinationPath: outside)
        await #expect {
            try await SaveReportHandler().run(["path": "link.json", "data": 2, "append": true], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message == "report.save path 'link.json' is a symbolic link; faber writes reports only to plain files" }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.root + "/link.json") == outside)
        await #expect {
            try await SaveReportHandler().run(["path": "d", "data": 2], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message == "report.save path 'd' is a folder" }
        await #expect {
            try await SaveReportHandler().run(["path": "object.json", "data": 2, "append": true], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message == "cannot append to object.json: it holds a JSON object, not a list" }
        #expect(try String(contentsOfFile: ws.root + "/object.json", encoding: .utf8) == "{\"a\": 1}\n")
    }

    @Test("report.save writes nothing with --dry-run")
    func dryRun() async throws {
        let ws = try TestWorkspace([:])
        let out = try await SaveReportHandler().run(["path": "r.json", "data": 1], context: context(ws.root, options: RunOptions(dryRun: true)))
        #expect(out["dry_run"] == true)
        #expect(!FileManager.default.fileExists(atPath: ws.root + "/r.json"))
    }

    @Test("report.save never overwrites a file it cannot append to")
    func appendToGarbage() async throws {
        let ws = try TestWorkspace(["history.json": "not json\n"])
        await #expect {
            try await SaveReportHandler().run(["path": "history.json", "data": 1, "append": true], context: context(ws.root))
        } throws: { ($0 as? FaberError)?.message.hasPrefix("cannot append to history.json: it is not JSON (1:1:") == true }
        #expect(try String(contentsOfFile: ws.root + "/history.json", encoding: .utf8) == "not json\n")
    }

    @Test("core.confirm with required: false and no terminal gives confirmed: false")
    func optionalWithoutTerminal() async throws {
        let out = try await ConfirmHandler().run(["message": "Also?", "required": false], context: context("/tmp"))
        #expect(out["confirmed"] == false)
    }

    @Test("report.save refuses paths that leave the workspace")
    func escape() async throws {
        await #expect {
            try await SaveReportHandler().run(["path": "../outside.json", "data": 1], context: context("/tmp/ws"))
        } throws: { ($0 as? FaberError)?.message == "report.save path '../outside.json' leaves the workspace" }
    }
}
