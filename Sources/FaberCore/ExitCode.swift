/// Process exit codes (DESIGN section 8). `check-health` also uses 0-3 (Nagios).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case usage = 64          // EX_USAGE
    case invalidSpec = 65    // EX_DATAERR
    case unavailable = 69    // EX_UNAVAILABLE: AWS endpoint unreachable
    case internalError = 70  // EX_SOFTWARE
    case refused = 75        // EX_TEMPFAIL: a confirmation was needed and not given
    case accessDenied = 77   // EX_NOPERM: access denied or invalid credentials
}

/// An error that knows which exit code it maps to and what to tell the user.
/// Handlers throw these; the CLI prints `message` (and `hint`) and exits with `exitStatus`.
public protocol UserFacingError: Error, Sendable {
    var exitStatus: ExitStatus { get }
    var message: String { get }
    var hint: String? { get }
    var location: SourceLocation? { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var location: SourceLocation? { nil }
}

/// The general-purpose user-facing error.
public struct FaberError: UserFacingError, CustomStringConvertible {
    public var exitStatus: ExitStatus
    public var message: String
    public var hint: String?
    public var location: SourceLocation?

    public init(_ exitStatus: ExitStatus, _ message: String, hint: String? = nil, at location: SourceLocation? = nil) {
        self.exitStatus = exitStatus
        self.message = message
        self.hint = hint
        self.location = location
    }

    public static func usage(_ message: String, hint: String? = nil) -> FaberError {
        FaberError(.usage, message, hint: hint)
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
