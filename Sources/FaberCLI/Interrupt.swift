import CLineEditor
import Foundation

/// Runs `body` in a task that Ctrl-C (SIGINT) cancels: running steps are cancelled
/// cleanly and the run ends with a CancellationError. A second Ctrl-C ends faber at
/// once (exit 130), for a step that does not stop. The signal handler only counts
/// (it is async-signal-safe); a watcher task turns the count into a cancellation.
func withCancellationOnInterrupt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    faber_sigint_begin_run()
    defer { faber_sigint_end_run() }
    let task = Task { try await body() }
    let watcher = Task.detached {
        while !Task.isCancelled {
            if faber_sigint_count() > 0 {
                FileHandle.standardError.write(Data("\ncancelling (Ctrl-C again to quit at once)\n".utf8))
                task.cancel()
                return
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
    defer { watcher.cancel() }
    do {
        let value = try await task.value
        if task.isCancelled { throw CancellationError() }
        return value
    } catch {
        if task.isCancelled { throw CancellationError() }
        throw error
    }
}
