/// How hard faber may push each AWS API, so that a big environment does not throttle itself.
///
/// Every service gets at most `maxInFlight` concurrent requests and `requestsPerSecond` starts per
/// second; some operations have a lower rate of their own (`operationRates`, keyed `<signing name>.<Operation>`,
/// e.g. `monitoring.GetMetricData`). Both apply to every attempt, retries included.
public struct AWSRateLimits: Sendable {
    public var maxInFlight: Int
    public var requestsPerSecond: Double?
    public var operationRates: [String: Double]

    public init(maxInFlight: Int = 10, requestsPerSecond: Double? = 50, operationRates: [String: Double] = AWSRateLimits.defaultOperationRates) {
        self.maxInFlight = max(1, maxInFlight)
        self.requestsPerSecond = requestsPerSecond
        self.operationRates = operationRates
    }

    /// GetMetricData (500 queries a call), FilterLogEvents and CloudTrail's LookupEvents (2 a second per
    /// account and region) have low account-wide TPS limits in AWS.
    public static let defaultOperationRates: [String: Double] = [
        "monitoring.GetMetricData": 20,
        "logs.FilterLogEvents": 5,
        "logs.StartQuery": 5,
        "ce.GetCostAndUsage": 5,
        "cloudtrail.LookupEvents": 2,
    ]

    public static let standard = AWSRateLimits()
    /// No pacing, `maxInFlight` only (tests).
    public static func unpaced(maxInFlight: Int = 64) -> AWSRateLimits {
        AWSRateLimits(maxInFlight: maxInFlight, requestsPerSecond: nil, operationRates: [:])
    }
}
