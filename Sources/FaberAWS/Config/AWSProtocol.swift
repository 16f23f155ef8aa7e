/// The wire protocol of an AWS service, as named in botocore's models (`metadata.protocol`).
public enum AWSProtocol: String, Sendable, Hashable, CaseIterable {
    /// `awsJson1_0`: `POST /`, `X-Amz-Target`, `application/x-amz-json-1.0` (CloudWatch's JSON protocol).
    case json10
    /// `awsJson1_1`: as 1.0 with `application/x-amz-json-1.1` (Logs, ECS, Cost Explorer, tagging).
    case json11
    /// `restJson1`: operations bound to methods and paths, JSON bodies (Lambda, API Gateway).
    case restJSON
    /// `awsQuery`: form-encoded `Action`/`Version`, XML answers (RDS, STS, IAM).
    case query
    /// `ec2Query`: the query protocol with EC2's list flattening and answer shape.
    case ec2
    /// `restXml`: methods and paths, XML bodies (S3).
    case restXML

    /// `1.0` or `1.1` for the JSON protocols (the `application/x-amz-json-<version>` content type).
    public var jsonVersion: String? {
        switch self {
        case .json10: "1.0"
        case .json11: "1.1"
        default: nil
        }
    }
}
