import FaberAWS
import FaberCore
import FaberOpsModel

/// Batched look-ups of the resources handlers act on, shared by the handlers so each AWS list or
/// describe call is written once: Lambda (`+Lambda`), ECS (`+ECS`), RDS (`+RDS`), S3 (`+S3`) and
/// API Gateway (`+APIGateway`).
struct AWSInventory: Sendable {
    let client: AWSClient
    /// Where reads that several steps of one run make are shared (`restAPIs()`): the run's scope
    /// and the environment the client is for. Nil: every read is made.
    let sharing: (scope: RunScope, environment: String)?

    init(client: AWSClient, sharedIn scope: RunScope? = nil, environment: String? = nil) {
        self.client = client
        self.sharing = scope.flatMap { scope in environment.map { (scope, $0) } }
    }

    /// The region the environment resolves to (for "not found in <region>" messages).
    var region: String { client.connection.region }
}

/// An ECS service as named in an ARN.
struct ECSServiceKey: Sendable, Hashable, Comparable {
    var cluster: String
    var service: String

    static func < (a: ECSServiceKey, b: ECSServiceKey) -> Bool {
        (a.cluster, a.service) < (b.cluster, b.service)
    }
}

/// What HeadBucket says about a bucket that ListBuckets did not list.
enum BucketProbe: Sendable, Equatable {
    /// It exists (owned by another account, or in another region when `region` says so).
    case exists(region: String?)
    case missing
    /// It exists, or may, but these credentials may not see it.
    case forbidden
}
