import FaberCore

/// A parsed YAML node with the location of its first character.
/// Produced by `YAMLParser` (over libyaml); C types never leave this module.
public indirect enum YAMLNode: Sendable, Hashable {
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    case scalar(String, ScalarStyle, SourceLocation)
    case sequence([YAMLNode], SourceLocation)
    /// Pairs in source order (duplicate keys are reported by the parser).
    case mapping([(key: YAMLNode, value: YAMLNode)], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .sequence(_, let l), .mapping(_, let l): l
        }
    }

    /// The text of a scalar, nil for collections.
    public var scalarText: String? {
        if case .scalar(let text, _, _) = self { text } else { nil }
    }

    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items, _) = self { items } else { nil }
    }

    public var mappingPairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs, _) = self { pairs } else { nil }
    }

    /// The value for a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mappingPairs?.first { $0.key.scalarText == key }?.value
    }

    /// The node as a plain `Value`, resolving plain scalars with the YAML core
    /// schema (null/~, true/false, integers, floats); quoted scalars stay strings.
    public var value: Value {
        switch self {
        case .scalar(let text, let style, _):
            guard style == .plain else { return .string(text) }
            return YAMLNode.resolvePlain(text)
        case .sequence(let items, _):
            return .array(items.map(\.value))
        case .mapping(let pairs, _):
            var dict = OrderedDictionary<String, Value>()
            for pair in pairs { dict[pair.key.scalarText ?? pair.key.value.interpolated] = pair.value.value }
            return .object(dict)
        }
    }

    public static func resolvePlain(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int(text) { return .int(i) }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true, let d = Double(text),
            !text.lowercased().hasPrefix("0x"), !text.contains("_")
        {
            return .double(d)
        }
        return .string(text)
    }

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.scalar(let x, let s, let l), .scalar(let y, let t, let m)): return x == y && s == t && l == m
        case (.sequence(let x, let l), .sequence(let y, let m)): return x == y && l == m
        case (.mapping(let x, let l), .mapping(let y, let m)):
            return l == m && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(location)
        switch self {
        case .scalar(let text, _, _): hasher.combine(text)
        case .sequence(let items, _): hasher.combine(items)
        case .mapping(let pairs, _):
            for pair in pairs {
                hasher.combine(pair.key)
                hasher.combine(pair.value)
            }
        }
    }
}
