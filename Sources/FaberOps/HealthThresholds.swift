import FaberCore
import FaberOpsModel

/// The thresholds health classification uses: the plugin's defaults (a JSON file beside the skill,
/// `thresholds.json`) with config.json's `thresholds` on top, globally, per type and per resource:
///
/// ```json
/// "thresholds": {
///   "error_rate": 0.5,                                  every type's error_rate rule
///   "lambda": {"Duration": {"limit": 0.8}},             one type's rule
///   "resources": {"orders-db": {"CPUUtilization": 95}}, one resource's rule
///   "degraded_fraction": 0.75
/// }
/// ```
///
/// A number replaces the rule's limit (`above`, `below`, or the fraction of `above_fraction_of`);
/// an object is merged into the rule.
struct HealthThresholds: Sendable {
    /// Per type: whether a resource with no metric data at all is UNKNOWN, and its rules' settings.
    var requiresData: [String: Bool]
    var rules: [String: OrderedDictionary<String, Value>]
    /// Per type: raw AWS states (lowercased; a trailing `*` matches a prefix) and the health they mean.
    var states: [String: [(pattern: String, status: HealthStatus, advice: String?)]]
    /// The recommendations for a resource that could not be read, and for one without any data.
    var unknownAdvice: String?
    var noDataAdvice: String?
    /// `capacities.rds_max_connections`: the default max_connections of each RDS instance class.
    var maxConnections: [String: Double]
    var degradedFraction: Double
    var overrides: Value

    init(defaults: Value, overrides: Value) throws {
        guard let types = defaults["types"]?.object else {
            throw FaberError(.invalidSpec, "the thresholds file has no 'types' object", code: "invalid-threshold")
        }
        var requiresData: [String: Bool] = [:]
        var rules: [String: OrderedDictionary<String, Value>] = [:]
        var states: [String: [(pattern: String, status: HealthStatus, advice: String?)]] = [:]
        for (type, settings) in types {
            requiresData[type] = settings["requires_data"]?.bool ?? true
            rules[type] = settings["rules"]?.object ?? [:]
            // A state maps to a health ("UNHEALTHY") or to {health, advice}.
            states[type] = try (settings["states"]?.object ?? [:]).map { state, entry in
                guard let text = entry.string ?? entry["health"]?.string, let status = HealthStatus(rawValue: text.uppercased()) else {
                    throw FaberError(
                        .invalidSpec, "the thresholds file: state '\(state)' of \(type) must map to HEALTHY, DEGRADED, UNHEALTHY or UNKNOWN",
                        code: "invalid-threshold")
                }
                return (state.lowercased(), status, entry["advice"]?.string)
            }
        }
        self.requiresData = requiresData
        self.rules = rules
        self.states = states
        self.unknownAdvice = defaults["unknown_advice"]?.string
        self.noDataAdvice = defaults["no_data_advice"]?.string
        var maxConnections: [String: Double] = [:]
        for (name, value) in defaults["capacities"]?["rds_max_connections"]?.object ?? [:] {
            if let number = value.double { maxConnections[name] = number }
        }
        self.maxConnections = maxConnections
        self.overrides = overrides.isNull ? [:] : overrides
        guard self.overrides.object != nil else {
            throw FaberError(.invalidSpec, "config.json 'thresholds' must be an object, got \(overrides.jsonString())", code: "invalid-threshold")
        }
        self.degradedFraction = overrides["degraded_fraction"]?.double ?? defaults["degraded_fraction"]?.double ?? 0.8
        try checkOverrides()
        for type in ResourceType.allCases { _ = try self.rules(for: "", type: type) }  // every type's overrides, checked now
    }

    /// The thresholds file `file` names (beside the skill) with config.json's `overrides` on top.
    static func load(file: String, overrides: Value?, context: HandlerContext, handler: String) throws -> HealthThresholds {
        let defaults = try SkillDataFile.load(file, what: "the thresholds file", context: context, handler: handler, code: "invalid-threshold")
        return try HealthThresholds(defaults: defaults, overrides: overrides ?? .null)
    }

