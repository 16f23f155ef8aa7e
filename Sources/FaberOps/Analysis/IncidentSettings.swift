import FaberCore

/// The settings of incident correlation, from `analysis.json`'s `incident` (config.json's
/// `analysis.incident` on top). docs/incident-correlation.md.
struct IncidentSettings: Sendable, Equatable {
    /// A change alone implicates a resource when it is this many times the noise ...
    var minChangeScore = 8.0
    /// ... and this fraction of the level before.
    var minRelativeChange = 0.5
    /// Onsets this close are simultaneous: the dependency direction decides.
    var tieMinutes = 5.0
    /// A change (deployment, configuration) this long before the root cause's onset is its likely trigger.
    var triggerMinutes = 60.0
    /// A log pattern first seen within this fraction of the window's start was already there.
    var onsetMarginFraction = 0.05
    /// A new error log pattern implicates its resource from this many events on.
    var minLogEvents = 5
    /// A threshold is crossed when this many points in a row are past it (one noisy minute is not).
    var crossingPoints = 3
    /// The words that make a log pattern an error (matched as whole words, case-sensitively).
    var errorTerms = [
        "ERROR", "Error", "error", "FATAL", "Fatal", "fatal", "CRITICAL", "Exception", "exception", "Traceback", "panic", "timeout", "Timeout", "refused",
        "failed", "Failed",
    ]
    /// A root cause explains the trouble of what depends on it when that starts within this long after it.
    var cascadeMinutes = 30.0
    /// The depth of each resource type in a request's path: an API (0) calls a function or
    /// service (1), which calls a database or bucket (2). Deeper resources are dependencies of
    /// shallower ones unless the registry says `depends_on`.
    var layers: [String: Int] = ["api-gateway": 0, "lambda": 1, "ecs-service": 1, "rds-instance": 2, "s3-bucket": 2]

    static let keys = [
        "min_change_score", "min_relative_change", "tie_minutes", "trigger_minutes", "onset_margin_fraction", "min_log_events", "crossing_points",
        "cascade_minutes",
        "error_terms", "layers",
    ]

    init() {}

    /// These settings with `value`'s keys on top.
    func merged(_ value: Value?, origin: String) throws -> IncidentSettings {
        guard let value, !value.isNull else { return self }
        guard let object = value.object else {
            throw FaberError(.invalidSpec, "\(origin) must be an object, got \(value.jsonString())", code: "invalid-analysis")
        }
        var settings = self
        for (key, entry) in object {
            if key == "error_terms" {
                guard let terms = entry.array?.compactMap(\.string), terms.count == entry.array?.count, !terms.isEmpty else {
                    throw FaberError(.invalidSpec, "\(origin).error_terms must be a list of words", code: "invalid-analysis")
                }
                settings.errorTerms = terms
                continue
            }
            if key == "layers" {
                guard let layers = entry.object else {
                    throw FaberError(.invalidSpec, "\(origin).layers must be an object {type: depth}", code: "invalid-analysis")
                }
                for (type, depth) in layers {
                    guard let number = depth.int else {
                        throw FaberError(.invalidSpec, "\(origin).layers.\(type) must be a whole number", code: "invalid-analysis")
                    }
                    settings.layers[type] = number
                }
                continue
            }
            guard Self.keys.contains(key) else {
                throw FaberError(
                    .invalidSpec, "\(origin): no setting '\(key)'",
                    hint: didYouMean(key, among: Self.keys) ?? "settings: \(Self.keys.joined(separator: ", "))", code: "invalid-analysis")
            }
            guard let number = entry.double, number.isFinite, number >= 0 else {
                throw FaberError(.invalidSpec, "\(origin).\(key) must be a number of at least 0, got \(entry.jsonString())", code: "invalid-analysis")
            }
            switch key {
            case "min_change_score": settings.minChangeScore = number
            case "min_relative_change": settings.minRelativeChange = number
            case "tie_minutes": settings.tieMinutes = number
            case "trigger_minutes": settings.triggerMinutes = number
            case "min_log_events": settings.minLogEvents = Int(number)
            case "crossing_points": settings.crossingPoints = Swift.max(1, Int(number))
            case "cascade_minutes": settings.cascadeMinutes = number
            default: settings.onsetMarginFraction = number
            }
        }
        return settings
    }
}
