/// The AWS SDKs' "standard" retry mode as a value, separate from the transport
/// (like soto-core's `getRetryWaitTime(error:attempt:)`).
///
/// - up to `maxAttempts` attempts (3) in all;
/// - delay before retry n (after failed attempt n) is `min(b * 2^(n-1), maxBackoff)` with b random in [0, 1);
///   a `Retry-After` header (seconds) replaces it, capped at `maxBackoff`;
/// - retried: the throttling codes, the transient codes, HTTP 500/502/503/504, timeouts and connection resets;
/// - a shared retry quota (`AWSRetryQuota`) stops retry storms when a service is down.
public struct AWSRetryPolicy: Sendable {
    /// What kind of failure an error is, for the retry decision and the quota cost.
    public enum Failure: Sendable, Equatable {
        case throttling
        case transient
        case timeout
        case notRetryable
    }

    public var maxAttempts: Int
    public var maxBackoff: Double
    public var backoffBase: Double
    /// Retry quota: capacity and costs, as in the SDKs.
    public var quotaCapacity: Int
    public var retryCost: Int
    public var timeoutRetryCost: Int
    public var noRetryIncrement: Int
    /// A random number in [0, 1); replaceable for deterministic tests.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 3, maxBackoff: Double = 20, backoffBase: Double = 2, quotaCapacity: Int = 500,
        retryCost: Int = 5, timeoutRetryCost: Int = 10, noRetryIncrement: Int = 1,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.maxBackoff = maxBackoff
        self.backoffBase = backoffBase
        self.quotaCapacity = quotaCapacity
        self.retryCost = retryCost
        self.timeoutRetryCost = timeoutRetryCost
        self.noRetryIncrement = noRetryIncrement
        self.random = random
    }

    /// The SDKs' standard mode.
    public static let standard = AWSRetryPolicy()
    /// One attempt, no retries.
    public static let none = AWSRetryPolicy(maxAttempts: 1)

    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]

    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Classifies a service error by its code and HTTP status.
    public static func classify(code: String, httpStatus: Int?) -> Failure {
        if throttlingCodes.contains(code) || httpStatus == 429 { return .throttling }
        if transientCodes.contains(code) { return .transient }
        if let httpStatus, transientStatuses.contains(httpStatus) { return .transient }
        return .notRetryable
    }

    /// Seconds to wait after failed attempt `attempt` (1-based) before the next one.
    public func delay(afterAttempt attempt: Int, retryAfter: Double? = nil) -> Double {
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, maxBackoff) }
        let exponent = Double(max(attempt - 1, 0))
        var power = 1.0
        for _ in 0..<Int(exponent) where power < maxBackoff { power *= backoffBase }
        return min(random() * power, maxBackoff)
    }

    /// The quota cost of retrying after `failure`.
    public func cost(of failure: Failure) -> Int {
        failure == .timeout ? timeoutRetryCost : retryCost
    }
}
