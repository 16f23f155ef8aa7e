import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` in a task that Ctrl-C (SIGINT) cancels: running steps are
/// cancelled cleanly and the run ends with a CancellationError.
func withCancellationOnInterrupt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await body() }
    var previous = sigaction()
    sigaction(SIGINT, nil, &previous)
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    let interrupts = Mutex(0)
    source.setEventHandler {
        // The first Ctrl-C cancels the running steps cleanly; a second one ends faber at once.
        if interrupts.withLock({ $0 += 1; return $0 }) > 1 { _exit(130) }
        FileHandle.standardError.write(Data("\ncancelling (Ctrl-C again to quit at once)\n".utf8))
        task.cancel()
    }
    source.resume()
    defer {
        source.cancel()
        sigaction(SIGINT, &previous, nil)
    }
    do {
        let value = try await task.value
        if task.isCancelled { throw CancellationError() }
        return value
    } catch {
        if task.isCancelled { throw CancellationError() }
        throw error
    }
}
