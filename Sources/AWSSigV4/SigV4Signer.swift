import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 (header-based, `AWS4-HMAC-SHA256`).
///
/// Reproduces every `header-*` case of the AWS signing test suite (aws-c-auth v4). Typical use,
/// from the HTTP client, with `path` and `query` exactly as they go on the wire:
///
/// ```swift
/// let signer = SigV4Signer(credentials: creds, region: "eu-west-1", service: "logs")
/// let extra = signer.signedHeaders(method: "POST", path: "/", query: "",
///                                  headers: [("Host", "logs.eu-west-1.amazonaws.com"), ("Content-Type", ...)],
///                                  bodySHA256: SigV4Signer.sha256Hex(body), date: Date())
/// ```
///
/// The headers passed in must include `Host` (as sent, with a non-default port); every header passed
/// in is signed, so pass only headers that are sent unchanged.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// SHA-256 of the empty body.
    public static let emptyBodySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public let credentials: SigV4Credentials
    public let region: String
    public let service: String

    public init(credentials: SigV4Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Headers to ADD to the request: X-Amz-Security-Token (when a token is set), X-Amz-Date,
    /// x-amz-content-sha256 (when `contentSHA256Header`, as S3 requires), Authorization.
    /// `path` and `query` are exactly as they will go on the wire (already percent-encoded).
    ///
    /// `normalizePath: false` selects S3 signing: the wire path is signed exactly as given (no dot-segment
    /// removal, no second encoding). For other combinations use `sign(method:path:query:headers:bodySHA256:date:options:)`.
    public func signedHeaders(
        method: String, path: String, query: String,
        headers: [(name: String, value: String)], bodySHA256: String, date: Date,
        normalizePath: Bool = true, contentSHA256Header: Bool = false
    ) -> [(name: String, value: String)] {
        let options = SigV4Options(
            normalizePath: normalizePath, uriEncodePath: normalizePath,
            contentSHA256Header: contentSHA256Header)
        return sign(
            method: method, path: path, query: query, headers: headers, bodySHA256: bodySHA256,
            date: date, options: options
        ).headers
    }

    /// Signs a request and returns the canonical request, string to sign, signature and headers to add.
    public func sign(
        method: String, path: String, query: String, headers: [(name: String, value: String)],
        bodySHA256: String, date: Date, options: SigV4Options = .standard
    ) -> SigV4Signature {
        let stamp = SigV4Timestamp(date)
        var added: [(name: String, value: String)] = []
        var signedInput = headers
        if let token = credentials.sessionToken {
            added.append(("X-Amz-Security-Token", token))
            if options.signSessionToken { signedInput.append(("X-Amz-Security-Token", token)) }
        }
        added.append(("X-Amz-Date", stamp.dateTime))
        signedInput.append(("X-Amz-Date", stamp.dateTime))
        if options.contentSHA256Header {
            added.append(("x-amz-content-sha256", bodySHA256))
            signedInput.append(("x-amz-content-sha256", bodySHA256))
        }

        let canonicalHeaders = SigV4Canonical.headers(signedInput)
        let canonicalRequest = [
            method.uppercased(),
            SigV4Canonical.path(path, normalize: options.normalizePath, encode: options.uriEncodePath),
            SigV4Canonical.query(query),
            canonicalHeaders.block,
            canonicalHeaders.names,
            bodySHA256,
        ].joined(separator: "\n")

        let scope = "\(stamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            Self.algorithm, stamp.dateTime, scope, Self.sha256Hex(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")

        let key = signingKey(date: stamp.date)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        added.append(
            (
                "Authorization",
                "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
                    + "SignedHeaders=\(canonicalHeaders.names), Signature=\(signature)"
            ))
        return SigV4Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            signedHeaderNames: canonicalHeaders.names, headers: added)
    }

    /// The derived key: HMAC chain over date, region, service and `aws4_request`.
    func signingKey(date: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Lowercase hex SHA-256 of `bytes` (the payload hash of a request body).
    public static func sha256Hex(_ bytes: some Collection<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
