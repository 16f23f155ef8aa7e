/// Process exit codes (docs/reference.md, "Exit codes"). `check-health` also uses 0-3 (the Nagios
/// convention) through its workflow's `exit_code` output.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    case usage = 64  // EX_USAGE
    case invalidSpec = 65  // EX_DATAERR
    case unavailable = 69  // EX_UNAVAILABLE: AWS endpoint unreachable, failing after retries, timing out
    case internalError = 70  // EX_SOFTWARE
    case refused = 75  // EX_TEMPFAIL: a confirmation was needed and not given
    case accessDenied = 77  // EX_NOPERM: access denied or invalid credentials
    case interrupted = 130  // 128 + SIGINT: Ctrl-C

    /// The stable code of errors of this status that name no code of their own.
    public var defaultCode: String {
        switch self {
        case .success: "ok"
        case .usage: "usage"
        case .invalidSpec: "invalid-spec"
        case .unavailable: "unavailable"
        case .internalError: "internal"
        case .refused: "refused"
        case .accessDenied: "access-denied"
        case .interrupted: "interrupted"
        }
    }
}
