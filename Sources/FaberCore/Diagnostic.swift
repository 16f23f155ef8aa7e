/// One finding in a spec (or in a command line), printed as `path:line:col: error: message`
/// followed by an optional hint line. `faber check` collects them; parsers throw one (typed throws)
/// for the problem that stops them. Thrown further, `FaberError(describing:)` makes it exit 65.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    public var hint: String?
    /// A stable name of the kind of problem, when it has one (see `FaberError.code`).
    public var code: String?

    public init(
        _ severity: Severity = .error, at location: SourceLocation?, _ message: String, hint: String? = nil,
        code: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.code = code
    }

    public static func error(_ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// A hint of several lines keeps its later lines under its first one (after `  hint: `).
    public static func indentingContinuationLines(_ hint: String) -> String {
        hint.replacingOccurrences(of: "\n", with: "\n        ")
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: " + Self.indentingContinuationLines(hint) }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }

    /// Sorted by file, line and column; diagnostics without a location come first.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case (let x?, let y?): return x < y
            case (nil, _?): return true
            default: return false
            }
        }
    }
}
