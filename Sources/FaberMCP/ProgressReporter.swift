import FaberEngine
import MCP
import Synchronization

/// `notifications/progress` for a tool call whose request carried a progress token: one after
/// each finished step of the workflow (progress = steps finished, total = the plan's steps),
/// sent in order by one task.
final class ProgressReporter: RunObserver {
    private let continuation: AsyncStream<ProgressNotification.Parameters>.Continuation
    private let sender: Task<Void, Never>
    private let token: ProgressToken
    /// Steps finished, and the plan's steps.
    private let counts = Mutex((done: 0, total: 0))

    init(token: ProgressToken, server: Server) {
        self.token = token
        let (stream, continuation) = AsyncStream<ProgressNotification.Parameters>.makeStream()
        self.continuation = continuation
        sender = Task {
            for await parameters in stream { try? await server.notify(ProgressNotification.message(parameters)) }
        }
    }

    func handle(_ event: RunEvent) {
        switch event {
        case .runStarted(let steps):
            counts.withLock { $0.total = steps }
            continuation.yield(.init(progressToken: token, progress: 0, total: Double(steps), message: "started: \(steps) steps"))
        case .stepFinished(let workflow, let step, let status, let seconds):
            let (done, total) = counts.withLock { counts in
                counts.done += 1
                return (counts.done, counts.total)
            }
            let message = "\(workflow)/\(step) \(status.rawValue) (\(Int((seconds * 1000).rounded())) ms)"
            // Steps of sub-workflows count too; the total grows with them, so progress never passes it.
            continuation.yield(.init(progressToken: token, progress: Double(done), total: Double(max(total, done)), message: message))
        case .stepStarted, .stepRetrying:
            break
        }
    }

    /// Sends what is queued, then stops.
    func finish() async {
        continuation.finish()
        await sender.value
    }
}
