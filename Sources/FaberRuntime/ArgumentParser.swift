import FaberCore
import FaberSpec

/// Parses `--name value` / `--name=value` words against an operation's `arguments`.
public struct ArgumentParser {
    public let arguments: [ArgumentSpec]
    /// For messages: `/plugin:command operation`.
    public let commandName: String

    public init(arguments: [ArgumentSpec], commandName: String) {
        self.arguments = arguments
        self.commandName = commandName
    }

    public func parse(_ words: [String]) throws -> Value {
        var values = OrderedDictionary<String, Value>()
        var index = 0
        let names = arguments.map { "--" + $0.name }
        while index < words.count {
            let word = words[index]
            guard word.hasPrefix("--") else {
                throw FaberError.usage(
                    "unexpected argument '\(word)' for \(commandName)",
                    hint: arguments.isEmpty ? "it takes no arguments" : "arguments are flags: \(names.joined(separator: " "))")
            }
            let (flag, inlineValue) = GlobalOptions.splitFlag(word)
            let name = String(flag.dropFirst(2))
            guard let spec = arguments.first(where: { $0.name == name }) else {
                let suggestion = suggestion(for: flag, among: names + GlobalOptions.flagNames)
                throw FaberError.usage(
                    "unknown option '\(flag)' for \(commandName)",
                    hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "accepted: \((names + GlobalOptions.flagNames).joined(separator: " "))")
            }
            let text: String
            if let inlineValue {
                text = inlineValue
            } else if spec.type == .boolean {
                if index + 1 < words.count, ["true", "false"].contains(words[index + 1].lowercased()) {
                    index += 1
                    text = words[index]
                } else {
                    text = "true"
                }
            } else if index + 1 < words.count, !words[index + 1].hasPrefix("--") {
                index += 1
                text = words[index]
            } else {
                throw FaberError.usage("\(flag) needs a value", hint: describe(spec))
            }
            if spec.repeatable {
                let items = try text.split(separator: ",").map { try convert(String($0).trimmingWhitespace(), for: spec) }
                values[name] = .array((values[name]?.array ?? []) + items)
                index += 1
                continue
            }
            if values[name] != nil {
                throw FaberError.usage("\(flag) given twice", hint: "only one value; an argument with 'repeatable: true' takes several")
            }
            values[name] = try convert(text, for: spec)
            index += 1
        }
        return try completed(values)
    }

    /// The same arguments given as JSON values by name (an MCP tool call's `arguments`): each value
    /// is checked exactly as its flag's text would be (enums, ranges, durations); a repeatable
    /// argument takes a list or one value; null is "not given".
    public func parse(values given: [(name: String, value: Value)]) throws -> Value {
        var values = OrderedDictionary<String, Value>()
        let names = arguments.map(\.name)
        for (name, value) in given where !value.isNull {
            guard let spec = arguments.first(where: { $0.name == name }) else {
                throw FaberError.usage(
                    "unknown argument '\(name)' for \(commandName)",
                    hint: (didYouMean(name, among: names).map { $0 + " " } ?? "")
                        + (names.isEmpty ? "it takes no arguments" : "accepted: \(names.joined(separator: ", "))"))
            }
            if spec.repeatable {
                values[name] = .array(try (value.array ?? [value]).map { try convert(text(of: $0, for: spec), for: spec) })
            } else {
                values[name] = try convert(text(of: value, for: spec), for: spec)
            }
        }
        return try completed(values)
    }

    /// A JSON scalar as the text of its flag: `5`, `true`, `2.5`, `"prod"`.
    func text(of value: Value, for spec: ArgumentSpec) throws -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int, .double: return value.interpolated
        default:
            throw FaberError.usage(
                "--\(spec.name) takes \(English.withArticle(spec.type.rawValue)), not \(English.withArticle(value.typeName))", hint: describe(spec))
        }
    }

    /// Defaults filled in, and a missing required argument refused.
    func completed(_ given: OrderedDictionary<String, Value>) throws -> Value {
        var values = given
        for spec in arguments where values[spec.name] == nil {
            if let defaultValue = spec.defaultValue {
                values[spec.name] = defaultValue
            } else if spec.required {
                throw FaberError.usage("missing required option '--\(spec.name)' for \(commandName)", hint: describe(spec))
            }
        }
        return .object(values)
    }

    func convert(_ text: String, for spec: ArgumentSpec) throws -> Value {
        if let allowed = spec.allowed, !allowed.contains(text) {
            throw FaberError.usage(
                "'\(text)' is not a valid value for --\(spec.name); accepted: \(allowed.joined(separator: ", "))",
                hint: didYouMean(text, among: allowed))
        }
        switch spec.type {
        case .string:
            return .string(text)
        case .integer:
            guard let i = Int(text) else { throw FaberError.usage("--\(spec.name) needs a whole number, not '\(text)'") }
            try checkRange(Double(i), text: text, for: spec)
            return .int(i)
        case .number:
            guard text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let d = Double(text), d.isFinite else {
                throw FaberError.usage("--\(spec.name) needs a number, not '\(text)'")
            }
            try checkRange(d, text: text, for: spec)
            return .double(d)
        case .boolean:
            return .bool(try GlobalOptions.boolValue(text, flag: "--\(spec.name)"))
        case .duration:
            guard DurationText.seconds(text) != nil else {
                throw FaberError.usage("--\(spec.name) needs a duration such as 30m, 2h or 7d (at most \(DurationText.maximumText)), not '\(text)'")
            }
            return .string(text)
        }
    }

    func checkRange(_ value: Double, text: String, for spec: ArgumentSpec) throws {
        if let minimum = spec.minimum, value < minimum {
            throw FaberError.usage("--\(spec.name) must be at least \(Value.double(minimum).interpolated), not \(text)", hint: describe(spec))
        }
        if let maximum = spec.maximum, value > maximum {
            throw FaberError.usage("--\(spec.name) must be at most \(Value.double(maximum).interpolated), not \(text)", hint: describe(spec))
        }
    }

    func describe(_ spec: ArgumentSpec) -> String {
        var text = "--\(spec.name) <\(spec.allowed?.joined(separator: "|") ?? spec.type.rawValue)>"
        if spec.repeatable { text += " (repeatable)" }
        if let description = spec.description { text += ": \(description)" }
        return text
    }
}
