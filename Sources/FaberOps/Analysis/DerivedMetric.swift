import FaberCore

/// A series computed from two fetched ones, point by point: `numerator / denominator × scale`
/// at every time the denominator is above 0 (a missing numerator point counts as 0). From
/// `analysis.json`'s `derived`, e.g. a Lambda function's `error_rate` = Errors / Invocations × 100.
struct DerivedMetric: Sendable, Equatable {
    var name: String
    var numerator: String
    var denominator: String
    var scale: Double
    var unit: String

    init(name: String, _ value: Value, origin: String) throws {
        guard let numerator = value["numerator"]?.string, let denominator = value["denominator"]?.string else {
            throw FaberError(
                .invalidSpec, "\(origin) needs 'numerator' and 'denominator' (metric names)",
                hint: #"e.g. "error_rate": {"numerator": "Errors", "denominator": "Invocations", "scale": 100, "unit": "Percent"}"#,
                code: "invalid-analysis")
        }
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
        self.scale = value["scale"]?.double ?? 1
        self.unit = value["unit"]?.string ?? "None"
    }

    /// The derived points from the two series' points (epoch seconds, value).
    func points(numerator top: [(time: Double, value: Double)], denominator bottom: [(time: Double, value: Double)]) -> [(
        time: Double, value: Double
    )] {
        var tops: [Double: Double] = [:]
        for point in top { tops[point.time, default: 0] += point.value }
        return bottom.compactMap { point in
            guard point.value > 0 else { return nil }
            return (point.time, (tops[point.time] ?? 0) / point.value * scale)
        }
    }
}
