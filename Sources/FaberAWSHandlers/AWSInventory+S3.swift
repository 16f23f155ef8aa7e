import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// Every bucket the credentials own (ListBuckets, 1000 a page), by name.
    func buckets() async throws -> [String: XMLElement] {
        let all = try await client.paginate { token in
            var query = [("max-buckets", "1000")]
            if let token { query.append(("continuation-token", token)) }
            let response = try await client.restXML(.s3, "ListBuckets", method: "GET", path: "/", query: query)
            let root = response.xml
            return AWSPage(items: root?.list("Buckets") ?? [], next: root?.text("ContinuationToken"))
        }
        var byName: [String: XMLElement] = [:]
        for bucket in all {
            if let name = bucket.text("Name") { byName[name] = bucket }
        }
        return byName
    }

    /// HeadBucket, for a bucket ListBuckets did not list.
    func headBucket(_ name: String) async throws -> BucketProbe {
        do {
            let response = try await client.restXML(.s3, "HeadBucket", method: "HEAD", path: "/\(AWSPath.encode(name))")
            return .exists(region: response.header("x-amz-bucket-region"))
        } catch let error as AWSError {
            switch error.httpStatus {
            case 404?: return .missing
            case 403?: return .forbidden
            case 301?, 307?: return .exists(region: nil)
            default: throw error
            }
        }
    }
}
