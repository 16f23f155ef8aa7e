import FaberCore

/// One threshold of a resource type, as the plugin's thresholds file and config.json write it:
///
/// ```json
/// "DatabaseConnections": {"stat": "max", "above_fraction_of": "max_connections", "limit": 0.9,
///                         "advice": "{resource}: ... {value} of {capacity} ..."}
/// ```
///
/// - the value: `stat` (`max`, `avg`, `min`, `latest`, `sum`) of the metric named by the key (or
///   by `metric`), or, for a key such as `error_rate` without `stat`, the number query-metrics
///   gives next to the metrics;
/// - the limit: `above` or `below` a number, or `above_fraction_of` a capacity of the resource
///   (`timeout_ms`, `max_connections`) times `limit`;
/// - UNHEALTHY past the limit (or `exceeded`: `DEGRADED`), DEGRADED past `degraded_above` /
///   `degraded_below`, else past `degraded_fraction` of the limit (80 % by default).
struct HealthRule: Sendable {
    enum Direction: Sendable { case above, below }

    var name: String
    var metric: String
    var stat: String?
    var direction: Direction
    /// A fixed limit, or nil when it is a fraction of a capacity.
    var limit: Double?
    var capacity: String?
    var fraction: Double
    var degradedLimit: Double?
    var degradedFraction: Double
    var exceeded: HealthStatus
    var unit: String?
    var advice: String?

    /// The statistics aws.query-metrics gives for each metric.
    static let stats = ["max", "avg", "min", "latest", "sum"]

    /// The rule `name` from its merged settings.
    static func make(name: String, settings: Value, degradedFraction: Double) throws -> HealthRule {
        func number(_ key: String) throws -> Double? {
            guard let value = settings[key], !value.isNull else { return nil }
            guard let number = value.double, number.isFinite else {
                throw FaberError(.invalidSpec, "threshold '\(name)': '\(key)' must be a number, got \(value.jsonString())", code: "invalid-threshold")
            }
            return number
        }
        let above = try number("above")
        let below = try number("below")
        let capacity = settings["above_fraction_of"]?.string
        guard [above != nil, below != nil, capacity != nil].filter({ $0 }).count == 1 else {
            throw FaberError(
                .invalidSpec, "threshold '\(name)' needs exactly one of 'above', 'below' or 'above_fraction_of'",
                hint: #"e.g. "\#(name)": {"stat": "max", "above": 90}"#, code: "invalid-threshold")
        }
        var exceeded = HealthStatus.unhealthy
        if let text = settings["exceeded"]?.string {
            guard let status = HealthStatus(rawValue: text.uppercased()), status == .unhealthy || status == .degraded else {
                throw FaberError(.invalidSpec, "threshold '\(name)': 'exceeded' must be UNHEALTHY or DEGRADED, got '\(text)'", code: "invalid-threshold")
            }
            exceeded = status
        }
        if let stat = settings["stat"]?.string, !Self.stats.contains(stat) {
            throw FaberError(
                .invalidSpec, "threshold '\(name)': 'stat' must be one of \(Self.stats.joined(separator: ", ")), got '\(stat)'",
                hint: didYouMean(stat, among: Self.stats), code: "invalid-threshold")
        }
        return HealthRule(
            name: name, metric: settings["metric"]?.string ?? name, stat: settings["stat"]?.string,
            direction: below != nil ? .below : .above, limit: above ?? below, capacity: capacity,
            fraction: try number("limit") ?? 1, degradedLimit: try number("degraded_above") ?? number("degraded_below"),
            degradedFraction: try number("degraded_fraction") ?? degradedFraction, exceeded: exceeded,
            unit: settings["unit"]?.string, advice: settings["advice"]?.string)
    }

    /// The limit for a resource with these capacities; nil when the capacity is not known.
    func limit(capacities: [String: Double]) -> Double? {
        if let limit { return limit }
        return capacity.flatMap { capacities[$0] }.map { $0 * fraction }
    }

    /// The level past which a value is DEGRADED (when the rule's `exceeded` is UNHEALTHY).
    func warningLevel(limit: Double) -> Double {
        switch direction {
        case .above: degradedLimit ?? limit * degradedFraction
        case .below: degradedLimit ?? (degradedFraction > 0 ? limit / degradedFraction : limit)
        }
    }

    /// The status `value` earns against `limit`, or nil when within it.
    func judge(_ value: Double, limit: Double) -> HealthStatus? {
        let warning = warningLevel(limit: limit)
        switch direction {
        case .above:
            if value > limit { return exceeded }
            return value > warning && exceeded == .unhealthy ? .degraded : nil
        case .below:
            if value < limit { return exceeded }
            return value < warning && exceeded == .unhealthy ? .degraded : nil
        }
    }
}
