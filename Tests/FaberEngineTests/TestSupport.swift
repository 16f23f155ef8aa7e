import FaberCore
import FaberSpec
import FaberTestSupport
import Foundation
import Synchronization
import Testing

@testable import FaberEngine

/// Loading and planning the test workspace.
extension TestWorkspace {
    func load() -> Workspace { WorkspaceLoader(workspace: root, pluginDirs: []).load() }

    /// Plans `skill/workflow` with `handlers`.
    func plan(_ name: String, handlers: [any Handler], config: Value? = [:]) -> (Plan?, [Diagnostic]) {
        let workspace = load()
        let parts = name.split(separator: "/").map(String.init)
        guard let skill = workspace.skills.first(where: { $0.name == parts[0] }),
            let workflow = workspace.workflow(skill: skill.name, name: parts[1], scope: skill.scope)
        else {
            return (nil, workspace.diagnostics + [.error("no workflow \(name)", at: nil)])
        }
        return Planner(workspace: workspace, registry: HandlerRegistry(handlers), config: config).plan(skill: skill, workflow: workflow)
    }

    /// A skill with one workflow made of `steps` (markdown with ```step blocks).
    static func skill(_ name: String = "demo", tools: String? = nil, inputs: String = "", workflow: String = "main", outputs: String = "", steps: String) throws
        -> TestWorkspace
    {
        try TestWorkspace([
            "skills/\(name)/SKILL.md": """
            ---
            name: \(name)
            description: test skill
            \(tools.map { "tools: \($0)" } ?? "")
            ---
            # \(name)
            """,
            "skills/\(name)/workflow/\(workflow).md": (["---", "name: \(workflow)", "description: test workflow", inputs, outputs, "---", steps])
                .filter { !$0.isEmpty }.joined(separator: "\n"),
        ])
    }
}

/// A handler whose behaviour is a closure.
struct TestHandler: Handler {
    let id: String
    let signature: HandlerSignature
    let body: @Sendable (Value, HandlerContext) async throws -> Value

    init(
        _ id: String, inputs: [HandlerSignature.Parameter] = [], acceptsOtherInputs: Bool = true, changesResources: Bool = false,
        environmentInput: String? = "env", _ body: @escaping @Sendable (Value, HandlerContext) async throws -> Value
    ) {
        self.id = id
        self.signature = HandlerSignature(
            summary: "test", inputs: inputs, outputs: [], acceptsOtherInputs: acceptsOtherInputs,
            changesResources: changesResources, environmentInput: environmentInput)
        self.body = body
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value { try await body(input, context) }
}

/// Lets `count` tasks through together: proves they run at the same time. A task still waiting
/// after `timeout` is let go with a recorded test failure, so a test of concurrency fails with a
/// message instead of hanging the suite when the tasks do not run at once.
final class Barrier: Sendable {
    private struct State {
        var arrived = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())
    private let count: Int
    private let timeout: Duration

    init(_ count: Int, timeout: Duration = .seconds(10)) {
        self.count = count
        self.timeout = timeout
    }

    func arrive(sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        let timeout = self.timeout
        await withCheckedContinuation { continuation in
            let (token, release): (Int, [CheckedContinuation<Void, Never>]) = state.withLock { state in
                state.arrived += 1
                let token = state.nextToken
                state.nextToken += 1
                state.waiting[token] = continuation
                guard state.arrived % count == 0 else { return (token, []) }
                defer { state.waiting = [:] }
                return (token, Array(state.waiting.values))
            }
            for waiter in release { waiter.resume() }
            guard release.isEmpty else { return }
            Task {
                try? await Task.sleep(for: timeout)
                let (late, arrived) = state.withLock { state in (state.waiting.removeValue(forKey: token), state.arrived) }
                guard let late else { return }
                Issue.record(
                    "only \(arrived % count) of \(count) tasks reached the barrier within \(timeout): they do not run at the same time",
                    sourceLocation: sourceLocation)
                late.resume()
            }
        }
    }
}

final class Counter: Sendable {
    private let state = Mutex((current: 0, maximum: 0, total: 0))
    func enter() {
        state.withLock {
            $0.current += 1
            $0.total += 1
            $0.maximum = max($0.maximum, $0.current)
        }
    }
    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
    var total: Int { state.withLock { $0.total } }
}

extension Executor {
    static func testing(
        clock: any FaberClock = TestClock(), workspace: String = "/tmp", config: Value = [:],
        environment: String? = nil, options: RunOptions = RunOptions(), console: any Console = TestConsole()
    ) -> Executor {
        Executor(
            environment: RunEnvironment(
                workspace: workspace, configuration: PluginConfiguration(document: config), environment: environment,
                options: options, console: console, clock: clock))
    }
}
