import Synchronization

/// The standard retry mode's token bucket: each retry takes tokens (5, or 10 after a timeout),
/// a success gives back what its retry took (or 1 when it needed none). When the bucket cannot
/// pay for a retry, the error is returned at once: a service that keeps failing is not hammered.
public final class AWSRetryQuota: Sendable {
    private let capacity: Int
    private let tokens: Mutex<Int>

    public init(capacity: Int = 500) {
        self.capacity = capacity
        self.tokens = Mutex(capacity)
    }

    /// Tokens left.
    public var available: Int { tokens.withLock { $0 } }

    /// Takes `cost` tokens for a retry; false (and nothing taken) when there are not enough.
    public func acquire(_ cost: Int) -> Bool {
        tokens.withLock { tokens in
            guard tokens >= cost else { return false }
            tokens -= cost
            return true
        }
    }

    /// A call succeeded: returns `refund` tokens (the last retry's cost, or the no-retry increment).
    public func release(_ refund: Int) {
        tokens.withLock { tokens in tokens = min(capacity, tokens + refund) }
    }
}
