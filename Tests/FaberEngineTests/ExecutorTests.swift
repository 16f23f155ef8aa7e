import FaberCore
import FaberSpec
import FaberTestSupport
import Synchronization
import Testing

@testable import FaberEngine

@Suite("Executor", .timeLimit(.minutes(1)))
struct ExecutorTests {
    @Test("outputs flow from one step to the next through expressions")
    func wiring() async throws {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  name: {required: true}", outputs: "outputs:\n  greeting: ${{ steps.shout.outputs.text }}",
            steps: """
                ## Greet
                ```step
                uses: t.echo
                with: {text: "hello ${{ inputs.name }}"}
                ```
                ## Shout
                ```step
                uses: t.upper
                with: {text: "${{ steps.greet.outputs.text }}"}
                ```
                """)
        let handlers: [any Handler] = [
            TestHandler("t.echo") { input, _ in ["text": input["text"]!] },
            TestHandler("t.upper") { input, _ in ["text": .string(input["text"]!.string!.uppercased())] },
        ]
        let (plan, diagnostics) = ws.plan("demo/main", handlers: handlers)
        #expect(diagnostics.isEmpty)
        let result = try await Executor.testing().run(try #require(plan), inputs: ["name": "ops"])
        #expect(result.outputs == ["greeting": "HELLO OPS"])
    }

