import FaberCore
import FaberOpsModel
import Foundation

/// `metrics.analyze`: per metric of each resource avg, min, max, p95, p99, the trend over the
/// window (a robust line) and the anomalies (sustained changes and spikes against the series'
/// own baseline), with recommendations tied to the metrics that moved the bad way: the report of
/// analyze-performance. docs/performance-analysis.md.
struct AnalyzePerformanceHandler: Handler {
    let id = "metrics.analyze"

    let signature = HandlerSignature(
        summary: "Statistics, robust trend and anomalies (changes, spikes) of every metric series of the resources",
        inputs: [
            .init("resources", required: true, .listOrObject, "the registry entries analysed {id, type, arn}"),
            .init("metrics", required: true, .object, "aws.query-metrics outputs.metrics: {id: {Metric: {unit, stat, points}}}"),
            .init("metric", .text, "only this metric (a fetched one, or a derived one such as error_rate)"),
            .init("settings_file", required: true, .text, "the analysis settings, a JSON file in the skill's folder (analysis.json)"),
            .init("overrides", .object, "config.json 'analysis': {anomalies: {...}}"),
        ],
        outputs: ["metrics", "anomalies", "series", "no_data", "recommendations", "timestamp", "stamp"],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let refs = try with.requiredResources()
        let settings = try AnalysisSettings.load(with, context: context, handler: id)
        let only = try with.string("metric")
        let resources = refs.map { ResourceSeries(ref: $0, metrics: input["metrics"]?[$0.id], settings: settings) }
        if let only {
            let names = Array(Set(resources.flatMap { $0.series.map(\.name) })).sorted()
            guard names.contains(only) else {
                throw FaberError.usage(
                    "\(id): no metric '\(only)' among the resources' metrics",
                    hint: didYouMean(only, among: names) ?? "metrics: \(names.joined(separator: ", "))")
            }
        }
        var metrics = OrderedDictionary<String, Value>()
        var rows: [Value] = []
        var anomalies: [(Anomaly, ResourceSeries, MetricSeries)] = []
        var recommendations: [String] = []
        var noData: [String] = []
        for resource in resources {
            var byName = OrderedDictionary<String, Value>()
            for series in resource.series where only == nil || series.name == only {
                let values = series.points.map(\.value)
                let found = resource.anomalies(series, settings: settings.anomalies)
                anomalies += found.map { ($0, resource, series) }
                let trend = Trend.fit(series.points, flat: settings.anomalies.flatTrend)
                let entry = Self.entry(series, stats: SeriesStatistics(values), trend: trend)
                byName[series.name] = entry
                if series.points.isEmpty {
                    noData.append("\(resource.ref.id) \(series.name)")
                } else {
                    rows.append(row(resource, series, entry: entry, trend: trend, anomalies: found))
                }
                recommendations += advice(resource, series, trend: trend, anomalies: found)
            }
            metrics[resource.ref.id] = .object(byName)
        }
        anomalies.sort { $0.0.time != $1.0.time ? $0.0.time < $1.0.time : $0.1.ref.id < $1.1.ref.id }
        var seen = Set<String>()
        let now = Date()
        return [
            "metrics": .object(metrics),
            "anomalies": .array(anomalies.map { Self.anomalyValue($0.0, resource: $0.1.ref.id, series: $0.2) }),
            "series": .array(rows),
            "no_data": .array(noData.map { .string($0) }),
            "recommendations": .array(recommendations.filter { seen.insert($0).inserted }.map { .string($0) }),
            "timestamp": .string(ISOTime.string(now)),
            "stamp": .string(ReportStamp.string(now)),
        ]
    }

    static func entry(_ series: MetricSeries, stats: SeriesStatistics?, trend: Trend?) -> Value {
        func number(_ value: Double?) -> Value { value.map { .double(($0 * 10000).rounded() / 10000) } ?? .null }
        return [
            "unit": .string(series.unit),
            "stat": .string(series.stat),
            "count": .int(stats?.count ?? 0),
            "avg": number(stats?.avg),
            "min": number(stats?.min),
            "max": number(stats?.max),
            "p95": number(stats?.p95),
            "p99": number(stats?.p99),
            "latest": number(stats?.latest),
            "trend": trend.map { trend in
                [
                    "direction": .string(trend.direction.rawValue),
                    "change": number(trend.relativeChange),
                    "slope_per_hour": number(trend.slopePerHour),
                ]
            } ?? .null,
        ]
    }

