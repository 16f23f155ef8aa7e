/// An error that knows which exit status it maps to and what to tell the user. faber's own errors
/// are `FaberError`; richer ones (`AWSError`, `StepFailure`) conform so they keep their fields.
/// Front ends never read these directly: `FaberError(describing:)` turns any error into the one
/// shape they print and exit with.
public protocol UserFacingError: Error, Sendable {
    var exitStatus: ExitStatus { get }
    /// A stable, kebab-case name of the kind of error (`unknown-operation`, `confirmation-required`):
    /// what tests and other programs match instead of the prose.
    var code: String { get }
    var message: String { get }
    var hint: String? { get }
    var location: SourceLocation? { get }
}

extension UserFacingError {
    public var code: String { exitStatus.defaultCode }
    public var hint: String? { nil }
    public var location: SourceLocation? { nil }
}

/// The error type of faber: an exit status, a stable code, a message, an optional hint and the
/// place in a spec or file it is about.
public struct FaberError: UserFacingError, Hashable, CustomStringConvertible {
    public var exitStatus: ExitStatus
    public var code: String
    public var message: String
    public var hint: String?
    public var location: SourceLocation?
    /// The findings that led to this error (the spec errors that stopped a run), shown before it.
    public var causes: [Diagnostic]

    public init(
        _ exitStatus: ExitStatus, _ message: String, hint: String? = nil, at location: SourceLocation? = nil,
        code: String? = nil, causes: [Diagnostic] = []
    ) {
        self.exitStatus = exitStatus
        self.code = code ?? exitStatus.defaultCode
        self.message = message
        self.hint = hint
        self.location = location
        self.causes = causes
    }

    public static func usage(_ message: String, hint: String? = nil, code: String? = nil) -> FaberError {
        FaberError(.usage, message, hint: hint, code: code)
    }

    /// The one translation of any error into what the user is told and the exit status:
    /// a `UserFacingError` keeps its fields; a `Diagnostic` (a spec problem) is 65; a cancellation
    /// is 130; anything else is a faber bug, 70, and says so.
    public init(describing error: any Error) {
        switch error {
        case let error as FaberError:
            self = error
        case let error as any UserFacingError:
            self.init(error.exitStatus, error.message, hint: error.hint, at: error.location, code: error.code)
        case let diagnostic as Diagnostic:
            self.init(.invalidSpec, diagnostic.message, hint: diagnostic.hint, at: diagnostic.location, code: diagnostic.code)
        case is CancellationError:
            self.init(.interrupted, "cancelled", hint: "nothing more was started", code: "cancelled")
        default:
            self.init(
                .internalError, "internal error: \(error)",
                hint: "this is a bug in faber; please report it with the command you ran", code: "internal")
        }
    }

    /// The error as a finding to print (`path:line:col: error: message` + hint).
    public var diagnostic: Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint, code: code)
    }

    public var description: String { diagnostic.description }
}
