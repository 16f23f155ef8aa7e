import Synchronization

/// Whether the user confirmed anything in this run: `--yes`, the runtime's question for a
/// destructive operation, or a `core.confirm` step answered yes. The engine reads it before a
/// step whose handler changes resources runs in an environment that requires confirmation
/// (production by default): a workflow that forgot its `core.confirm` is asked here instead of
/// touching production unasked. One question at a time: steps running at once wait for the
/// same answer.
public final class RunConfirmation: Sendable {
    private struct State {
        var confirmed = false
        var asking: Task<Bool?, Never>?
    }

    private let state = Mutex(State())

    /// The record of `scope`'s run.
    public static func of(_ scope: RunScope) -> RunConfirmation {
        scope.shared("faber.run-confirmation") { RunConfirmation() }
    }

    public var isConfirmed: Bool { state.withLock { $0.confirmed } }

    public func recordConfirmed() {
        state.withLock { $0.confirmed = true }
    }

    /// True when already confirmed; otherwise asks with `ask` (once: callers at the same time
    /// share the answer) and records a yes. nil when nobody could answer.
    public func confirm(_ ask: @escaping @Sendable () async -> Bool?) async -> Bool? {
        let task: Task<Bool?, Never> = state.withLock { state in
            if state.confirmed { return Task { true } }
            if let asking = state.asking { return asking }
            let asking = Task { await ask() }
            state.asking = asking
            return asking
        }
        let answer = await task.value
        state.withLock { state in
            if answer == true { state.confirmed = true }
            state.asking = nil
        }
        return answer
    }
}
