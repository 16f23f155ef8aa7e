import FaberCore

/// Builds the spec model from parsed spec files and collects every problem on the way:
/// it never stops at the first one, so `faber check` can list them all.
///
/// Unknown front-matter keys are warnings (Claude Code adds keys over time); unknown step and
/// retry keys are errors, because a misspelt step key silently ignored changes what runs.
public struct SpecBuilder {
    public internal(set) var diagnostics: [Diagnostic] = []

    public init() {}

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    // MARK: - Keys

    /// Reports every key of `map` not in `known`, with a did-you-mean.
    mutating func checkKeys(_ map: YAMLNode?, known: [String], in kind: String, severity: Diagnostic.Severity) {
        for pair in map?.mappingPairs ?? [] {
            guard let key = pair.key.scalarText else {
                report(.error("keys in \(kind) must be plain names", at: pair.key.location))
                continue
            }
            guard !known.contains(key) else { continue }
            let hint = didYouMean(key, among: known) ?? "known keys: \(known.joined(separator: ", "))"
            report(Diagnostic(severity, at: pair.key.location, "unknown key '\(key)' in \(kind)", hint: hint))
        }
    }

    /// Reports a missing required key at the mapping (or `fallback` when there is no mapping).
    mutating func requireKey(_ key: String, in map: YAMLNode?, kind: String, at fallback: SourceLocation) {
        guard map?[key] == nil else { return }
        report(
            .error(
                "missing required key '\(key)' in \(kind)", at: map?.location ?? fallback,
                hint: "add '\(key): ...'"))
    }

    // MARK: - Typed values

    /// A scalar value as text; nil when absent or null. Collections are an error.
    mutating func string(_ key: String, in map: YAMLNode?, what: String? = nil) -> Located<String>? {
        guard let node = map?[key], !Self.isNull(node) else { return nil }
        guard let text = node.scalarText else {
            report(.error("'\(key)' must be \(what ?? "a string")", at: node.location))
            return nil
        }
        return Located(text, at: node.location)
    }

    mutating func bool(_ key: String, in map: YAMLNode?) -> Bool? {
        guard let node = map?[key], !Self.isNull(node) else { return nil }
        guard case .bool(let flag) = node.value else {
            report(.error("'\(key)' must be true or false", at: node.location))
            return nil
        }
        return flag
    }

    mutating func integer(_ key: String, in map: YAMLNode?, minimum: Int, what: String) -> Located<Int>? {
        guard let node = map?[key], !Self.isNull(node) else { return nil }
        guard case .int(let number) = node.value, number >= minimum else {
            report(.error("'\(key)' must be \(what)", at: node.location))
            return nil
        }
        return Located(number, at: node.location)
    }

    /// Seconds of a duration written as `30s`, `5m`, `1h30m` or a plain number of seconds.
    mutating func duration(_ key: String, in map: YAMLNode?) -> Located<Double>? {
        guard let node = map?[key], !Self.isNull(node) else { return nil }
        guard let text = node.scalarText, let seconds = DurationText.seconds(text), seconds >= 0 else {
            report(.error("'\(key)' must be a duration such as 30s, 5m or 1h, of at most \(DurationText.maximumText)", at: node.location))
            return nil
        }
        return Located(seconds, at: node.location)
    }

    /// A list of scalars; a single scalar counts as a list of one when `scalarAllowed`.
    mutating func stringList(
        _ key: String, in map: YAMLNode?, what: String, scalarAllowed: Bool = true
    ) -> [Located<String>]? {
        guard let node = map?[key] else { return nil }
        if Self.isNull(node) { return [] }
        if scalarAllowed, let text = node.scalarText { return [Located(text, at: node.location)] }
        guard let items = node.sequenceItems else {
            report(.error("'\(key)' must be \(what)", at: node.location))
            return nil
        }
        var result: [Located<String>] = []
        for item in items {
            guard let text = item.scalarText else {
                report(.error("'\(key)' must be \(what)", at: item.location))
                continue
            }
            result.append(Located(text, at: item.location))
        }
        return result
    }

    /// A mapping value; nil when absent or null, an error when it is something else.
    mutating func mapping(_ key: String, in map: YAMLNode?, what: String) -> YAMLNode? {
        guard let node = map?[key], !Self.isNull(node) else { return nil }
        guard node.mappingPairs != nil else {
            report(.error("'\(key)' must be \(what)", at: node.location))
            return nil
        }
        return node
    }

    /// A raw value as one of `cases`, with the accepted values and a did-you-mean when it is not.
    mutating func choice<T: RawRepresentable>(
        _ key: String, in map: YAMLNode?, cases: [T]
    ) -> T? where T.RawValue == String {
        guard let text = string(key, in: map) else { return nil }
        if let value = T(rawValue: text.value) { return value }
        let names = cases.map(\.rawValue)
        report(
            .error(
                "'\(key)' must be one of \(names.joined(separator: ", ")), not '\(text.value)'", at: text.location,
                hint: didYouMean(text.value, among: names)))
        return nil
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        if case .scalar(let text, .plain, _) = node { return text.isEmpty || text == "~" || text == "null" }
        return false
    }
}