    /// Every key of config.json's `thresholds` must name something: a rule of some type, a type,
    /// `resources` or `degraded_fraction`; a misspelt key would otherwise change nothing, silently.
    private func checkOverrides() throws {
        let ruleNames = Set(rules.values.flatMap(\.keys))
        let known = Array(ruleNames).sorted() + ResourceType.names + ["resources", "degraded_fraction"]
        func refuse(_ key: String, in place: String, among names: [String]) -> FaberError {
            FaberError(
                .invalidSpec, "config.json thresholds\(place): no threshold or type '\(key)'",
                hint: didYouMean(key, among: names) ?? "thresholds: \(names.joined(separator: ", "))", code: "invalid-threshold")
        }
        for key in (overrides.object ?? [:]).keys where !known.contains(key) {
            throw refuse(key, in: "", among: known)
        }
        for type in ResourceType.names {
            let typeRules = Array((rules[type] ?? [:]).keys)
            for (key, value) in overrides[type]?.object ?? [:] where !typeRules.contains(key) && value.object == nil {
                throw refuse(key, in: ".\(type)", among: typeRules)
            }
        }
        for (id, settings) in overrides["resources"]?.object ?? [:] {
            for (key, value) in settings.object ?? [:] where !ruleNames.contains(key) && value.object == nil {
                throw refuse(key, in: ".resources.\(id)", among: Array(ruleNames).sorted())
            }
        }
    }

    /// The health a raw AWS state of `type` means, when the thresholds file maps it.
    func health(ofState state: String?, type: ResourceType) -> (HealthStatus, String?)? {
        guard let state = state?.lowercased() else { return nil }
        return states[type.rawValue]?.first { entry in
            entry.pattern.hasSuffix("*") ? state.hasPrefix(String(entry.pattern.dropLast())) : state == entry.pattern
        }.map { ($0.status, $0.advice) }
    }

    /// The rules of one resource, defaults then global, type and resource overrides.
    func rules(for id: String, type: ResourceType) throws -> [HealthRule] {
        var settings = rules[type.rawValue] ?? [:]
        let layers: [OrderedDictionary<String, Value>] = [
            (overrides.object ?? [:]).filter { settings[$0.key] != nil },
            overrides[type.rawValue]?.object ?? [:],
            overrides["resources"]?[id]?.object ?? [:],
        ]
        for layer in layers {
            for (name, override) in layer {
                guard var rule = settings[name]?.object else {
                    guard override.object != nil else {  // only a whole rule can be new
                        throw FaberError(
                            .invalidSpec, "config.json thresholds: \(type.rawValue) has no threshold '\(name)' (for '\(id)')",
                            hint: didYouMean(name, among: Array(settings.keys)) ?? "its thresholds: \(settings.keys.joined(separator: ", "))",
                            code: "invalid-threshold")
                    }
                    settings[name] = override
                    continue
                }
                guard override.double != nil || override.object != nil else {
                    throw FaberError(
                        .invalidSpec,
                        "config.json thresholds: '\(name)' must be a number (the new limit) or an object (merged into the rule), got \(override.jsonString())",
                        code: "invalid-threshold")
                }
                if let number = override.double {
                    let key = rule["above"] != nil ? "above" : rule["below"] != nil ? "below" : "limit"
                    rule[key] = .double(number)
                    // A fixed warning level past the new limit would never warn first: it gives way to the
                    // fraction of the limit. One still before the new limit stays.
                    if let level = rule["degraded_above"]?.double, key == "above", level >= number { rule["degraded_above"] = nil }
                    if let level = rule["degraded_below"]?.double, key == "below", level <= number { rule["degraded_below"] = nil }
                } else if let object = override.object {
                    for (key, value) in object { rule[key] = value }
                }
                settings[name] = .object(rule)
            }
        }
        return try settings.map { name, value in try HealthRule.make(name: name, settings: value, degradedFraction: degradedFraction) }
    }

    /// What a resource's limits can be fractions of: `timeout_ms` (Lambda), `max_connections` (RDS,
    /// from its class).
    func capacities(details: Value) -> [String: Double] {
        var capacities: [String: Double] = [:]
        if let timeout = details["timeout_s"]?.double { capacities["timeout_ms"] = timeout * 1000 }
        if let instanceClass = details["class"]?.string, let connections = maxConnections[instanceClass] {
            capacities["max_connections"] = connections
        }
        return capacities
    }
}
