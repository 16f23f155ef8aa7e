@_exported import OrderedCollections

/// The data that flows between steps: inputs, handler outputs, config, reports.
/// JSON-shaped; objects keep their key order so reports read the way they were built.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case object(OrderedDictionary<String, Value>)

    public static func object(_ pairs: KeyValuePairs<String, Value>) -> Value {
        var dict = OrderedDictionary<String, Value>()
        for (k, v) in pairs { dict[k] = v }
        return .object(dict)
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var array: [Value]? { if case .array(let a) = self { a } else { nil } }
    public var object: OrderedDictionary<String, Value>? { if case .object(let o) = self { o } else { nil } }

    public var int: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: Int(d)
        case .string(let s): Int(s)
        default: nil
        }
    }

    public var double: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    /// Member access for objects; nil for anything else or a missing key.
    public subscript(key: String) -> Value? {
        get { object?[key] }
        set {
            guard case .object(var dict) = self else { return }
            dict[key] = newValue
            self = .object(dict)
        }
    }

    /// Element access for arrays; nil when out of range.
    public subscript(index: Int) -> Value? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Follows a dotted path such as `handlers.hosting.active`.
    public func lookup(_ path: String) -> Value? {
        var current: Value? = self
        for part in path.split(separator: ".") {
            if let index = Int(part), case .array = current { current = current?[index] } else { current = current?[String(part)] }
        }
        return current
    }

    /// Truthiness used by `if:` and `!`: null, false, 0, "" and empty collections are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }

    /// The name of this value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "list"
        case .object: "object"
        }
    }

    /// Text used when a value is interpolated into a string: strings as they are,
    /// numbers without a trailing `.0`, collections as compact JSON.
    public var interpolated: String {
        switch self {
        case .null: ""
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): Value.formatNumber(d)
        case .array, .object: jsonString()
        }
    }

    static func formatNumber(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var dict = OrderedDictionary<String, Value>()
        for (k, v) in elements { dict[k] = v }
        self = .object(dict)
    }
}
