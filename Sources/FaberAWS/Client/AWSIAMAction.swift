/// The IAM action an AWS operation needs, for "access denied" messages: `<prefix>:<Operation>`,
/// where the prefix is the service's IAM namespace (mostly its signing name) and a few S3 and
/// API Gateway operations are authorised under other names.
enum AWSIAMAction {
    private static let prefixes: [String: String] = [
        "monitoring": "cloudwatch",
        "tagging": "tag",
    ]

    /// S3 operations whose IAM action is not `s3:<Operation>`.
    private static let s3Actions: [String: String] = [
        "ListBuckets": "ListAllMyBuckets",
        "HeadBucket": "ListBucket",
        "ListObjects": "ListBucket",
        "ListObjectsV2": "ListBucket",
        "HeadObject": "GetObject",
        "GetBucketEncryption": "GetEncryptionConfiguration",
        "PutBucketEncryption": "PutEncryptionConfiguration",
        "GetPublicAccessBlock": "GetBucketPublicAccessBlock",
        "PutPublicAccessBlock": "PutBucketPublicAccessBlock",
        "GetBucketTagging": "GetBucketTagging",
        "GetBucketLocation": "GetBucketLocation",
    ]

    static func name(signingName: String, operation: String, method: String? = nil) -> String {
        switch signingName {
        case "s3":
            return "s3:" + (s3Actions[operation] ?? operation)
        case "apigateway":
            // API Gateway's management API is authorised per HTTP method.
            return "apigateway:" + (method ?? "GET")
        default:
            return (prefixes[signingName] ?? signingName) + ":" + operation
        }
    }
}