    @Test("independent steps run at the same time")
    func concurrency() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## A
                ```step
                uses: t.meet
                needs: []
                ```
                ## B
                ```step
                uses: t.meet
                needs: []
                ```
                ## Both
                ```step
                uses: t.echo
                needs: [a, b]
                ```
                """)
        let barrier = Barrier(2)
        let handlers: [any Handler] = [
            TestHandler("t.meet") { _, _ in
                await barrier.arrive()
                return [:]
            },
            TestHandler("t.echo") { _, _ in ["done": true] },
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let result = try await Executor.testing().run(plan, inputs: [:])
        #expect(result.steps["both"]?["status"] == "succeeded")
    }

    @Test("for_each runs each item, at most `concurrency` at once, results in item order")
    func forEachCap() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Each
                ```step
                uses: t.square
                for_each: ${{ inputs.numbers }}
                concurrency: 2
                with: {n: "${{ item }}"}
                ```
                """)
        let counter = Counter()
        let barrier = Barrier(2)
        let handlers: [any Handler] = [
            TestHandler("t.square") { input, _ in
                counter.enter()
                defer { counter.leave() }
                await barrier.arrive()
                let n = input["n"]!.int!
                return ["square": .int(n * n)]
            }
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let result = try await Executor.testing().run(plan, inputs: ["numbers": [1, 2, 3, 4, 5, 6]])
        let squares = result.steps["each"]?["outputs"]?["results"]?.array?.compactMap { $0["square"] }
        #expect(squares == [1, 4, 9, 16, 25, 36])
        #expect(counter.maximum == 2)
        #expect(counter.total == 6)
    }

    @Test("if: false skips the step; later steps still run")
    func condition() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Maybe
                ```step
                uses: t.fail
                if: inputs.service != ''
                ```
                ## After
                ```step
                uses: t.ok
                ```
                """)
        let handlers: [any Handler] = [
            TestHandler("t.fail") { _, _ in throw FaberError(.internalError, "should not run") },
            TestHandler("t.ok") { _, _ in ["ok": true] },
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let result = try await Executor.testing().run(plan, inputs: ["service": ""])
        #expect(result.steps["maybe"]?["status"] == "skipped")
        #expect(result.steps["after"]?["status"] == "succeeded")
    }

    @Test("retry: tries again with exponential backoff, then succeeds")
    func retry() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Flaky
                ```step
                uses: t.flaky
                retry: {attempts: 4, backoff: 2s}
                ```
                """)
        let calls = Mutex(0)
        let handlers: [any Handler] = [
            TestHandler("t.flaky") { _, _ in
                let n = calls.withLock {
                    $0 += 1
                    return $0
                }
                if n < 4 { throw FaberError(.unavailable, "try \(n) failed") }
                return ["attempts": .int(n)]
            }
        ]
        let clock = TestClock()
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let result = try await Executor.testing(clock: clock).run(plan, inputs: [:])
        #expect(result.steps["flaky"]?["outputs"]?["attempts"] == 4)
        #expect(clock.sleeps == [2, 4, 8])
    }

    @Test("retry gives up after the last attempt with the last error; access denied is not retried")
    func retryGivesUp() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Flaky
                ```step
                uses: t.down
                retry: 3
                ```
                """)
        let handlers: [any Handler] = [TestHandler("t.down") { _, _ in throw FaberError(.unavailable, "endpoint down") }]
        let clock = TestClock()
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        await #expect {
            try await Executor.testing(clock: clock).run(plan, inputs: [:])
        } throws: { error in
            let failure = error as? StepFailure
            return failure?.message == "step 'flaky' (t.down) failed: endpoint down" && failure?.exitStatus == .unavailable
        }
        #expect(clock.sleeps.count == 2)

        let denied: [any Handler] = [TestHandler("t.down") { _, _ in throw FaberError(.accessDenied, "denied") }]
        let deniedClock = TestClock()
        let deniedPlan = try #require(ws.plan("demo/main", handlers: denied).0)
        await #expect(throws: StepFailure.self) { try await Executor.testing(clock: deniedClock).run(deniedPlan, inputs: [:]) }
        #expect(deniedClock.sleeps.isEmpty)
    }

    @Test("timeout stops a step that takes too long")
    func timeout() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Slow
                ```step
                uses: t.hang
                timeout: 30s
                ```
                """)
        let cancelled = Mutex(false)
        let handlers: [any Handler] = [
            TestHandler("t.hang") { _, _ in
                do { try await Task.sleep(for: .seconds(3600)) } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
                return [:]
            }
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        await #expect {
            try await Executor.testing(clock: TestClock()).run(plan, inputs: [:])
        } throws: { error in
            (error as? StepFailure)?.message == "step 'slow' (t.hang) failed: timed out after 30s"
        }
        #expect(cancelled.withLock { $0 })
    }

    @Test("a step that finishes in time is not timed out")
    func noTimeout() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Quick
                ```step
                uses: t.ok
                timeout: 1s
                ```
                """)
        let plan = try #require(ws.plan("demo/main", handlers: [TestHandler("t.ok") { _, _ in ["ok": true] }]).0)
        let result = try await Executor.testing(clock: TestClock(.blocking)).run(plan, inputs: [:])
        #expect(result.steps["quick"]?["status"] == "succeeded")
    }

    @Test("on_error: continue records the error and goes on; fail stops the workflow")
    func onError() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## Broken
                ```step
                uses: t.fail
                on_error: continue
                ```
                ## Report
                ```step
                uses: t.echo
                with: {seen: "${{ steps.broken.error }}"}
                ```
                """)
        let handlers: [any Handler] = [
            TestHandler("t.fail") { _, _ in throw FaberError(.internalError, "boom") },
            TestHandler("t.echo") { input, _ in input },
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let result = try await Executor.testing().run(plan, inputs: [:])
        #expect(result.steps["broken"]?["status"] == "failed")
        #expect(result.steps["report"]?["outputs"]?["seen"] == "boom")
    }

    @Test("cancelling the run cancels the running steps")
    func cancellation() async throws {
        let ws = try TestWorkspace.skill(
            steps: """
                ## One
                ```step
                uses: t.hang
                needs: []
                ```
                ## Two
                ```step
                uses: t.hang
                needs: []
                ```
                """)
        let started = Barrier(3)
        let cancelled = Counter()
        let handlers: [any Handler] = [
            TestHandler("t.hang") { _, _ in
                await started.arrive()
                do { try await Task.sleep(for: .seconds(3600)) } catch {
                    cancelled.enter()
                    throw error
                }
                return [:]
            }
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let run = Task { try await Executor.testing().run(plan, inputs: [:]) }
        await started.arrive()  // both steps are running
        run.cancel()
        _ = await run.result
        #expect(cancelled.total == 2)
    }

    @Test("a missing required input is a usage error naming it")
    func requiredInput() async throws {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  env: {required: true}",
            steps: """
                ## A
                ```step
                uses: t.ok
                ```
                """)
        let plan = try #require(ws.plan("demo/main", handlers: [TestHandler("t.ok") { _, _ in [:] }]).0)
        await #expect {
            try await Executor.testing().run(plan, inputs: [:])
        } throws: { error in
            (error as? FaberError)?.message == "missing required input 'env' of workflow demo/main" && (error as? FaberError)?.exitStatus == .usage
        }
    }

    @Test("env.* is the environment's configuration; production requires confirmation unless configured")
    func environment() async throws {
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  env: {default: test}",
            outputs: "outputs:\n  region: ${{ env.region }}\n  confirm: ${{ env.require_confirmation }}\n  name: ${{ env.name }}",
            steps: """
                ## A
                ```step
                uses: t.ok
                ```
                """)
        let plan = try #require(ws.plan("demo/main", handlers: [TestHandler("t.ok") { _, _ in [:] }]).0)
        let config: Value = ["environments": ["prod": ["region": "eu-west-1"], "test": ["region": "us-east-1"]]]
        let prod = try await Executor.testing(config: config).run(plan, inputs: ["env": "prod"])
        #expect(prod.outputs == ["region": "eu-west-1", "confirm": true, "name": "prod"])
        let test = try await Executor.testing(config: config).run(plan, inputs: [:])
        #expect(test.outputs == ["region": "us-east-1", "confirm": false, "name": "test"])
    }

    /// Two steps that change resources (run at once) after an optional confirmation step.
    func changingWorkflow(confirmFirst: Bool) throws -> (Plan, Counter) {
        let changes = Counter()
        let confirm = confirmFirst ? "## Ask\n```step\nuses: t.confirm\n```\n" : ""
        let needs = confirmFirst ? "needs: [ask]" : "needs: []"
        let ws = try TestWorkspace.skill(
            inputs: "inputs:\n  env: {required: true}",
            steps: """
                \(confirm)## Restart
                ```step
                uses: t.restart
                with: {env: "${{ inputs.env }}"}
                \(needs)
                ```
                ## Scale
                ```step
                uses: t.restart
                with: {env: "${{ inputs.env }}"}
                \(needs)
                ```
                """)
        let handlers: [any Handler] = [
            TestHandler("t.restart", changesResources: true) { _, _ in
                changes.enter()
                changes.leave()
                return [:]
            },
            TestHandler("t.confirm") { _, context in
                RunConfirmation.of(context.scope).recordConfirmed()
                return [:]
            },
        ]
        return (try #require(ws.plan("demo/main", handlers: handlers).0), changes)
    }

    @Test("a step that changes resources in prod, in a run nothing confirmed, stops with 75 without a terminal and changes nothing")
    func unconfirmedProductionChangeIsRefused() async throws {
        let (plan, changes) = try changingWorkflow(confirmFirst: false)
        await #expect {
            try await Executor.testing().run(plan, inputs: ["env": "prod"])
        } throws: { error in
            let failure = error as? StepFailure
            return failure?.exitStatus == .refused
                && failure?.underlying.contains("changes resources in environment 'prod', which requires confirmation") == true
        }
        #expect(changes.total == 0)
    }

    @Test("the same steps run when the run was confirmed, with --yes, in a dry run, or where the environment does not require it")
    func confirmedOrUnprotectedChangesRun() async throws {
        let (asked, changes) = try changingWorkflow(confirmFirst: true)
        _ = try await Executor.testing().run(asked, inputs: ["env": "prod"])
        #expect(changes.total == 2)

        let (plain, plainChanges) = try changingWorkflow(confirmFirst: false)
        _ = try await Executor.testing(options: RunOptions(assumeYes: true)).run(plain, inputs: ["env": "prod"])
        _ = try await Executor.testing(options: RunOptions(dryRun: true)).run(plain, inputs: ["env": "production"])
        _ = try await Executor.testing().run(plain, inputs: ["env": "test"])
        let optedIn: Value = ["environments": ["staging": ["require_confirmation": true]]]
        await #expect(throws: StepFailure.self) { try await Executor.testing(config: optedIn).run(plain, inputs: ["env": "staging"]) }
        let unreadable: Value = ["environments": ["prod": ["require_confirmation": "yes"]]]
        await #expect {
            try await Executor.testing(config: unreadable).run(plain, inputs: ["env": "prod"])
        } throws: { ($0 as? StepFailure)?.exitStatus == .invalidSpec }
        let optedOut: Value = ["environments": ["prod": ["require_confirmation": false]]]
        _ = try await Executor.testing(config: optedOut).run(plain, inputs: ["env": "prod"])
        #expect(plainChanges.total == 8)
    }

    @Test("on a terminal the user is asked once for all such steps; no stops the run")
    func askedOnceOnATerminal() async throws {
        let (plan, changes) = try changingWorkflow(confirmFirst: false)
        let yes = TestConsole(answer: true, delay: .milliseconds(20))
        _ = try await Executor(environment: RunEnvironment(workspace: "/tmp", console: yes, clock: TestClock())).run(plan, inputs: ["env": "prod"])
        #expect(
            yes.questions == ["Step 'restart' (t.restart) changes resources in environment 'prod'. Continue?"]
                || yes.questions == ["Step 'scale' (t.restart) changes resources in environment 'prod'. Continue?"])
        #expect(changes.total == 2)

        let no = TestConsole(answer: false, delay: .milliseconds(20))
        await #expect {
            try await Executor(environment: RunEnvironment(workspace: "/tmp", console: no, clock: TestClock())).run(plan, inputs: ["env": "prod"])
        } throws: { ($0 as? StepFailure)?.exitStatus == .refused }
        #expect(changes.total == 2)
    }

    @Test("cancelling a run stops a chain of steps that never wait: no further step starts")
    func cancellationStopsEveryKindOfStep() async throws {
        let steps = (1...200).map { "## S\($0)\n```step\nid: s\($0)\nuses: t.write\n```" }.joined(separator: "\n")
        let ws = try TestWorkspace.skill(steps: steps)
        let written = Counter()
        let started = Barrier(2)
        let handlers: [any Handler] = [
            TestHandler("t.write") { _, _ in
                written.enter()
                written.leave()
                if written.total == 5 { await started.arrive() }
                return [:]
            }
        ]
        let plan = try #require(ws.plan("demo/main", handlers: handlers).0)
        let run = Task { try await Executor.testing().run(plan, inputs: [:]) }
        await started.arrive()  // five steps ran
        run.cancel()
        _ = await run.result
        #expect(written.total < 10, "\(written.total) steps ran after the cancellation")
    }
}
