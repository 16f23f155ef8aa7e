/// Time as faber's waiting code sees it (step retries and timeouts, AWS retries and rate limits):
/// injected, so tests of waiting are fast and deterministic.
public protocol FaberClock: Sendable {
    /// Seconds on a monotonic scale (only differences mean anything).
    func now() -> Double
    /// Waits `seconds` (nothing when <= 0); throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock: `ContinuousClock`.
public struct SystemClock: FaberClock {
    private static let origin = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let elapsed = ContinuousClock.now - Self.origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .nanoseconds(Int64(min(seconds, 1e9) * 1e9)))
    }
}
