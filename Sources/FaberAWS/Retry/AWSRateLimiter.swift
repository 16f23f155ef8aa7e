import FaberCore
import Synchronization

/// A small async limiter keyed by service: at most `maxInFlight` requests in flight per service
/// (FIFO waiters) and a minimum spacing between request starts per service and per operation.
/// Shared by all calls of one run.
public final class AWSRateLimiter: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var inFlight: [String: Int] = [:]
        var waiters: [String: [Waiter]] = [:]
        var nextStart: [String: Double] = [:]
        var nextWaiterID: UInt64 = 0
    }

    public let limits: AWSRateLimits
    private let clock: any FaberClock
    private let state = Mutex(State())

    public init(limits: AWSRateLimits = .standard, clock: any FaberClock = SystemClock()) {
        self.limits = limits
        self.clock = clock
    }

    /// Runs `body` holding one of `service`'s in-flight slots, after waiting for its start slot.
    public func withPermit<T: Sendable>(
        service: String, operation: String, _ body: () async throws -> T
    ) async throws -> T {
        try await acquire(service: service, operation: operation)
        defer { release(service: service) }
        return try await body()
    }

    /// Waits for an in-flight slot and then for the next start time allowed by the rates.
    /// Every successful `acquire` must be followed by one `release(service:)`.
    public func acquire(service: String, operation: String) async throws {
        try await acquireSlot(service)
        let wait = reserveStart(service: service, operation: operation)
        do {
            try await clock.sleep(seconds: wait)
        } catch {
            release(service: service)
            throw error
        }
    }

    public func release(service: String) {
        let next: Waiter? = state.withLock { state in
            if var queue = state.waiters[service], !queue.isEmpty {
                let first = queue.removeFirst()
                state.waiters[service] = queue
                return first  // the slot passes straight to the waiter
            }
            state.inFlight[service, default: 1] -= 1
            return nil
        }
        next?.continuation.resume()
    }

    /// Requests of `service` in flight now (tests, diagnostics).
    public func inFlight(service: String) -> Int { state.withLock { $0.inFlight[service] ?? 0 } }
    /// Requests of `service` waiting for a slot (tests, diagnostics).
    public func waiting(service: String) -> Int { state.withLock { $0.waiters[service]?.count ?? 0 } }

    private func acquireSlot(_ service: String) async throws {
        let admitted: Bool = state.withLock { state in
            if state.inFlight[service, default: 0] < limits.maxInFlight {
                state.inFlight[service, default: 0] += 1
                return true
            }
            return false
        }
        if admitted { return }
        let id: UInt64 = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admittedNow: Bool = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.inFlight[service, default: 0] < limits.maxInFlight {
                        state.inFlight[service, default: 0] += 1
                        return true
                    }
                    state.waiters[service, default: []].append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if admittedNow { continuation.resume() } else if Task.isCancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let cancelled: Waiter? = state.withLock { state in
                guard var queue = state.waiters[service], let at = queue.firstIndex(where: { $0.id == id }) else { return nil }
                let waiter = queue.remove(at: at)
                state.waiters[service] = queue
                return waiter
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Books the earliest start allowed by the service and operation rates; returns seconds to wait.
    private func reserveStart(service: String, operation: String) -> Double {
        let operationKey = "\(service).\(operation)"
        let operationRate = limits.operationRates[operationKey]
        let serviceRate = limits.requestsPerSecond
        guard operationRate != nil || serviceRate != nil else { return 0 }
        let now = clock.now()
        return state.withLock { state in
            var start = now
            if serviceRate != nil { start = max(start, state.nextStart[service] ?? now) }
            if operationRate != nil { start = max(start, state.nextStart[operationKey] ?? now) }
            if let serviceRate, serviceRate > 0 { state.nextStart[service] = start + 1 / serviceRate }
            if let operationRate, operationRate > 0 { state.nextStart[operationKey] = start + 1 / operationRate }
            return start - now
        }
    }
}
