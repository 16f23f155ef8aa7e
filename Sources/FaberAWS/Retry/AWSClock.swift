/// Time as the retry and rate-limiting code sees it, injectable so tests are fast and deterministic.
public protocol AWSClock: Sendable {
    /// Seconds on a monotonic scale (only differences mean anything).
    func now() -> Double
    /// Waits `seconds` (nothing when <= 0); throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock: `ContinuousClock`.
public struct SystemAWSClock: AWSClock {
    private static let origin = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let elapsed = ContinuousClock.now - Self.origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }
}
