import FaberCore
import FaberOpsModel

/// Everything the performance analysis and the incident correlation judge by, as data: the
/// plugin's `analysis.json` (beside the ops skills), with config.json's `analysis` on top
/// (`{"anomalies": {...}, "incident": {...}}`). docs/performance-analysis.md,
/// docs/incident-correlation.md.
struct AnalysisSettings: Sendable {
    var anomalies: AnomalySettings
    var incident: IncidentSettings
    /// Per resource type, per metric name (fetched or derived).
    var profiles: [String: [String: MetricProfile]]
    var derived: [String: [DerivedMetric]]

    static let overrideKeys = ["anomalies", "incident"]

    init(defaults: Value, overrides: Value?) throws {
        let origin = "analysis settings"
        anomalies = try AnomalySettings().merged(defaults["anomalies"], origin: "\(origin): anomalies")
        incident = try IncidentSettings().merged(defaults["incident"], origin: "\(origin): incident")
        profiles = [:]
        for (type, metrics) in defaults["metrics"]?.object ?? [:] {
            var byName: [String: MetricProfile] = [:]
            for (name, value) in metrics.object ?? [:] {
                byName[name] = try MetricProfile(value, origin: "\(origin): metrics.\(type).\(name)")
            }
            profiles[type] = byName
        }
        derived = [:]
        for (type, metrics) in defaults["derived"]?.object ?? [:] {
            derived[type] = try (metrics.object ?? [:]).map { name, value in
                try DerivedMetric(name: name, value, origin: "\(origin): derived.\(type).\(name)")
            }
        }
        guard let overrides, !overrides.isNull else { return }
        guard let object = overrides.object else {
            throw FaberError(.invalidSpec, "config.json 'analysis' must be an object, got \(overrides.jsonString())", code: "invalid-analysis")
        }
        for key in object.keys where !Self.overrideKeys.contains(key) {
            throw FaberError(
                .invalidSpec, "config.json analysis: no setting '\(key)'",
                hint: didYouMean(key, among: Self.overrideKeys) ?? "settings: anomalies, incident", code: "invalid-analysis")
        }
        anomalies = try anomalies.merged(object["anomalies"], origin: "config.json analysis.anomalies")
        incident = try incident.merged(object["incident"], origin: "config.json analysis.incident")
    }

    func profile(_ type: ResourceType, _ metric: String) -> MetricProfile {
        profiles[type.rawValue]?[metric] ?? MetricProfile()
    }

    /// The analysis settings file a handler names in `settings_file`, with `overrides`.
    static func load(_ with: HandlerInput, context: HandlerContext, handler: String) throws -> AnalysisSettings {
        let name = try with.requiredString("settings_file", "the analysis settings file")
        let defaults = try SkillDataFile.load(name, what: "the analysis settings file", context: context, handler: handler, code: "invalid-analysis")
        return try AnalysisSettings(defaults: defaults, overrides: with.value["overrides"])
    }
}
