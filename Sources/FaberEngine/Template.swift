import FaberCore
import FaberSpec
import Foundation

/// A YAML value from a spec with its `${{ }}` expressions parsed, ready to evaluate.
public indirect enum Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(Expression, SourceLocation)
    }

    case literal(Value)
    /// A scalar that is exactly one `${{ expr }}`: evaluates to the expression's value, typed.
    case expression(Expression, SourceLocation)
    /// Text with expressions inside: evaluates to a string.
    case interpolation([Part])
    case array([Template])
    case object([(key: String, value: Template)])

    /// Compiles a YAML node; problems in expressions are added to `diagnostics`.
    public static func compile(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> Template {
        switch node {
        case .scalar(let text, let style, let location):
            guard text.contains("${{") else { return .literal(node.value) }
            return compile(text: text, at: location, quoted: style == .singleQuoted || style == .doubleQuoted, diagnostics: &diagnostics)
        case .sequence(let items, _):
            return .array(items.map { compile($0, diagnostics: &diagnostics) })
        case .mapping(let pairs, _):
            return .object(pairs.map { (key: $0.key.scalarText ?? $0.key.value.interpolated, value: compile($0.value, diagnostics: &diagnostics)) })
        }
    }

    /// Compiles a string that may contain `${{ }}`.
    public static func compile(text: String, at location: SourceLocation, quoted: Bool = false, diagnostics: inout [Diagnostic]) -> Template {
        var parts: [Part] = []
        var rest = Substring(text)
        var consumed = 0
        while let open = rest.range(of: "${{") {
            let before = String(rest[..<open.lowerBound])
            if !before.isEmpty { parts.append(.text(before)) }
            consumed += before.count + 3
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                diagnostics.append(
                    .error(
                        "unterminated expression: '${{' without '}}'",
                        at: location.advanced(by: consumed - 3, in: text, quoted: quoted)))
                return .literal(.string(text))
            }
            let source = String(afterOpen[..<close.lowerBound])
            let expressionLocation = location.advanced(by: consumed, in: text, quoted: quoted)
            do {
                let expression = try ExpressionParser.parse(source)
                let leading = source.prefix { $0 == " " }.count
                parts.append(.expression(expression, location.advanced(by: consumed + leading, in: text, quoted: quoted)))
            } catch {
                diagnostics.append(
                    .error(
                        "invalid expression '\(source.trimmingWhitespace())': \(error.message)",
                        at: expressionLocation.advancedColumns(error.offset), hint: error.hint))
                parts.append(.text(""))
            }
            consumed += source.count + 2
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        if parts.count == 1, case .expression(let e, let l) = parts[0] { return .expression(e, l) }
        return .interpolation(parts)
    }

    /// Compiles an `if:` condition: `${{ ... }}` or a bare expression.
    public static func compileCondition(_ condition: Located<String>, diagnostics: inout [Diagnostic]) -> Template {
        if condition.value.contains("${{") {
            return compile(text: condition.value, at: condition.location, diagnostics: &diagnostics)
        }
        do {
            return .expression(try ExpressionParser.parse(condition.value), condition.location)
        } catch {
            diagnostics.append(
                .error(
                    "invalid expression '\(condition.value)': \(error.message)",
                    at: condition.location.advancedColumns(error.offset), hint: error.hint))
            return .literal(false)
        }
    }

    /// Every expression in the template with its location.
    public var expressions: [(Expression, SourceLocation)] {
        switch self {
        case .literal: []
        case .expression(let e, let l): [(e, l)]
        case .interpolation(let parts): parts.compactMap { if case .expression(let e, let l) = $0 { (e, l) } else { nil } }
        case .array(let items): items.flatMap(\.expressions)
        case .object(let pairs): pairs.flatMap(\.value.expressions)
        }
    }

    /// Evaluates every expression. Errors carry the expression's location.
    public func evaluate(in scope: EvaluationScope) throws(Diagnostic) -> Value {
        switch self {
        case .literal(let value):
            return value
        case .expression(let expression, let location):
            do { return try expression.evaluate(in: scope) } catch { throw Diagnostic.error(error.message, at: location) }
        case .interpolation(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let s): text += s
                case .expression(let expression, let location):
                    do { text += try expression.evaluate(in: scope).interpolated } catch { throw Diagnostic.error(error.message, at: location) }
                }
            }
            return .string(text)
        case .array(let items):
            var values: [Value] = []
            for item in items { values.append(try item.evaluate(in: scope)) }
            return .array(values)
        case .object(let pairs):
            var dict = OrderedDictionary<String, Value>()
            for pair in pairs { dict[pair.key] = try pair.value.evaluate(in: scope) }
            return .object(dict)
        }
    }
}

extension SourceLocation {
    /// The location `offset` characters into a scalar that starts here (exact on its first line).
    func advanced(by offset: Int, in text: String, quoted: Bool) -> SourceLocation {
        let prefix = text.prefix(offset)
        guard let lastNewline = prefix.lastIndex(of: "\n") else {
            return advancedColumns(offset + (quoted ? 1 : 0))
        }
        let lines = prefix.filter { $0 == "\n" }.count
        return SourceLocation(path: path, line: line + lines, column: prefix.distance(from: lastNewline, to: prefix.endIndex))
    }

    func advancedColumns(_ n: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column + n)
    }
}
