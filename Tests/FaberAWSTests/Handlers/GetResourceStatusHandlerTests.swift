import FaberCore
import Testing

@Suite("aws.get-resource-status against moto")
struct GetResourceStatusHandlerTests {
    let account = "123456789012"

    @Test("reports every type from batch calls and flags resources gone from AWS as registry drift")
    func everyTypeAndDrift() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (fn, cluster, svc, idle, db, bucket, api) = (
            h.name("fn"), h.name("cl"), h.name("svc"), h.name("idle"), h.name("db"), h.name("bucket"), h.name("api")
        )
        let seeded = try await h.seed([
            "lambdas": [["name": .string(fn), "runtime": "python3.12"]],
            "clusters": [["name": .string(cluster)]],
            "services": [
                ["cluster": .string(cluster), "name": .string(svc), "desired": 2],
                ["cluster": .string(cluster), "name": .string(idle), "desired": 0],
            ],
            "db_instances": [["id": .string(db), "engine": "postgres"]],
            "buckets": [["name": .string(bucket)]],
            "rest_apis": [["name": .string(api)]],
        ])
        let apiID = try #require(seeded["rest_apis"]?[api]?.string)
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
            Value.registryEntry("gone-fn", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("gone"))"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)"),
            Value.registryEntry("idle", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(idle)"),
            Value.registryEntry("gone-svc", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(h.name("nosvc"))"),
            Value.registryEntry("gone-cluster", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(h.name("nocl"))/\(svc)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(db)"),
            Value.registryEntry("gone-db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(h.name("nodb"))"),
            Value.registryEntry("uploads", "s3-bucket", "arn:aws:s3:::\(bucket)"),
            Value.registryEntry("gone-bucket", "s3-bucket", "arn:aws:s3:::\(h.name("nobucket"))"),
            Value.registryEntry("api", "api-gateway", "arn:aws:apigateway:us-east-1::/restapis/\(apiID)"),
            Value.registryEntry("gone-api", "api-gateway", "arn:aws:apigateway:us-east-1::/restapis/zz\(h.prefix)"),
        ]
        let run = try await h.run("aws.get-resource-status", ["resources": resources])
        let out = run.output
        let byID = Dictionary(uniqueKeysWithValues: (out["resources"]?.array ?? []).map { ($0["id"]?.string ?? "", $0) })
        #expect(out["resources"]?.array?.map { $0["id"]?.string ?? "" } == resources.array?.map { $0["id"]?.string ?? "" })

        #expect(byID["orders"]?["status"] == "available")
        #expect(byID["orders"]?["state"] == "Active")
        #expect(byID["orders"]?["name"]?.string == fn)
        #expect(byID["orders"]?["details"]?["runtime"] == "python3.12")

        // moto starts services with every task pending.
        #expect(byID["web"]?["status"] == "degraded")
        #expect(byID["web"]?["state"] == "ACTIVE")
        #expect(byID["web"]?["details"]?["desired"] == 2)
        #expect(byID["web"]?["details"]?["running"] == 0)
        #expect(byID["web"]?["reason"] == "0 of 2 tasks running, 2 pending")
        #expect(byID["idle"]?["status"] == "stopped")

        #expect(byID["db"]?["status"] == "available")
        #expect(byID["db"]?["state"] == "available")
        #expect(byID["db"]?["details"]?["engine"] == "postgres")
        #expect(byID["db"]?["details"]?["class"] == "db.t3.micro")

        #expect(byID["uploads"]?["status"] == "available")
        #expect(byID["uploads"]?["state"] == .null)
        #expect(byID["api"]?["status"] == "available")
        #expect(byID["api"]?["details"]?["api_name"]?.string == api)

        let gone = ["gone-fn", "gone-svc", "gone-cluster", "gone-db", "gone-bucket", "gone-api"]
        #expect(out["missing"] == .array(gone.map { .string($0) }))
        for id in gone {
            #expect(byID[id]?["status"] == "missing", "\(id)")
        }
        #expect(byID["gone-fn"]?["reason"]?.string == "registry drift: lambda \(h.name("gone")) not found in us-east-1")
        #expect(byID["gone-db"]?["reason"]?.string == "registry drift: rds-instance \(h.name("nodb")) not found in us-east-1")
        #expect(out["checked_at"]?.string?.hasSuffix("Z") == true)

        // Batches: GetFunction per function (2 <= 5), one DescribeServices per cluster, one listing each.
        #expect(run.calls("GetFunction") == 2)
        #expect(run.calls("ListFunctions") == 0)
        #expect(run.calls("DescribeServices") == 2)
        #expect(run.calls("DescribeDBInstances") == 1)
        #expect(run.calls("ListBuckets") == 1)
        #expect(run.calls("HeadBucket") == 1)
        #expect(run.calls("GetRestApis") == 1)
    }

    @Test("more than five functions are read with ListFunctions, and ECS services 10 a call")
    func listingAndServiceBatches() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let cluster = h.name("cl")
        let functions = (0..<6).map { h.name("fn\($0)") }
        let services = (0..<11).map { h.name("svc\($0)") }
        _ = try await h.seed([
            "lambdas": .array(functions.prefix(5).map { ["name": .string($0)] }),
            "clusters": [["name": .string(cluster)]],
            "services": .array(services.map { ["cluster": .string(cluster), "name": .string($0), "desired": 0] }),
        ])
        let resources =
            functions.map { Value.registryEntry($0, "lambda", "arn:aws:lambda:us-east-1:\(account):function:\($0)") }
            + services.map { Value.registryEntry($0, "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\($0)") }
        let run = try await h.run("aws.get-resource-status", ["resources": .array(resources)])
        #expect(run.calls("GetFunction") == 0)
        #expect(run.calls("ListFunctions") >= 1)
        #expect(run.calls("DescribeServices") == 2)
        #expect(run.output["missing"] == [.string(functions[5])])
        let statuses = (run.output["resources"]?.array ?? []).map { $0["status"]?.string ?? "" }
        #expect(statuses == Array(repeating: "available", count: 5) + ["missing"] + Array(repeating: "stopped", count: 11))
    }

    @Test("a bad ARN or an unknown type is a usage error naming the resource")
    func badEntries() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let cases: [(Value, String)] = [
            (Value.registryEntry("orders", "lambda", "arn:aws:ecs:us-east-1:1:service/a/b"), "resource 'orders'"),
            (Value.registryEntry("db", "rds-instance", "not-an-arn"), "resource 'db'"),
            (Value.registryEntry("cache", "elasticache", "arn:aws:elasticache:us-east-1:1:cluster:x"), "resource 'cache' has unknown type 'elasticache'"),
        ]
        for (entry, expected) in cases {
            let error = await #expect(throws: FaberError.self) {
                try await h.run("aws.get-resource-status", ["resources": [entry]])
            }
            #expect(error?.exitStatus == .usage)
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        }
    }
}
