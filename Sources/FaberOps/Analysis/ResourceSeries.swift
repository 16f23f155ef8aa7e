import FaberCore
import FaberOpsModel

/// The series of one resource the analysis looks at: every fetched metric with points (from
/// aws.query-metrics' `metrics[id]`: `{Metric: {unit, stat, points: [{t, v}]}}`), then the
/// series `analysis.json` derives for its type (`error_rate`), each with its profile.
struct ResourceSeries: Sendable {
    var ref: ResourceRef
    var series: [MetricSeries]
    var profiles: [String: MetricProfile]
    /// The smallest noise level of each series: half an event for counts, and for a ratio of
    /// counts what half an event of the numerator moves it by (scale / 2 / the denominator's median).
    var noiseFloors: [String: Double] = [:]

    init(ref: ResourceRef, metrics: Value?, settings: AnalysisSettings) {
        self.ref = ref
        var series: [MetricSeries] = []
        for (name, entry) in metrics?.object ?? [:] {
            guard let points = entry["points"]?.array else { continue }  // error_rate and other plain numbers
            let parsed: [(time: Double, value: Double)] = points.compactMap { point in
                guard let text = point["t"]?.string, let time = ISOTime.parse(text), let value = point["v"]?.double, value.isFinite else {
                    return nil
                }
                return (time.timeIntervalSince1970, value)
            }
            series.append(MetricSeries(name: name, unit: entry["unit"]?.string ?? "None", stat: entry["stat"]?.string ?? "", points: parsed))
        }
        for derived in settings.derived[ref.type.rawValue] ?? [] {
            guard let bottom = series.first(where: { $0.name == derived.denominator }) else { continue }
            let top = series.first { $0.name == derived.numerator }?.points ?? []
            let typical = Robust.median(bottom.points.map(\.value).filter { $0 > 0 })
            if settings.profile(ref.type, derived.numerator).counts, typical > 0 { noiseFloors[derived.name] = derived.scale / 2 / typical }
            series.append(
                MetricSeries(
                    name: derived.name, unit: derived.unit, stat: "ratio",
                    points: derived.points(numerator: top, denominator: bottom.points)))
        }
        self.series = series
        var profiles: [String: MetricProfile] = [:]
        for entry in series { profiles[entry.name] = settings.profile(ref.type, entry.name) }
        self.profiles = profiles
        for entry in series where profiles[entry.name]?.counts == true { noiseFloors[entry.name] = 0.5 }
    }

    func profile(_ name: String) -> MetricProfile { profiles[name] ?? MetricProfile() }

    /// The anomalies of one series, with the noise floor its profile asks for.
    func anomalies(_ series: MetricSeries, settings: AnomalySettings) -> [Anomaly] {
        AnomalyDetector.detect(series.points, settings: settings, minimumNoise: noiseFloors[series.name] ?? 0)
    }
}
