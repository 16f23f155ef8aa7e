import AWSSigV4
import FaberCore

/// Something that gives the keys to sign with. Providers are resolved once per environment by
/// `AWSConnection.resolve` and asked before every request, so one that fetches keys (such as
/// `CredentialProcessProvider`) caches them until they expire.
public protocol AWSCredentialProvider: Sendable, CustomStringConvertible {
    func credentials() async throws -> SigV4Credentials
}

/// Fixed keys: from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` or from a profile's
/// `aws_access_key_id`/`aws_secret_access_key`/`aws_session_token`.
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let value: SigV4Credentials
    /// Where the keys came from, for messages: `environment variables`, `profile 'dev'`.
    public let source: String

    public init(_ value: SigV4Credentials, source: String) {
        self.value = value
        self.source = source
    }

    public func credentials() async throws -> SigV4Credentials { value }

    /// The access key id and the source; never the secret or the token.
    public var description: String { "static keys \(value.accessKeyID) from \(source)" }
}
