import FaberCore

/// Reads the error code, message and request id out of a failed response, whatever the protocol:
/// JSON (`__type` / `code` with a `#` or `:` decoration stripped, `message` / `Message`), the
/// `X-Amzn-ErrorType` and `x-amzn-query-error` headers, and XML (`<ErrorResponse><Error>`, ec2's
/// `<Response><Errors><Error>`, S3's `<Error>`). Both body formats are tried for every service:
/// moto answers authentication failures in XML even for JSON services.
enum AWSErrorParser {
    struct Parsed: Equatable {
        var code: String
        var message: String
        var requestID: String?
        /// False when no error code could be read from the headers or the body (JSON or XML) and `code` is
        /// made up from the HTTP status: the answer may not come from AWS at all (a web server at the endpoint).
        var hasAWSCode = true
    }

    static func parse(status: Int, headers: [(String, String)], body: [UInt8]) -> Parsed {
        var code: String?
        var message: String?
        var requestID = header("x-amzn-requestid", in: headers) ?? header("x-amz-request-id", in: headers)

        // awsQueryCompatible JSON services (CloudWatch) name the classic query code here: `Code;Sender`.
        if let queryError = header("x-amzn-query-error", in: headers) {
            code = String(queryError.split(separator: ";").first ?? "")
        }
        if code == nil || code!.isEmpty, let typeHeader = header("x-amzn-errortype", in: headers) {
            code = clean(typeHeader)
        }

        let trimmed = body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if trimmed.first == UInt8(ascii: "{"), let json = try? Value.parseJSON(bytes: Array(trimmed)) {
            if code == nil || code!.isEmpty {
                code = (json["__type"]?.string ?? json["code"]?.string ?? json["Code"]?.string).map(clean)
            }
            message = json["message"]?.string ?? json["Message"]?.string ?? json["errorMessage"]?.string
        } else if trimmed.first == UInt8(ascii: "<"), let xml = try? XMLElement.parse(trimmed) {
            let error = xml.first(named: "Error")
            if code == nil || code!.isEmpty { code = error?.text("Code") ?? xml.text("Code") }
            message = error?.text("Message") ?? xml.text("Message")
            requestID = requestID ?? xml.text("RequestId") ?? xml.text("RequestID") ?? error?.text("RequestId")
        }

        if let code, !code.isEmpty {
            return Parsed(code: code, message: message ?? "", requestID: requestID)
        }
        return Parsed(code: fallbackCode(status: status), message: message ?? "", requestID: requestID, hasAWSCode: false)
    }

    /// `aws.protocoltests#ThrottlingException` / `ThrottlingException:http://...` -> `ThrottlingException`.
    static func clean(_ raw: String) -> String {
        var code = Substring(raw.trimmingWhitespace())
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code)
    }

    /// A code for bodiless errors (S3 HEAD answers 403/404 with no body).
    static func fallbackCode(status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 401: "UnrecognizedClient"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 409: "Conflict"
        case 413: "RequestEntityTooLarge"
        case 429: "TooManyRequestsException"
        case 500: "InternalFailure"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: "HTTP\(status)"
        }
    }

    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }
}
