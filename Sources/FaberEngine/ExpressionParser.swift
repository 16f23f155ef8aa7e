import FaberCore

/// Recursive-descent parser for `Expression`.
public struct ExpressionParser {
    private enum Token: Equatable {
        case identifier(String)
        case string(String)
        case number(Value)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    /// Bounds that keep parsing and evaluating far from the stack's end, whatever a spec holds:
    /// nesting (parentheses, `!`, function calls) and operators in one expression.
    public static let maxDepth = 64
    public static let maxOperators = 256
    private var depth = 0
    private var operators = 0

    private mutating func nest() throws(ExpressionError) {
        depth += 1
        try refuse(depth > Self.maxDepth, "expression nested deeper than \(Self.maxDepth) levels")
    }

    private mutating func countOperator() throws(ExpressionError) {
        operators += 1
        try refuse(operators > Self.maxOperators, "expression has more than \(Self.maxOperators) operators")
    }

    private func refuse(_ over: Bool, _ message: @autoclosure () -> String) throws(ExpressionError) {
        guard over else { return }
        throw ExpressionError(message: message(), offset: currentOffset, hint: "split it into steps or simpler conditions")
    }

    /// Parses the text between `${{` and `}}`.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(text)
        let expression = try parser.parseOr()
        guard case .end = parser.current else {
            throw ExpressionError(message: "unexpected \(parser.describe(parser.current)) in expression", offset: parser.currentOffset)
        }
        return expression
    }

    private var current: Token { tokens[position].token }
    private var currentOffset: Int { tokens[position].offset }

    private func describe(_ token: Token) -> String {
        switch token {
        case .identifier(let s): "'\(s)'"
        case .string(let s): "string '\(s)'"
        case .number(let v): "number \(v.interpolated)"
        case .symbol(let s): "'\(s)'"
        case .end: "end of expression"
        }
    }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func expect(_ symbol: String) throws(ExpressionError) {
        guard current == .symbol(symbol) else {
            throw ExpressionError(message: "expected '\(symbol)' but found \(describe(current))", offset: currentOffset)
        }
        advance()
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while current == .symbol("||") {
            try countOperator()
            advance()
            left = .binary(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseComparison()
        while current == .symbol("&&") {
            try countOperator()
            advance()
            left = .binary(.and, left, try parseComparison())
        }
        return left
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let left = try parseUnary()
        if case .symbol(let s) = current, let op = Expression.BinaryOperator(rawValue: s), op != .and, op != .or {
            try countOperator()
            advance()
            let right = try parseUnary()
            if case .symbol(let next) = current, let op2 = Expression.BinaryOperator(rawValue: next), op2 != .and, op2 != .or {
                throw ExpressionError(message: "comparisons cannot be chained; use && between them", offset: currentOffset)
            }
            return .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if current == .symbol("!") {
            try nest()
            defer { depth -= 1 }
            try countOperator()
            advance()
            return .not(try parseUnary())
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Expression {
        let startOffset = currentOffset
        switch current {
        case .string(let s):
            advance()
            return .literal(.string(s))
        case .number(let v):
            advance()
            return .literal(v)
        case .symbol("("):
            try nest()
            defer { depth -= 1 }
            advance()
            let inner = try parseOr()
            try expect(")")
            return inner
        case .identifier(let name):
            advance()
            switch name {
            case "true": return .literal(true)
            case "false": return .literal(false)
            case "null": return .literal(.null)
            default: break
            }
            if current == .symbol("(") {
                guard Expression.functions.contains(name) else {
                    throw ExpressionError(
                        message: "unknown function '\(name)'", offset: startOffset,
                        hint: didYouMean(name, among: Expression.functions) ?? "functions: \(Expression.functions.joined(separator: ", "))")
                }
                try nest()
                defer { depth -= 1 }
                advance()
                var args: [Expression] = []
                if current != .symbol(")") {
                    args.append(try parseOr())
                    while current == .symbol(",") {
                        advance()
                        args.append(try parseOr())
                    }
                }
                try expect(")")
                try Self.checkArity(name, args.count, offset: startOffset)
                return .call(name, args)
            }
            guard Expression.roots.contains(name) else {
                throw ExpressionError(
                    message: "unknown name '\(name)'", offset: startOffset,
                    hint: didYouMean(name, among: Expression.roots)
                        ?? "expressions start with one of: \(Expression.roots.joined(separator: ", ")); quote text as 'text'")
            }
            var path: [Expression.Accessor] = []
            while true {
                if current == .symbol(".") {
                    advance()
                    guard case .identifier(let member) = current else {
                        throw ExpressionError(message: "expected a name after '.' but found \(describe(current))", offset: currentOffset)
                    }
                    advance()
                    path.append(.member(member))
                } else if current == .symbol("[") {
                    try nest()
                    defer { depth -= 1 }
                    advance()
                    let index = try parseOr()
                    try expect("]")
                    path.append(.index(index))
                } else {
                    break
                }
            }
            return .reference(root: name, path: path)
        default:
            throw ExpressionError(message: "expected a value but found \(describe(current))", offset: currentOffset)
        }
    }

    private static func checkArity(_ name: String, _ count: Int, offset: Int) throws(ExpressionError) {
        let range: ClosedRange<Int> =
            switch name {
            case "len": 1...1
            case "contains", "default": 2...2
            case "join": 1...2
            default: 1...64  // format
            }
        guard range.contains(count) else {
            let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw ExpressionError(message: "\(name)() takes \(expected) argument\(range.upperBound == 1 ? "" : "s"), got \(count)", offset: offset)
        }
    }

    private static func tokenize(_ text: String) throws(ExpressionError) -> [(token: Token, offset: Int)] {
        let chars = Array(text)
        var result: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if c.isLetter || c == "_" {
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" {
                    word.append(chars[i])
                    i += 1
                }
                while word.hasSuffix("-") {
                    word.removeLast()
                    i -= 1
                }
                result.append((.identifier(word), start))
            } else if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                var number = String(c)
                i += 1
                while i < chars.count, chars[i].isNumber || chars[i] == "." {
                    number.append(chars[i])
                    i += 1
                }
                if let int = Int(number) {
                    result.append((.number(.int(int)), start))
                } else if let double = Double(number) {
                    result.append((.number(.double(double)), start))
                } else {
                    throw ExpressionError(message: "invalid number '\(number)'", offset: start)
                }
            } else if c == "'" || c == "\"" {
                var s = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == c {
                        // '' inside single quotes is an escaped quote
                        if c == "'", i + 1 < chars.count, chars[i + 1] == "'" {
                            s.append("'")
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if chars[i] == "\\", c == "\"", i + 1 < chars.count {
                        s.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    s.append(chars[i])
                    i += 1
                }
                guard closed else { throw ExpressionError(message: "unterminated string", offset: start) }
                result.append((.string(s), start))
            } else {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    result.append((.symbol(two), start))
                    i += 2
                } else if "!<>().,[]".contains(c) {
                    result.append((.symbol(String(c)), start))
                    i += 1
                } else if c == "=" {
                    throw ExpressionError(message: "'=' is not an operator", offset: start, hint: "compare with '=='")
                } else if c == "&" || c == "|" {
                    throw ExpressionError(message: "'\(c)' is not an operator", offset: start, hint: "use '\(c)\(c)'")
                } else {
                    throw ExpressionError(message: "unexpected character '\(c)'", offset: start)
                }
            }
        }
        result.append((.end, chars.count))
        return result
    }
}
