/// How a request is canonicalized and which headers the signer adds.
///
/// The defaults suit every AWS service except S3:
/// - `normalizePath`: remove `.` and `..` segments and empty segments (`//`) before signing.
/// - `uriEncodePath`: percent-encode each path segment of the (already encoded) wire path again,
///   so `%3A` on the wire is signed as `%253A`. S3 signs the wire path exactly as given.
/// - `contentSHA256Header`: add `x-amz-content-sha256` with the body hash (S3 requires it).
/// - `signSessionToken`: include `X-Amz-Security-Token` in the signed headers. When false the
///   token header is still added to the request, but after signing (a few services want that).
public struct SigV4Options: Sendable, Hashable {
    public var normalizePath: Bool
    public var uriEncodePath: Bool
    public var contentSHA256Header: Bool
    public var signSessionToken: Bool

    public init(
        normalizePath: Bool = true, uriEncodePath: Bool = true, contentSHA256Header: Bool = false,
        signSessionToken: Bool = true
    ) {
        self.normalizePath = normalizePath
        self.uriEncodePath = uriEncodePath
        self.contentSHA256Header = contentSHA256Header
        self.signSessionToken = signSessionToken
    }

    /// Every service but S3: normalized, re-encoded path.
    public static let standard = SigV4Options()

    /// S3: the path is signed exactly as it goes on the wire, and `x-amz-content-sha256` is sent.
    public static let s3 = SigV4Options(normalizePath: false, uriEncodePath: false, contentSHA256Header: true)
}

/// The result of signing one request: the intermediate texts (for tests and debugging) and the
/// headers to add to the request. None of these contain the secret access key.
public struct SigV4Signature: Sendable {
    public var canonicalRequest: String
    public var stringToSign: String
    /// Lowercase hex HMAC-SHA256 signature.
    public var signature: String
    /// `host;x-amz-date;...`
    public var signedHeaderNames: String
    /// Headers to add, in this order: X-Amz-Security-Token (when a token is set), X-Amz-Date,
    /// x-amz-content-sha256 (when asked for), Authorization.
    public var headers: [(name: String, value: String)]
}
