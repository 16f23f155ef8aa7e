/// What the client reads from an `AWSService` (owned by the configuration part) to put a call on the wire.
extension AWSService {
    /// SigV4 signing name (`logs`, `monitoring`, `s3`).
    var wireSigningName: String { signingName }
    /// `1.0` or `1.1` for the JSON protocols.
    var wireJSONVersion: String { jsonVersion ?? "1.1" }
    /// `X-Amz-Target` prefix for the JSON protocols (`Logs_20140328`).
    var wireTargetPrefix: String { jsonTargetPrefix ?? "" }
    /// The `Version=` of the query protocols (`2014-10-31`).
    var wireAPIVersion: String { apiVersion }
    /// The short name in traces and messages (`logs`, `cloudwatch`, `lambda`).
    var traceName: String { id }
}
