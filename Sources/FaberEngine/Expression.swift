import FaberCore

/// A parsed `${{ ... }}` expression.
///
/// Grammar: `a || b`, `a && b`, `!a`, comparisons (`== != < <= > >=`), parentheses,
/// literals (`'text'`, `"text"`, numbers, `true`, `false`, `null`), references
/// (`inputs.x`, `steps.<id>.outputs.x`, `config.a.b`, `env.region`, `item`,
/// with `.name`, `['key']` and `[0]`), and calls of a few functions:
/// `len`, `contains`, `join`, `format`, `default`.
public indirect enum Expression: Sendable, Hashable {
    case literal(Value)
    /// Root name (`inputs`, `steps`, ...) followed by member/index accessors.
    case reference(root: String, path: [Accessor])
    case not(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])

    public enum Accessor: Sendable, Hashable {
        case member(String)
        case index(Expression)
    }

    public enum BinaryOperator: String, Sendable, Hashable {
        case or = "||"
        case and = "&&"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    public static let roots = ["inputs", "steps", "config", "env", "item"]
    public static let functions = ["len", "contains", "join", "format", "default"]

    /// Every `steps.<id>` this expression reads.
    public var referencedSteps: Set<String> {
        var found = Set<String>()
        collect { expression in
            if case .reference("steps", let path) = expression, case .member(let id)? = path.first { found.insert(id) }
        }
        return found
    }

    /// Every reference (root plus leading member names), for checks.
    public var references: [(root: String, members: [String])] {
        var found: [(String, [String])] = []
        collect { expression in
            if case .reference(let root, let path) = expression {
                var members: [String] = []
                for accessor in path {
                    guard case .member(let name) = accessor else { break }
                    members.append(name)
                }
                found.append((root, members))
            }
        }
        return found
    }

    /// Names of all functions called.
    public var calledFunctions: [String] {
        var names: [String] = []
        collect { if case .call(let name, _) = $0 { names.append(name) } }
        return names
    }

    /// Problems that show without evaluating: a `format()` whose written pattern names a
    /// placeholder no argument fills (`format('{0}-{1}', x)`).
    public var staticProblems: [String] {
        var problems: [String] = []
        collect { expression in
            guard case .call("format", let args) = expression, case .literal(.string(let pattern))? = args.first else { return }
            do throws(EvaluationError) {
                _ = try Expression.format(pattern, Array(repeating: Value.null, count: args.count - 1))
            } catch {
                problems.append(error.message)
            }
        }
        return problems
    }

    private func collect(_ visit: (Expression) -> Void) {
        visit(self)
        switch self {
        case .literal: break
        case .reference(_, let path):
            for case .index(let e) in path { e.collect(visit) }
        case .not(let e): e.collect(visit)
        case .binary(_, let a, let b):
            a.collect(visit)
            b.collect(visit)
        case .call(_, let args): for a in args { a.collect(visit) }
        }
    }
}

/// A problem in an expression: the message and the character offset where it was found.
public struct ExpressionError: Error, Sendable, Hashable {
    public var message: String
    public var offset: Int
    public var hint: String?
}
