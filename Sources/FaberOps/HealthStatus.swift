/// The health of a resource or an environment. Exit codes follow the Nagios convention.
public enum HealthStatus: String, Sendable, CaseIterable {
    case healthy = "HEALTHY"
    case degraded = "DEGRADED"
    case unhealthy = "UNHEALTHY"
    case unknown = "UNKNOWN"

    /// 0 HEALTHY, 1 DEGRADED, 2 UNHEALTHY, 3 UNKNOWN.
    public var exitCode: Int {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .unhealthy: 2
        case .unknown: 3
        }
    }

    /// How bad, for "the worst resource's status": UNHEALTHY, then UNKNOWN (a resource that could
    /// not be read may be unhealthy, so calling the whole DEGRADED would understate it), then
    /// DEGRADED, then HEALTHY.
    var rank: Int {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .unknown: 2
        case .unhealthy: 3
        }
    }

    static func worst(_ statuses: [HealthStatus]) -> HealthStatus {
        statuses.max { $0.rank < $1.rank } ?? .healthy
    }
}
