import FaberCore

/// The settings of change-point and spike detection, from the plugin's `analysis.json`
/// (`anomalies`), with config.json's `analysis.anomalies` on top. docs/performance-analysis.md.
struct AnomalySettings: Sendable, Equatable {
    /// Fewest points on each side of a change.
    var minSegment = 3
    /// A change is judged on this many points on each side of it.
    var changeWindow = 10
    /// A change must move the level by this many times the series' noise ...
    var changeScore = 5.0
    /// ... and by this fraction of the level before (a level of 0 passes).
    var minRelativeChange = 0.2
    /// A spike departs from the medians of its neighbours on both sides by this many times the noise.
    var spikeScore = 6.0
    /// Neighbours on each side a spike is compared with.
    var spikeContext = 5
    /// Changes looked for per series at most (binary segmentation depth).
    var maxChanges = 3
    /// A trend smaller than this fraction of its start level is flat.
    var flatTrend = 0.1

    static let keys = [
        "min_segment", "change_window", "change_score", "min_relative_change", "spike_score", "spike_context", "max_changes", "flat_trend",
    ]

    init() {}

    /// These settings with `overrides` (`{min_segment, change_score, ...}`, some of the keys) on
    /// top; an unknown key or a value of the wrong kind is an error naming `origin` (the file or
    /// config.json key).
    func merged(_ overrides: Value?, origin: String) throws -> AnomalySettings {
        guard let overrides, !overrides.isNull else { return self }
        guard let object = overrides.object else {
            throw FaberError(.invalidSpec, "\(origin) must be an object, got \(overrides.jsonString())", code: "invalid-analysis")
        }
        for key in object.keys where !Self.keys.contains(key) {
            throw FaberError(
                .invalidSpec, "\(origin): no setting '\(key)'",
                hint: didYouMean(key, among: Self.keys) ?? "settings: \(Self.keys.joined(separator: ", "))", code: "invalid-analysis")
        }
        func number(_ key: String, atLeast minimum: Double) throws -> Double? {
            guard let entry = object[key] else { return nil }
            guard let number = entry.double, number.isFinite, number >= minimum else {
                throw FaberError(
                    .invalidSpec, "\(origin).\(key) must be a number of at least \(Value.double(minimum).interpolated), got \(entry.jsonString())",
                    code: "invalid-analysis")
            }
            return number
        }
        func whole(_ key: String, atLeast minimum: Int) throws -> Int? {
            try number(key, atLeast: Double(minimum)).map { Int($0) }
        }
        var settings = self
        settings.minSegment = try whole("min_segment", atLeast: 2) ?? minSegment
        settings.changeWindow = try whole("change_window", atLeast: 2) ?? changeWindow
        settings.changeScore = try number("change_score", atLeast: 0) ?? changeScore
        settings.minRelativeChange = try number("min_relative_change", atLeast: 0) ?? minRelativeChange
        settings.spikeScore = try number("spike_score", atLeast: 0) ?? spikeScore
        settings.spikeContext = try whole("spike_context", atLeast: 1) ?? spikeContext
        settings.maxChanges = try whole("max_changes", atLeast: 0) ?? maxChanges
        settings.flatTrend = try number("flat_trend", atLeast: 0) ?? flatTrend
        return settings
    }
}
