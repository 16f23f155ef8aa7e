import FaberCore

/// The datapoints of one metric of one resource, and their summary.
struct MetricSeries: Sendable {
    var metric: MetricCatalog.Metric
    /// (epoch seconds, value), oldest first.
    var points: [(time: Double, value: Double)]

    init(metric: MetricCatalog.Metric, points: [(time: Double, value: Double)]) {
        self.metric = metric
        self.points = points.sorted { $0.time < $1.time }
    }

    var sum: Double { points.reduce(0) { $0 + $1.value } }

    /// `{unit, stat, latest, avg, min, max, sum, count, points: [{t, v}]}`; statistics are over the
    /// period values (for a `Sum` metric, `avg` is the average per period). Null when there is no data.
    var value: Value {
        let values = points.map(\.value)
        let hasData = !values.isEmpty
        return [
            "unit": .string(metric.unit),
            "stat": .string(metric.stat),
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
    static func percent(_ part: MetricSeries?, of whole: MetricSeries?) -> Double? {
        guard let whole, whole.sum > 0 else { return nil }
        let rate = (part?.sum ?? 0) / whole.sum * 100
        return (rate * 100).rounded() / 100
    }
}
