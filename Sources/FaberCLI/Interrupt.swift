import CLineEditor
import Foundation

/// Runs `body` in a task that Ctrl-C (SIGINT) cancels: running steps are cancelled
/// cleanly and the run ends with a CancellationError. A second Ctrl-C ends faber at
/// once (exit 130), for a step that does not stop. The signal handler only counts and writes a
/// byte to a pipe (both async-signal-safe); a dispatch source on that pipe turns it into a
/// cancellation, so a run that waits minutes on AWS costs no CPU waiting for Ctrl-C.
func withCancellationOnInterrupt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    faber_sigint_begin_run()
    defer { faber_sigint_end_run() }
    let task = Task { try await body() }
    let source = DispatchSource.makeReadSource(fileDescriptor: faber_sigint_pipe(), queue: .global())
    source.setEventHandler {
        faber_sigint_drain()
        guard faber_sigint_count() > 0, !task.isCancelled else { return }
        FileHandle.standardError.write(Data("\ncancelling (Ctrl-C again to quit at once)\n".utf8))
        task.cancel()
    }
    source.resume()
    defer { source.cancel() }
    do {
        let value = try await task.value
        if task.isCancelled { throw CancellationError() }
        return value
    } catch {
        if task.isCancelled { throw CancellationError() }
        throw error
    }
}
