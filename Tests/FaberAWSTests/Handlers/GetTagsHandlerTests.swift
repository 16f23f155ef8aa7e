import FaberCore
import FaberTestSupport
import Testing

@Suite("aws.get-tags against moto")
struct GetTagsHandlerTests {
    let account = "123456789012"

    /// Runs in eu-west-3: moto's GetResources walks every resource of the region and fails on an ECS
    /// cluster created without tags, which other tests on the shared server may make in us-east-1.
    @Test("tags of every type; untagged resources listed")
    func tags() async throws {
        let h = try await HandlerHarness.make(region: "eu-west-3")
        defer { h.remove() }
        let r = "eu-west-3"
        let (fn, bare, cluster, svc, db, bucket, plainBucket, api) =
            (h.name("fn"), h.name("bare"), h.name("cl"), h.name("svc"), h.name("db"), h.name("bucket"), h.name("plain"), h.name("api"))
        let seeded = try await h.seed([
            "lambdas": [["name": .string(fn), "tags": ["team": "orders", "env": "test"]], ["name": .string(bare)]],
            "clusters": [["name": .string(cluster)]],
            "services": [["cluster": .string(cluster), "name": .string(svc), "tags": ["team": "web"]]],
            "db_instances": [["id": .string(db), "tags": ["team": "data", "backup": "daily"]]],
            "buckets": [["name": .string(bucket), "tags": ["team": "media"]], ["name": .string(plainBucket)]],
            "rest_apis": [["name": .string(api), "tags": ["team": "edge"]]],
        ])
        let apiID = try #require(seeded["rest_apis"]?[api]?.string)
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:\(r):\(account):function:\(fn)"),
            Value.registryEntry("bare", "lambda", "arn:aws:lambda:\(r):\(account):function:\(bare)"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:\(r):\(account):service/\(cluster)/\(svc)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:\(r):\(account):db:\(db)"),
            Value.registryEntry("media", "s3-bucket", "arn:aws:s3:::\(bucket)"),
            Value.registryEntry("plain", "s3-bucket", "arn:aws:s3:::\(plainBucket)"),
            Value.registryEntry("api", "api-gateway", "arn:aws:apigateway:\(r)::/restapis/\(apiID)"),
            Value.registryEntry("gone", "lambda", "arn:aws:lambda:\(r):\(account):function:\(h.name("gone"))"),
        ]
        let run = try await h.run("aws.get-tags", ["resources": resources])
        let tags = try #require(run.output["tags"])
        #expect(tags["orders"] == ["team": "orders", "env": "test"] || tags["orders"] == ["env": "test", "team": "orders"])
        #expect(tags["web"] == ["team": "web"])
        #expect(tags["db"]?["backup"] == "daily")
        #expect(tags["db"]?["team"] == "data")
        #expect(tags["media"] == ["team": "media"])
        #expect(tags["api"] == ["team": "edge"])
        #expect(tags["bare"] == [:])
        #expect(run.output["untagged"] == ["bare", "plain", "gone"])
        #expect(run.calls("GetResources") >= 1)
        #expect(run.calls("GetRestApis") == 1)
    }

    /// The tagging API's endpoint (AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API) is a local server
    /// that answers every request with a 500; the other services are moto. The handler then reads
    /// each resource's tags with its service's own call.
    @Test("falls back to per-service tag calls when the tagging API fails")
    func perServiceFallback() async throws {
        let h = try await HandlerHarness.make(region: "eu-west-2")
        defer { h.remove() }
        let failingTagging = try await ScriptedHTTPServer.start([])
        defer { Task { await failingTagging.shutdown() } }
        let r = "eu-west-2"
        let (fn, cluster, svc, db, bucket) = (h.name("fn"), h.name("cl"), h.name("svc"), h.name("db"), h.name("bucket"))
        _ = try await h.seed([
            "lambdas": [["name": .string(fn), "tags": ["team": "orders"]]],
            "clusters": [["name": .string(cluster)]],
            "services": [["cluster": .string(cluster), "name": .string(svc), "tags": ["team": "web"]]],
            "db_instances": [["id": .string(db), "tags": ["team": "data"]]],
            "buckets": [["name": .string(bucket), "tags": ["team": "media"]]],
        ])
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:\(r):\(account):function:\(fn)"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:\(r):\(account):service/\(cluster)/\(svc)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:\(r):\(account):db:\(db)"),
            Value.registryEntry("media", "s3-bucket", "arn:aws:s3:::\(bucket)"),
            Value.registryEntry("gone", "lambda", "arn:aws:lambda:\(r):\(account):function:\(h.name("gone"))"),
        ]
        let run = try await h.run(
            "aws.get-tags", ["resources": resources],
            environment: ["AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API": failingTagging.endpoint])
        #expect(run.lines.contains { $0.hasPrefix("warning: aws.get-tags: the tagging API failed") })
        #expect(failingTagging.requests.count == 3, "standard retry mode: three attempts")
        #expect(failingTagging.requests.allSatisfy { $0.header("X-Amz-Target") == "ResourceGroupsTaggingAPI_20170126.GetResources" })
        #expect(
            run.output["tags"] == [
                "orders": ["team": "orders"], "web": ["team": "web"], "db": ["team": "data"], "media": ["team": "media"], "gone": [:],
            ])
        #expect(run.output["untagged"] == ["gone"])
        #expect(run.calls("ListTags") == 2)
        #expect(run.calls("ListTagsForResource") == 2)
        #expect(run.calls("GetBucketTagging") == 1)
    }
}