    static func anomalyValue(_ anomaly: Anomaly, resource: String, series: MetricSeries) -> Value {
        func number(_ value: Double) -> Value { .double((value * 10000).rounded() / 10000) }
        return [
            "resource": .string(resource),
            "metric": .string(series.name),
            "kind": .string(anomaly.kind.rawValue),
            "start": .string(ISOTime.string(epochSeconds: anomaly.time)),
            "before": number(anomaly.before),
            "after": number(anomaly.after),
            "unit": .string(series.unit),
            "score": .double((anomaly.score * 10).rounded() / 10),
            "text": .string(describe(anomaly, series: series)),
        ]
    }

    /// One line's worth for the text report: the sparkline and the numbers, formatted.
    private func row(_ resource: ResourceSeries, _ series: MetricSeries, entry: Value, trend: Trend?, anomalies: [Anomaly]) -> Value {
        func shown(_ key: String) -> Value {
            entry[key]?.double.map { .string(HealthClassifier.format($0, unit: series.unit)) } ?? .string("-")
        }
        var trendText = "-"
        if let trend {
            trendText = trend.direction.rawValue
            if trend.direction != .flat, let change = trend.relativeChange {
                trendText += String(format: " %@%.0f%%", change >= 0 ? "+" : "", change * 100)
            }
        }
        return [
            "resource": .string(resource.ref.id),
            "metric": .string(series.name),
            "sparkline": .string(Sparkline.line(series.points.map(\.value))),
            "count": .int(series.points.count),
            "avg": shown("avg"), "min": shown("min"), "max": shown("max"), "p95": shown("p95"), "p99": shown("p99"),
            "trend": .string(trendText),
            "anomalies": .array(anomalies.map { .string(Self.describe($0, series: series)) }),
        ]
    }

    /// "change at 14:05: 40 -> 112" / "spike at 14:05: 300 ms (around 120 ms)"
    static func describe(_ anomaly: Anomaly, series: MetricSeries) -> String {
        let time = ISOTime.string(epochSeconds: anomaly.time)
        let before = HealthClassifier.format(anomaly.before, unit: series.unit)
        let after = HealthClassifier.format(anomaly.after, unit: series.unit)
        switch anomaly.kind {
        case .change: return "change from \(time): \(before) -> \(after)"
        case .spike: return "spike at \(time): \(after) (around \(before))"
        }
    }

    /// The profile's advice for a change the bad way, else for a trend the bad way.
    private func advice(_ resource: ResourceSeries, _ series: MetricSeries, trend: Trend?, anomalies: [Anomaly]) -> [String] {
        let profile = resource.profile(series.name)
        guard let advice = profile.advice else { return [] }
        if let change = anomalies.last(where: { $0.kind == .change && profile.isBad(before: $0.before, after: $0.after) }) {
            return [Self.fill(advice, resource: resource.ref, series: series, before: change.before, after: change.after, start: change.time)]
        }
        if let trend, trend.direction != .flat, profile.isBad(before: trend.start, after: trend.end), let first = series.points.first {
            return [Self.fill(advice, resource: resource.ref, series: series, before: trend.start, after: trend.end, start: first.time)]
        }
        return []
    }

    static func fill(_ advice: String, resource: ResourceRef, series: MetricSeries, before: Double, after: Double, start: Double) -> String {
        let values = [
            "resource": resource.id, "name": resource.name, "metric": series.name,
            "before": HealthClassifier.format(before, unit: series.unit), "after": HealthClassifier.format(after, unit: series.unit),
            "start": ISOTime.string(epochSeconds: start),
        ]
        return AdviceText.fill(advice, values)
    }
}
