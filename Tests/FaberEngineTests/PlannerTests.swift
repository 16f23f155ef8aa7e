import FaberCore
import FaberSpec
import FaberTestSupport
import Testing

@testable import FaberEngine

@Suite("Planner checks")
struct PlannerTests {
    let handlers: [any Handler] = [
        TestHandler("core.echo") { input, _ in input },
        TestHandler("aws.query-metrics", inputs: [.init("env", required: true), .init("resources", required: true)], acceptsOtherInputs: false) { _, _ in [:] },
        TestHandler(
            "report.keep",
            inputs: [
                .init("keep", .wholeNumber(min: 1), "newest N entries"), .init("append", .flag),
                .init("mode", .oneOf(["fast", "full"])), .init("limit", .wholeNumber(min: 1, max: 10)),
            ]
        ) { _, _ in [:] },
    ]

    /// Diagnostics as `path:line:col: error: message` with the workspace prefix removed.
    func problems(_ ws: TestWorkspace, _ name: String = "demo/main", config: Value? = [:]) -> [String] {
        ws.plan(name, handlers: handlers, config: config).1.map {
            $0.description.replacingOccurrences(of: ws.root + "/", with: "")
        }
    }

    static let wf = "skills/demo/workflow/main.md"

    @Test("unknown handler, with a did-you-mean")
    func unknownHandler() throws {
        let ws = try TestWorkspace.skill(steps: "## A\n```step\nuses: core.ecko\n```")
        #expect(problems(ws) == ["\(Self.wf):7:7: error: unknown handler 'core.ecko'\n  hint: did you mean 'core.echo'?"])
    }

    @Test("needs naming an unknown step")
    func unknownNeed() throws {
        let ws = try TestWorkspace.skill(steps: "## Fetch\n```step\nuses: core.echo\n```\n## Use\n```step\nuses: core.echo\nneeds: [fetsh]\n```")
        #expect(problems(ws) == ["\(Self.wf):12:9: error: step 'use' needs unknown step 'fetsh'\n  hint: did you mean 'fetch'?"])
    }

