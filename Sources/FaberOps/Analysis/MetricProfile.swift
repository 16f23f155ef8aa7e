import FaberCore

/// What a metric of a resource type means to the analysis, from `analysis.json`'s `metrics`:
/// its role, which direction is trouble, and the recommendation a change in that direction gives.
///
/// Roles: `traffic` (volume: requests, invocations; a change is context, never a cause),
/// `errors`, `latency`, `saturation` (a resource running out: CPU, connections, memory),
/// `capacity` (what is there to serve: running tasks), `size` (stored data).
struct MetricProfile: Sendable, Equatable {
    enum Role: String, Sendable, CaseIterable { case traffic, errors, latency, saturation, capacity, size, other }
    enum Bad: String, Sendable { case up, down }

    var role: Role = .other
    /// The direction that is trouble; nil when neither is (traffic, size).
    var bad: Bad?
    /// Counts of events: the noise is at least one event.
    var counts = false
    /// `{resource} {metric} {before} {after} {start}` are filled in.
    var advice: String?

    /// Whether a move from `before` to `after` goes the bad way.
    func isBad(before: Double, after: Double) -> Bool {
        switch bad {
        case .up?: after > before
        case .down?: after < before
        case nil: false
        }
    }

    static let keys = ["role", "bad", "counts", "advice"]

    init() {}

    init(_ value: Value, origin: String) throws {
        guard let object = value.object else {
            throw FaberError(.invalidSpec, "\(origin) must be an object, got \(value.jsonString())", code: "invalid-analysis")
        }
        for key in object.keys where !Self.keys.contains(key) {
            throw FaberError(.invalidSpec, "\(origin): no setting '\(key)'", hint: didYouMean(key, among: Self.keys), code: "invalid-analysis")
        }
        if let text = object["role"]?.string {
            guard let role = Role(rawValue: text) else {
                let roles = Role.allCases.map(\.rawValue)
                throw FaberError(
                    .invalidSpec, "\(origin).role must be one of \(roles.joined(separator: ", ")), got '\(text)'",
                    hint: didYouMean(text, among: roles), code: "invalid-analysis")
            }
            self.role = role
        }
        if let text = object["bad"]?.string {
            guard let bad = Bad(rawValue: text) else {
                throw FaberError(.invalidSpec, "\(origin).bad must be 'up' or 'down', got '\(text)'", code: "invalid-analysis")
            }
            self.bad = bad
        }
        counts = object["counts"]?.bool ?? false
        advice = object["advice"]?.string
    }
}
