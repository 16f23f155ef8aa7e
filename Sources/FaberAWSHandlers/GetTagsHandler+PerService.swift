import FaberAWS
import FaberCore
import FaberOpsModel

extension GetTagsHandler {
    /// Tags read with each service's own call, when the tagging API fails on the server's side:
    /// Lambda ListTags, ECS ListTagsForResource, RDS ListTagsForResource, S3 GetBucketTagging.
    /// A resource that does not exist has no tags.
    func perServiceTags(_ refs: [ResourceRef], client: AWSClient) async throws -> [String: [(String, String)]] {
        let found = try await BoundedConcurrency.map(refs, limit: 8) { ref -> (String, [(String, String)]) in
            do {
                return (ref.arn, try await tags(of: ref, client: client))
            } catch let error as AWSError where error.isNotFound || error.code == "ClusterNotFoundException" || error.code == "NoSuchTagSet" {
                return (ref.arn, [])
            }
        }
        return Dictionary(found, uniquingKeysWith: { a, _ in a })
    }

    private func tags(of ref: ResourceRef, client: AWSClient) async throws -> [(String, String)] {
        switch ref.type {
        case .lambda:
            let output = try await client.restJSON(.lambda, "ListTags", method: "GET", path: "/2017-03-31/tags/\(AWSPath.encode(ref.arn))")
            return (output["Tags"]?.object ?? [:]).map { ($0.key, $0.value.string ?? $0.value.interpolated) }
        case .ecsService:
            let output = try await client.json(.ecs, "ListTagsForResource", ["resourceArn": .string(ref.arn)])
            return (output["tags"]?.array ?? []).compactMap { tag in tag["key"]?.string.map { ($0, tag["value"]?.string ?? "") } }
        case .rdsInstance:
            let result = try await client.query(.rds, "ListTagsForResource", [("ResourceName", ref.arn)])
            return result.list("TagList").compactMap { tag in tag.text("Key").map { ($0, tag.text("Value") ?? "") } }
        case .s3Bucket:
            let response = try await client.restXML(.s3, "GetBucketTagging", method: "GET", path: "/\(AWSPath.encode(ref.name))", query: [("tagging", "")])
            return (response.xml?.list("TagSet") ?? []).compactMap { tag in tag.text("Key").map { ($0, tag.text("Value") ?? "") } }
        case .apiGateway:
            return []
        }
    }
}