    @Test("a cycle names the steps in it")
    func cycle() throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: core.echo
                needs: [c]
                ```
                ## B
                ```step
                uses: core.echo
                needs: [a]
                ```
                ## C
                ```step
                uses: core.echo
                needs: [b]
                ```
                """)
        let found = problems(ws)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("\(Self.wf):") == true)
        #expect(
            found.first?.hasSuffix("error: dependency cycle: a -> b -> c -> a\n  hint: remove one of these steps from another's 'needs'") == true, "\(found)")
    }

    @Test("steps of a cycle that read each other are reported once, as the cycle")
    func cycleWithReferences() throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: core.echo
                needs: [b]
                with: {x: "${{ steps.b.outputs.x }}"}
                ```
                ## B
                ```step
                uses: core.echo
                needs: [a]
                with: {x: "${{ steps.a.outputs.x }}"}
                ```
                """)
        let found = problems(ws)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("dependency cycle: a -> b -> a") == true, "\(found)")
    }

    @Test("an expression that does not parse")
    func badExpression() throws {
        let ws = try TestWorkspace.skill(steps: "## A\n```step\nuses: core.echo\nwith:\n  x: ${{ inputs.a = 1 }}\n```")
        #expect(problems(ws) == ["\(Self.wf):9:19: error: invalid expression 'inputs.a = 1': '=' is not an operator\n  hint: compare with '=='"])
    }

    @Test("a handler outside the skill's tools")
    func tools() throws {
        let ws = try TestWorkspace.skill(tools: "[core]", steps: "## A\n```step\nuses: aws.query-metrics\nwith: {env: test, resources: []}\n```")
        #expect(
            problems(ws) == [
                "\(Self.wf):7:7: error: handler 'aws.query-metrics' is not in the tools of skill 'demo' (tools: [core])\n  hint: add 'aws' to 'tools' in skills/demo/SKILL.md"
            ])
    }

    @Test("reading a step's outputs without depending on it")
    func undeclaredDependency() throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: core.echo
                needs: []
                ```
                ## B
                ```step
                uses: core.echo
                needs: []
                with: {x: "${{ steps.a.outputs.y }}"}
                ```
                """)
        #expect(problems(ws) == ["\(Self.wf):14:16: error: step 'b' reads steps.a but does not depend on it\n  hint: add 'a' to the 'needs' of step 'b'"])
    }

    @Test("required handler inputs must be given; unknown ones are warned about")
    func handlerInputs() throws {
        let ws = try TestWorkspace.skill(steps: "## M\n```step\nuses: aws.query-metrics\nwith: {env: test, resource: []}\n```")
        #expect(
            problems(ws) == [
                "\(Self.wf):8:7: error: step 'm' does not give required input 'resources' of aws.query-metrics",
                "\(Self.wf):8:19: error: aws.query-metrics has no input 'resource'\n  hint: did you mean 'resources'?",
            ])
    }

    @Test("uses resolved from config: handler-hosting-${{ config.handlers.hosting.active }}:op")
    func usesFromConfig() throws {
        let ws = try TestWorkspace([
            "skills/handler-hosting-aws/SKILL.md":
                "---\nname: handler-hosting-aws\ndescription: aws\ntools: [aws]\noperations:\n  query-metrics: aws.query-metrics\n---\n",
            "skills/demo/SKILL.md": "---\nname: demo\ndescription: d\n---\n",
            "skills/demo/workflow/main.md": """
            ---
            name: main
            ---
            ## Metrics
            ```step
            uses: handler-hosting-${{ config.handlers.hosting.active }}:query-metrics
            with: {env: test, resources: []}
            ```
            """,
        ])
        let (plan, diagnostics) = ws.plan("demo/main", handlers: handlers, config: ["handlers": ["hosting": ["active": "aws"]]])
        #expect(diagnostics.isEmpty)
        #expect(plan?.steps.first?.resolvedUses == "aws.query-metrics")

        let unset = problems(ws, config: [:])
        #expect(
            unset == [
                "\(Self.wf):6:27: error: 'uses' needs config.handlers.hosting.active, which the configuration does not set\n  hint: set it in .fractary/plugins/<plugin>/config.json"
            ])

        let wrong = problems(ws, config: ["handlers": ["hosting": ["active": "gcp"]]])
        #expect(
            wrong == [
                "\(Self.wf):6:7: error: unknown skill 'handler-hosting-gcp' in 'uses: handler-hosting-gcp:query-metrics'\n  hint: did you mean 'handler-hosting-aws'?"
            ])
    }

    @Test("a step may call another skill's workflow; inputs are checked")
    func subWorkflow() throws {
        let ws = try TestWorkspace([
            "skills/lib/SKILL.md": "---\nname: lib\ndescription: l\noperations:\n  greet: workflow/greet.md\n---\n",
            "skills/lib/workflow/greet.md":
                "---\nname: greet\ninputs:\n  who: {required: true}\noutputs:\n  text: ${{ steps.say.outputs.text }}\n---\n## Say\n```step\nuses: core.echo\nwith: {text: \"hi ${{ inputs.who }}\"}\n```\n",
            "skills/demo/SKILL.md": "---\nname: demo\ndescription: d\n---\n",
            "skills/demo/workflow/main.md": "---\nname: main\n---\n## Call\n```step\nuses: lib:greet\nwith: {whom: x}\n```\n",
        ])
        #expect(
            problems(ws) == [
                "\(Self.wf):7:7: error: step 'call' does not give required input 'who' of workflow lib/greet",
                "\(Self.wf):7:8: error: workflow lib/greet has no input 'whom'\n  hint: did you mean 'who'?",
            ])
    }

    @Test("timeout, concurrency and for_each values that cannot work")
    func policies() throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: core.echo
                timeout: 0s
                concurrency: 3
                ```
                ## B
                ```step
                uses: core.echo
                for_each: 5
                ```
                """)
        let found = problems(ws)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains("\(Self.wf):8:10: error: timeout must be more than 0 (e.g. 30s)"))
        #expect(
            found.contains {
                $0.hasPrefix("\(Self.wf):")
                    && $0.hasSuffix(
                        " warning: concurrency has no effect without for_each\n  hint: independent steps already run at the same time; concurrency caps for_each items"
                    )
            })
        #expect(found.contains("\(Self.wf):14:11: error: for_each must be a list or an expression that gives one, not a number"))
    }

    @Test("workflows that call each other in a loop are named in order")
    func workflowLoop() throws {
        let ws = try TestWorkspace([
            "skills/a/SKILL.md": "---\nname: a\ndescription: a\n---\n",
            "skills/b/SKILL.md": "---\nname: b\ndescription: b\n---\n",
            "skills/a/workflow/x.md": "---\nname: x\n---\n## Call\n```step\nuses: b:y\n```\n",
            "skills/b/workflow/y.md": "---\nname: y\n---\n## Call\n```step\nuses: a:x\n```\n",
        ])
        #expect(
            problems(ws, "a/x") == [
                "skills/b/workflow/y.md:6:7: error: workflows call each other in a loop: a/x -> b/y -> a/x\n  hint: a workflow may not call itself, directly or through others"
            ])
    }

    @Test("a value written as it is must be of the kind the handler takes, at the value's position")
    func literalKinds() throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: report.keep
                with:
                  keep: -1
                  append: yes
                  mode: slow
                  limit: 11
                ```
                """)
        #expect(
            problems(ws) == [
                "\(Self.wf):9:9: error: report.keep input 'keep' must be a whole number of 1 or more, got -1\n  hint: keep: newest N entries",
                "\(Self.wf):10:11: error: report.keep input 'append' must be true or false, got \"yes\"",
                "\(Self.wf):11:9: error: report.keep input 'mode' must be one of fast, full, got \"slow\"",
                "\(Self.wf):12:10: error: report.keep input 'limit' must be a whole number from 1 to 10, got 11",
            ])
    }

    @Test("values computed by expressions are the handler's to check when it runs; good literals pass")
    func computedValuesAreNotJudged() throws {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  n: {default: 3}",
            steps: """
                ## A
                ```step
                uses: report.keep
                with: {keep: "${{ inputs.n }}", append: true, mode: FULL, limit: 10}
                ```
                """)
        #expect(problems(ws) == [])
    }

    @Test("an if that reads nothing is a warning saying whether the step always or never runs")
    func constantCondition() throws {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  env: {default: test}",
            steps: """
                ## A
                ```step
                uses: core.echo
                if: 3
                ```
                ## B
                ```step
                uses: core.echo
                if: ${{ len('') > 0 }}
                ```
                ## C
                ```step
                uses: core.echo
                if: ${{ inputs.env == 'prod' }}
                ```
                """)
        #expect(
            problems(ws) == [
                "\(Self.wf):10:5: warning: step 'a' always runs: its 'if' reads no input, step, env or config value\n  hint: write a condition such as ${{ inputs.env == 'prod' }}, or remove the 'if'",
                "\(Self.wf):15:5: warning: step 'b' never runs: its 'if' reads no input, step, env or config value\n  hint: write a condition such as ${{ inputs.env == 'prod' }}, or remove the 'if'",
            ])
    }

    @Test("format() with a written pattern naming a placeholder no argument fills is an error at the expression")
    func formatPlaceholders() throws {
        let ws = try TestWorkspace.skill(
            steps: "## A\n```step\nuses: core.echo\nwith:\n  x: ${{ format('{0}-{1}', 'a') }}\n  y: ${{ format('{0}', 'a') }}\n```")
        #expect(problems(ws) == ["\(Self.wf):9:10: error: format() has no value for '{1}' (1 value given)"])
    }
}
