import FaberCore
import Foundation

/// The values an expression can see.
public struct EvaluationScope: Sendable {
    public var inputs: Value
    /// `steps.<id>` -> `{status, outputs, error}`.
    public var steps: OrderedDictionary<String, Value>
    public var config: Value
    public var env: Value
    public var item: Value?

    public init(
        inputs: Value = [:], steps: OrderedDictionary<String, Value> = [:], config: Value = .null,
        env: Value = .null, item: Value? = nil
    ) {
        self.inputs = inputs
        self.steps = steps
        self.config = config
        self.env = env
        self.item = item
    }

    func root(_ name: String) -> Value {
        switch name {
        case "inputs": inputs
        case "steps": .object(steps)
        case "config": config
        case "env": env
        case "item": item ?? .null
        default: .null
        }
    }
}

/// A runtime failure while evaluating (wrong types for a function, for instance).
public struct EvaluationError: Error, Sendable {
    public var message: String
}

extension Expression {
    /// Evaluates the expression. Missing members are `null` (so `default(x, y)` works);
    /// type errors in function calls throw.
    public func evaluate(in scope: EvaluationScope) throws(EvaluationError) -> Value {
        switch self {
        case .literal(let value):
            return value
        case .reference(let root, let path):
            var current = scope.root(root)
            for accessor in path {
                switch accessor {
                case .member(let name):
                    current = current[name] ?? .null
                case .index(let expression):
                    let key = try expression.evaluate(in: scope)
                    if case .array(let items) = current, let i = key.int {
                        let index = i < 0 ? items.count + i : i
                        current = items.indices.contains(index) ? items[index] : .null
                    } else {
                        current = current[key.interpolated] ?? .null
                    }
                }
            }
            return current
        case .not(let inner):
            return .bool(!(try inner.evaluate(in: scope).isTruthy))
        case .binary(let op, let lhs, let rhs):
            let a = try lhs.evaluate(in: scope)
            switch op {
            case .or: return a.isTruthy ? a : try rhs.evaluate(in: scope)
            case .and: return a.isTruthy ? try rhs.evaluate(in: scope) : a
            default: break
            }
            let b = try rhs.evaluate(in: scope)
            switch op {
            case .equal: return .bool(Self.looselyEqual(a, b))
            case .notEqual: return .bool(!Self.looselyEqual(a, b))
            default:
                guard let order = Self.compare(a, b) else {
                    throw EvaluationError(message: "cannot compare \(a.typeName) with \(b.typeName) using '\(op.rawValue)'")
                }
                switch op {
                case .less: return .bool(order < 0)
                case .lessOrEqual: return .bool(order <= 0)
                case .greater: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        case .call(let name, let arguments):
            var args: [Value] = []
            for argument in arguments { args.append(try argument.evaluate(in: scope)) }
            return try Self.call(name, args)
        }
    }

    static func looselyEqual(_ a: Value, _ b: Value) -> Bool {
        if let x = a.numeric, let y = b.numeric { return x == y }
        if case .string(let x) = a, case .string(let y) = b { return x == y }
        return a == b
    }

    static func compare(_ a: Value, _ b: Value) -> Int? {
        if let x = a.numeric, let y = b.numeric { return x < y ? -1 : (x > y ? 1 : 0) }
        if case .string(let x) = a, case .string(let y) = b { return x < y ? -1 : (x > y ? 1 : 0) }
        return nil
    }

    static func call(_ name: String, _ args: [Value]) throws(EvaluationError) -> Value {
        switch name {
        case "len":
            switch args[0] {
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            case .string(let s): return .int(s.count)
            case .null: return 0
            default: throw EvaluationError(message: "len() needs a list, object or string, got \(args[0].typeName)")
            }
        case "contains":
            switch args[0] {
            case .array(let a): return .bool(a.contains { looselyEqual($0, args[1]) })
            case .object(let o): return .bool(o[args[1].interpolated] != nil)
            case .string(let s): return .bool(s.lowercased().contains(args[1].interpolated.lowercased()))
            case .null: return false
            default: throw EvaluationError(message: "contains() needs a list, object or string, got \(args[0].typeName)")
            }
        case "join":
            let separator = args.count > 1 ? args[1].interpolated : ","
            switch args[0] {
            case .array(let a): return .string(a.map(\.interpolated).joined(separator: separator))
            case .null: return ""
            default: return .string(args[0].interpolated)
            }
        case "default":
            return args[0].isNull || args[0] == "" ? args[1] : args[0]
        default:  // format
            return .string(try format(args[0].interpolated, Array(args.dropFirst())))
        }
    }

    /// `format('{0} of {1}', a, b)`: one pass, so a value that contains `{1}` stays as it is; a
    /// placeholder with no value is an error, not left in the text.
    static func format(_ pattern: String, _ values: [Value]) throws(EvaluationError) -> String {
        var text = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            // A placeholder is digits then `}`: only the digits are looked at, so a text of many
            // `{` stays linear (looking for the next `}` from each `{` was quadratic).
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            let close = digits.endIndex
            guard !digits.isEmpty, digits.count <= 9, close < after.endIndex, after[close] == "}", let n = Int(digits) else {
                text.append("{")
                rest = after
                continue
            }
            guard n < values.count else {
                throw EvaluationError(message: "format() has no value for '{\(n)}' (\(values.count) value\(values.count == 1 ? "" : "s") given)")
            }
            text += values[n].interpolated
            rest = after[after.index(after: close)...]
        }
        return text + rest
    }
}

extension Value {
    /// Numbers, and strings that spell numbers, as Double (for comparisons).
    var numeric: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
