/// AWS access keys used to sign a request.
///
/// `description` (and therefore string interpolation, `print` and `dump`-style logging through
/// `CustomStringConvertible`) shows the access key id only: the secret access key and the session
/// token never appear in any text made from this value.
public struct SigV4Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// `SigV4Credentials(accessKeyID: AKID..., secretAccessKey: <redacted>, sessionToken: <redacted>)`.
    public var description: String {
        let token = sessionToken == nil ? "none" : "<redacted>"
        return "SigV4Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: \(token))"
    }

    public var debugDescription: String { description }
}

extension SigV4Credentials: CustomReflectable {
    /// Keeps the secret and the token out of `dump(_:)` and debugger summaries too.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": accessKeyID,
                "secretAccessKey": "<redacted>",
                "sessionToken": sessionToken == nil ? "none" : "<redacted>",
            ])
    }
}
