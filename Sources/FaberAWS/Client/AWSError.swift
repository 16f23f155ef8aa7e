import FaberCore

/// A failed AWS call, as the user sees it: which service and operation, the AWS error code and
/// message, and what to do. The exit status follows docs/reference.md, "Exit codes": 77 for refused credentials or
/// permissions; 69 for an endpoint that cannot be reached and for AWS failing (HTTP 5xx) or throttling
/// through all retries; 64 for an endpoint URL that is not valid; 70 for the rest (an answer faber
/// cannot read, a request AWS rejects as malformed: faber bugs).
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
    /// The base URL the call went to, with any password in it masked (`http://admin:***@host`).
    public var endpoint: String
    /// The IAM action the call needs (e.g. `logs:FilterLogEvents`), named when access is denied.
    public var iamAction: String
    /// The faber environment and AWS profile, for hints (never secrets).
    public var environment: String?
    public var profile: String?
    /// Seconds the service asked to wait (`Retry-After`), when it did.
    public var retryAfter: Double?
    /// Attempts made before giving up (1 when the error was not retried).
    public var attempts: Int = 1
    /// The answer was an HTTP error without an AWS error in it (no code in the headers, the JSON or the
    /// XML; `code` is made up from the status): the endpoint may not be AWS at all, e.g. a web server
    /// answering 404 or 501. Reported as a setup problem (exit 69) that names the endpoint.
    public var answeredWithoutAWSError = false
    /// Where the endpoint came from (for the hint), and the service's `AWS_ENDPOINT_URL_<SERVICE>`.
    public var endpointSource: AWSEndpoints.Source?
    public var endpointVariable: String?

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
        self.endpoint = AWSEndpoints.redactingUserInfo(endpoint)
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
    /// The endpoint URL cannot be used (bad port, no host, not http(s)).
    public static let invalidEndpointCode = "InvalidEndpoint"

    public var isAccessDenied: Bool { Self.accessDeniedCodes.contains(code) }
    public var isInvalidCredentials: Bool { Self.invalidCredentialCodes.contains(code) }
    public var isUnavailable: Bool { [Self.unreachableCode, Self.timeoutCode, Self.connectionClosedCode].contains(code) }
    /// AWS throttled the call (a throttling code or HTTP 429) and kept doing so through the retries.
    public var isThrottled: Bool {
        !isAccessDenied && !isInvalidCredentials && AWSRetryPolicy.classify(code: code, httpStatus: httpStatus) == .throttling
    }
    /// AWS answered with a server-side failure (HTTP 5xx except 501 Not Implemented, or a transient code
    /// such as `RequestTimeout`) and kept doing so through the retries: nothing faber can fix.
    public var isServiceFailure: Bool {
        guard !isAccessDenied, !isInvalidCredentials, !isThrottled else { return false }
        if let httpStatus, (500...599).contains(httpStatus), httpStatus != 501 { return true }
        return AWSRetryPolicy.transientCodes.contains(code)
    }
    /// The resource does not exist (HTTP 404 or a `*NotFound*` code): callers turn this into "registry drift".
    public var isNotFound: Bool {
        guard !answeredWithoutAWSError else { return false }  // a web server's 404 says nothing about the resource
        return httpStatus == 404 || code.contains("NotFound") || code.hasPrefix("NoSuch") || code == "ResourceNotFoundException"
    }

    public var exitStatus: ExitStatus {
        if isAccessDenied || isInvalidCredentials { return .accessDenied }
        if isUnavailable || isThrottled || isServiceFailure || answeredWithoutAWSError { return .unavailable }
        if code == Self.invalidEndpointCode { return .usage }
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
        if answeredWithoutAWSError {
            let status = httpStatus.map { "HTTP \($0)" } ?? "an error"
            return "\(service) \(operation): the endpoint \(shownEndpoint) answered \(status) without an AWS error; is it an AWS endpoint?"
        }
        switch code {
        case Self.unreachableCode:
            return "cannot reach the AWS endpoint \(shownEndpoint) for \(call)\(detail)"
        case Self.timeoutCode:
            return "the AWS endpoint \(shownEndpoint) did not answer \(call) in time\(detail)"
        case Self.connectionClosedCode:
            return "the AWS endpoint \(shownEndpoint) closed the connection during \(call)\(detail)"
        case Self.invalidEndpointCode:
            return "the AWS endpoint \(shownEndpoint) for \(call) is not a usable URL\(detail)"
        default:
            var text = "\(call) failed: \(code)\(detail)"
            if let httpStatus { text += " (HTTP \(httpStatus)" + (requestID.map { ", request id \($0)" } ?? "") + ")" }
            return text
        }
    }

    public var hint: String? {
        let env = environment.map { "environments.\($0)" } ?? "the environment"
        if isAccessDenied {
            return
                "allow \(iamAction) in the IAM policy of\(profileText.isEmpty ? " the credentials in use" : profileText), or run with a profile that has it (\(env).profile in config.json)"
        }
        if isInvalidCredentials {
            return
                "check the access key, secret and session token\(profileText) (AWS_ACCESS_KEY_ID / AWS_PROFILE / ~/.aws/credentials); refresh expired session credentials"
        }
        if answeredWithoutAWSError {
            let service = endpointVariable ?? "AWS_ENDPOINT_URL_<SERVICE>"
            let from = endpointSource.map { "set by \(sourceText($0)); " } ?? ""
            return "check the endpoint (\(from)first match wins: \(service), AWS_ENDPOINT_URL, \(env).endpoint_url in config.json, "
                + "endpoint_url of the AWS profile): it must be the AWS service or an emulator; for the local emulator run `scripts/moto-server start`"
        }
        if isUnavailable || code == Self.invalidEndpointCode {
            return
                "check the endpoint (\(env).endpoint_url in config.json, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) and the network; for the local emulator run `scripts/moto-server start`"
        }
        if isThrottled {
            return "AWS kept throttling this account (\(code), \(attemptsText)); lower the concurrency (the `concurrency:` of for_each steps, "
                + "fewer runs at once) or try again later; a narrower request (fewer resources, a shorter time range) also helps"
        }
        if isServiceFailure {
            let status = httpStatus.map { "HTTP \($0)" } ?? code
            return "AWS \(attempts > 1 ? "kept failing" : "failed") (\(status), \(attemptsText)); this is on the service's side: "
                + "try again later or check \(healthText)"
        }
        return nil
    }

    public var description: String {
        var text = "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    private var profileText: String { profile.map { " of profile '\($0)'" } ?? "" }

    /// The endpoint as shown: never with a password (`endpoint` may have been set after `init`).
    private var shownEndpoint: String { AWSEndpoints.redactingUserInfo(endpoint) }

    private func sourceText(_ source: AWSEndpoints.Source) -> String {
        switch source {
        case .serviceVariable(let name): name
        case .globalVariable: "AWS_ENDPOINT_URL"
        case .environmentConfig: "\(environment.map { "environments.\($0)" } ?? "the environment").endpoint_url in config.json"
        case .profile(let name): "endpoint_url of profile '\(name)'"
        case .awsDefault: "AWS's default endpoint"
        }
    }

    private var attemptsText: String { attempts == 1 ? "1 attempt" : "\(attempts) attempts" }

    /// Where to look when the service itself fails: AWS's health page, or the custom endpoint.
    private var healthText: String {
        let host = AWSEndpoint(endpoint)?.host.lowercased() ?? ""
        if host.isEmpty || host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") {
            return "the service health at https://health.aws.amazon.com/health/status"
        }
        return "the health of the service at \(shownEndpoint)"
    }
}
