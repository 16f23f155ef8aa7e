import FaberCore

/// The datapoints of one metric of one resource, and their summary; provider-neutral (a CloudWatch
/// metric, or any other source's).
public struct MetricSeries: Sendable {
    /// The metric's name (`Errors`, `CPUUtilization`), its unit and the statistic of each point.
    public var name: String
    public var unit: String
    public var stat: String
    /// (epoch seconds, value), oldest first.
    public var points: [(time: Double, value: Double)]

    public init(name: String, unit: String, stat: String, points: [(time: Double, value: Double)]) {
        self.name = name
        self.unit = unit
        self.stat = stat
        self.points = points.sorted { $0.time < $1.time }
    }

    public var sum: Double { points.reduce(0) { $0 + $1.value } }

    /// `{unit, stat, latest, avg, min, max, sum, count, points: [{t, v}]}`; statistics are over the
    /// period values (for a `Sum` metric, `avg` is the average per period). Null when there is no data.
    public var value: Value {
        let values = points.map(\.value)
        let hasData = !values.isEmpty
        return [
            "unit": .string(unit),
            "stat": .string(stat),
            "latest": hasData ? .double(values.last!) : .null,
            "avg": hasData ? .double(sum / Double(values.count)) : .null,
            "min": hasData ? .double(values.min()!) : .null,
            "max": hasData ? .double(values.max()!) : .null,
            "sum": hasData ? .double(sum) : .null,
            "count": .int(values.count),
            "points": .array(points.map { ["t": .string(ISOTime.string(epochSeconds: $0.time)), "v": .double($0.value)] }),
        ]
    }

    /// `part / whole * 100`, rounded to 2 decimals, or nil when `whole` had no requests.
    public static func percent(_ part: MetricSeries?, of whole: MetricSeries?) -> Double? {
        guard let whole, whole.sum > 0 else { return nil }
        let rate = (part?.sum ?? 0) / whole.sum * 100
        return (rate * 100).rounded() / 100
    }
}
