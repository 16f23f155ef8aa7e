import FaberCore
import FaberTestSupport
import Testing

@testable import FaberEngine

/// The production guard keys on the handler's signature (`changesResources`, `environmentInput`)
/// and the run's environment, and fails closed.
@Suite("The production guard", .timeLimit(.minutes(1)))
struct ProductionGuardTests {
    /// A workflow with one step `uses: <handler>` given `with`.
    func plan(_ handler: TestHandler, with: String) throws -> Plan {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  env: {}",
            steps: """
                ## Change
                ```step
                id: change
                uses: \(handler.id)
                with: \(with)
                ```
                """)
        let (plan, diagnostics) = ws.plan("demo/main", handlers: [handler])
        return try #require(plan, "\(diagnostics)")
    }

    @Test("a step that changes resources and names no environment, in a run without --env, is refused and changes nothing")
    func unknownEnvironmentIsRefused() async throws {
        let changes = Counter()
        let restart = TestHandler("t.restart", changesResources: true) { _, _ in
            changes.enter()
            changes.leave()
            return [:]
        }
        let plan = try plan(restart, with: "{}")
        for options in [RunOptions(), RunOptions(assumeYes: true)] {
            await #expect {
                try await Executor.testing(options: options).run(plan, inputs: [:])
            } throws: { error in
                let failure = error as? StepFailure
                return failure?.code == "environment-unknown" && failure?.exitStatus == .invalidSpec
                    && failure?.underlying
                        == "step 'change' (t.restart) changes resources, but neither its 'env' input nor the run's --env says in which environment"
            }
        }
        #expect(changes.total == 0)
    }

    @Test("a handler that names its environment in another input is guarded by that input")
    func environmentFromTheSignature() async throws {
        let changes = Counter()
        let deploy = TestHandler("t.deploy", changesResources: true, environmentInput: "target") { _, _ in
            changes.enter()
            changes.leave()
            return [:]
        }
        let plan = try plan(deploy, with: "{target: prod}")
        await #expect {
            try await Executor.testing().run(plan, inputs: [:])
        } throws: { ($0 as? StepFailure)?.code == "confirmation-required" }
        #expect(changes.total == 0)
        _ = try await Executor.testing(options: RunOptions(assumeYes: true)).run(plan, inputs: [:])
        #expect(changes.total == 1)
    }

    @Test("without an environment input, the run's --env decides")
    func environmentFromTheRun() async throws {
        let changes = Counter()
        let flush = TestHandler("t.flush", changesResources: true, environmentInput: nil) { _, _ in
            changes.enter()
            changes.leave()
            return [:]
        }
        let plan = try plan(flush, with: "{}")
        await #expect {
            try await Executor.testing(environment: "prod").run(plan, inputs: [:])
        } throws: { ($0 as? StepFailure)?.exitStatus == .refused }
        #expect(changes.total == 0)
        _ = try await Executor.testing(environment: "test").run(plan, inputs: [:])
        #expect(changes.total == 1)
        let console = TestConsole(answer: true)
        _ = try await Executor.testing(environment: "production", console: console).run(plan, inputs: [:])
        #expect(console.questions == ["Step 'change' (t.flush) changes resources in environment 'production'. Continue?"])
        #expect(changes.total == 2)
    }

    @Test("values computed by ${{ }} are checked against the handler's input kinds, with check's message")
    func inputKindsAtRunTime() async throws {
        let scale = TestHandler("t.scale", inputs: [.init("count", required: true, .wholeNumber(min: 0, max: 1000), "tasks to run")]) { input, _ in
            ["count": input["count"] ?? .null]
        }
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  count: {}", outputs: "outputs:\n  count: ${{ steps.s.outputs.count }}",
            steps: """
                ## Scale
                ```step
                id: s
                uses: t.scale
                with: {count: "${{ inputs.count }}"}
                ```
                """)
        let plan = try #require(ws.plan("demo/main", handlers: [scale]).0)
        await #expect {
            try await Executor.testing().run(plan, inputs: ["count": "three"])
        } throws: { error in
            let failure = error as? StepFailure
            return failure?.code == "input-kind" && failure?.exitStatus == .invalidSpec
                && failure?.underlying == "t.scale input 'count' must be a whole number from 0 to 1000, got \"three\""
                && failure?.hint == "count: tasks to run"
        }
        #expect(try await Executor.testing().run(plan, inputs: ["count": 3]).outputs["count"] == 3)
    }
}
