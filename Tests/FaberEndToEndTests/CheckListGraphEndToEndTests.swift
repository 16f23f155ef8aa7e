import FaberTestSupport
import Foundation
import Testing

@Suite("faber check, list and graph, end to end")
struct CheckListGraphEndToEndTests {
    @Test("check on a clean workspace exits 0")
    func clean() throws {
        let result = try TestWorkspace(fixture: "hello").faber("check")
        #expect(result.status == 0)
        #expect(result.stdout == "faber check: 0 errors, 0 warnings in 5 specs\n")
    }

    @Test("check reports every problem with path:line:col and exits 65")
    func broken() throws {
        let result = try TestWorkspace(fixture: "broken").faber("check")
        #expect(result.status == 65)
        let expected = [
            "agents/operator.md:9:12: error: unknown skill 'opps' (used by operation 'audit')\n  hint: did you mean 'ops'?",
            "commands/deploy.md:3:8: error: unknown agent 'deployer' in command '/deploy'",
            "commands/ops.md:4:1: warning: unknown key 'colour' in command\n  hint: did you mean 'color'?",
            "skills/ops/workflow/main.md:9:7: error: unknown handler 'core.rendr'\n  hint: did you mean 'core.render'?",
            "skills/ops/workflow/main.md:16:7: error: handler 'report.save' is not in the tools of skill 'ops' (tools: [core])\n  hint: add 'report' to 'tools' in skills/ops/SKILL.md",
            "error: dependency cycle: one -> two -> one",
            "skills/ops/workflow/main.md:26:18: error: no template 'x' in skills/ops/templates\n  hint: create skills/ops/templates/x.mustache",
            "skills/ops/workflow/main.md:34:14: error: step 'two' needs unknown step 'fech'\n  hint: did you mean 'fetch'?",
            "skills/ops/workflow/main.md:35:32: error: invalid expression 'inputs.a = 1': '=' is not an operator\n  hint: compare with '=='",
            "skills/syntax/SKILL.md:5:1: error: did not find expected ',' or ']' while parsing a flow sequence",
        ]
        for line in expected {
            #expect(result.stderr.contains(line), "missing: \(line)\n--- stderr:\n\(result.stderr)")
        }
        #expect(result.stderr.hasSuffix("faber check: 9 errors, 1 warning in 6 specs\n"))
    }

    @Test("list shows commands, operations, skills and handlers")
    func list() throws {
        let result = try TestWorkspace(fixture: "hello").faber("list")
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                """
                  /hello:greet <operation> [--name NAME] [--style plain|loud]
                      Greet people and keep a record of greetings
                    say     Say hello to someone
                    record  Save a greeting to the greetings log [mutating]
                """))
        #expect(result.stdout.contains("  greeting (hello): Renders greetings and records them"))
        #expect(result.stdout.contains("core.render"))
    }

    @Test("graph prints Mermaid by default and DOT on request")
    func graph() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        let mermaid = try fixture.faber("graph", "greeting/record")
        #expect(
            mermaid.stdout == """
                flowchart TD
                    s_confirm["confirm<br/>core.confirm"]
                    s_save["save<br/>report.save"]
                    s_confirm --> s_save

                """)
        let dot = try fixture.faber("graph", "greeting/record", "--format", "dot")
        #expect(dot.stdout.contains("\"confirm\" -> \"save\";"))
        let unknown = try fixture.faber("graph", "greeting/recrod")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("skill 'greeting' has no workflow 'recrod'\n  hint: did you mean 'record'?"))
    }
}

@Suite("faber check: skill-level checks, end to end")
struct SkillChecksEndToEndTests {
    @Test("tools naming no handler namespace, and operations mapped to unknown handlers")
    func skillChecks() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write(
            "plugins/hello/skills/greeting/SKILL.md",
            """
            ---
            name: greeting
            description: Renders greetings and records them
            tools: [core, report, awz]
            operations:
              say: workflow/say.md
              record: workflow/record.md
              tags: aws.get-tagz
            ---
            """)
        let result = try fixture.faber("check")
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "plugins/hello/skills/greeting/SKILL.md:4:23: warning: no handler namespace 'awz' in tools of skill 'greeting'\n  hint: did you mean 'aws'?"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("error: operation 'tags' of skill 'greeting' maps to unknown handler 'aws.get-tagz'\n  hint: did you mean 'aws.get-tags'?"),
            "\(result.stderr)")
    }

    @Test("a required workflow input that no argument provides")
    func argumentCoverage() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write("skills/farewell/SKILL.md", "---\nname: farewell\ndescription: says goodbye\n---\n")
        try fixture.write("skills/farewell/workflow/bye.md", "---\nname: bye\ninputs:\n  who: {required: true}\noutputs:\n  text: bye ${{ inputs.who }}\n---\n")
        try fixture.write("commands/bye.md", "---\ndescription: say goodbye\nworkflow: farewell/bye\n---\n")
        let result = try fixture.faber("check")
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "commands/bye.md:3:11: error: /bye runs workflow farewell/bye, which needs input 'who', but takes no --who\n  hint: add 'who' to its arguments (required: true), or give the input a default"
            ), "\(result.stderr)")
    }

    @Test("templates are checked: an unclosed section is reported at its tag")
    func templates() throws {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write("plugins/hello/skills/greeting/templates/bad.mustache", "{{#items}}\nx\n")
        let result = try fixture.faber("check")
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "plugins/hello/skills/greeting/templates/bad.mustache:1:1: error: section opened with {{#items}} is not closed; add {{/items}} where it should end"
            ))
        // The broken sibling does not stop the good template from rendering.
        #expect(try fixture.faber("run", "/hello:greet say --name \"A & B\"").stdout == "Hello, A & B. (x1)\n")
    }
}
