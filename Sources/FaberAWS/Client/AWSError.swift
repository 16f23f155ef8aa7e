import FaberCore

/// A failed AWS call, as the user sees it: which service and operation, the AWS error code and
/// message, and what to do. The exit status follows DESIGN section 8: 77 for refused credentials or
/// permissions, 69 for an endpoint that cannot be reached, 70 otherwise.
public struct AWSError: UserFacingError, CustomStringConvertible {
    /// The service's short id (e.g. `logs`) and the operation (e.g. `FilterLogEvents`).
    public var service: String
    public var operation: String
    /// The AWS error code (`AccessDeniedException`, `ThrottlingException`, ...) or, when no response
    /// came, `Unreachable` / `Timeout` / `ConnectionClosed`.
    public var code: String
    /// AWS's own message (may be empty).
    public var awsMessage: String
    public var httpStatus: Int?
    public var requestID: String?
    /// The base URL the call went to.
    public var endpoint: String
    /// The IAM action the call needs (e.g. `logs:FilterLogEvents`), named when access is denied.
    public var iamAction: String
    /// The faber environment and AWS profile, for hints (never secrets).
    public var environment: String?
    public var profile: String?
    /// Seconds the service asked to wait (`Retry-After`), when it did.
    public var retryAfter: Double?

    public init(
        service: String, operation: String, code: String, awsMessage: String, httpStatus: Int? = nil,
        requestID: String? = nil, endpoint: String, iamAction: String? = nil, environment: String? = nil, profile: String? = nil
    ) {
        self.service = service
        self.operation = operation
        self.code = code
        self.awsMessage = awsMessage
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.endpoint = endpoint
        self.iamAction = iamAction ?? "\(service):\(operation)"
        self.environment = environment
        self.profile = profile
    }

    /// Codes meaning "these credentials may not do this" or "these credentials are not valid".
    public static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "Forbidden",
        "NotAuthorized", "AuthorizationError", "AuthorizationErrorException", "AllAccessDisabled",
    ]
    public static let invalidCredentialCodes: Set<String> = [
        "UnrecognizedClient", "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
        "InvalidSignature", "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException",
        "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "AuthFailure", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "InvalidToken", "RequestExpired", "TokenRefreshRequired",
        "InvalidSecurity",
    ]
    /// Codes for failures where no AWS answer came.
    public static let unreachableCode = "Unreachable"
    public static let timeoutCode = "Timeout"
    public static let connectionClosedCode = "ConnectionClosed"

    public var isAccessDenied: Bool { Self.accessDeniedCodes.contains(code) }
    public var isInvalidCredentials: Bool { Self.invalidCredentialCodes.contains(code) }
    public var isUnavailable: Bool { [Self.unreachableCode, Self.timeoutCode, Self.connectionClosedCode].contains(code) }
    /// The resource does not exist (HTTP 404 or a `*NotFound*` code): callers turn this into "registry drift".
    public var isNotFound: Bool {
        httpStatus == 404 || code.contains("NotFound") || code.hasPrefix("NoSuch") || code == "ResourceNotFoundException"
    }

    public var exitStatus: ExitStatus {
        if isAccessDenied || isInvalidCredentials { return .accessDenied }
        if isUnavailable { return .unavailable }
        return .internalError
    }

    public var message: String {
        let call = "AWS \(service) \(operation)"
        let detail = awsMessage.isEmpty ? "" : ": \(awsMessage)"
        if isAccessDenied {
            return "access denied: \(call) needs IAM permission \(iamAction) (\(code)\(detail))"
        }
        if isInvalidCredentials {
            return "AWS refused the credentials\(profileText) for \(call) (\(code)\(detail))"
        }
        switch code {
        case Self.unreachableCode:
            return "cannot reach the AWS endpoint \(endpoint) for \(call)\(detail)"
        case Self.timeoutCode:
            return "the AWS endpoint \(endpoint) did not answer \(call) in time\(detail)"
        case Self.connectionClosedCode:
            return "the AWS endpoint \(endpoint) closed the connection during \(call)\(detail)"
        default:
            var text = "\(call) failed: \(code)\(detail)"
            if let httpStatus { text += " (HTTP \(httpStatus)" + (requestID.map { ", request id \($0)" } ?? "") + ")" }
            return text
        }
    }

    public var hint: String? {
        let env = environment.map { "environments.\($0)" } ?? "the environment"
        if isAccessDenied {
            return "allow \(iamAction) in the IAM policy of\(profileText.isEmpty ? " the credentials in use" : profileText), or run with a profile that has it (\(env).profile in config.json)"
        }
        if isInvalidCredentials {
            return "check the access key, secret and session token\(profileText) (AWS_ACCESS_KEY_ID / AWS_PROFILE / ~/.aws/credentials); refresh expired session credentials"
        }
        if isUnavailable {
            return "check the endpoint (\(env).endpoint_url in config.json, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) and the network; for the local emulator run `scripts/moto-server start`"
        }
        if AWSRetryPolicy.classify(code: code, httpStatus: httpStatus) == .throttling {
            return "AWS is throttling this account; retry later or narrow the request (fewer resources, a shorter time range)"
        }
        return nil
    }

    public var description: String {
        var text = "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    private var profileText: String { profile.map { " of profile '\($0)'" } ?? "" }
}
