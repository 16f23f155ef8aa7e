import FaberAWS
import FaberCore
import Testing

@testable import FaberAWSHandlers

@Suite("aws.scale-service against moto")
struct ScaleServiceHandlerTests {
    let account = "123456789012"

    @Test("ECS: sets the desired count and reports the previous one; a dry run changes nothing")
    func ecsDesiredCount() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (cluster, svc) = (h.name("cl"), h.name("svc"))
        _ = try await h.seed(["clusters": [["name": .string(cluster)]], "services": [["cluster": .string(cluster), "name": .string(svc), "desired": 2]]])
        let entry = Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)")

        let dry = try await h.run("aws.scale-service", ["resource": entry, "count": 9], dryRun: true)
        #expect(dry.output["previous"] == 2)
        #expect(dry.output["applied"] == false)
        #expect(dry.output["dry_run"] == true)
        #expect(dry.calls("UpdateService") == 0)
        #expect(try await desired(h, cluster, svc) == 2)

        let run = try await h.run("aws.scale-service", ["resource": entry, "count": 5])
        #expect(run.output["resource"] == "web")
        #expect(run.output["previous"] == 2)
        #expect(run.output["count"] == 5)
        #expect(run.output["applied"] == true)
        #expect(run.output["detail"]?.string?.contains("from 2 to 5") == true)
        #expect(try await desired(h, cluster, svc) == 5)
    }

    @Test("Lambda: sets reserved concurrency; previous is null when none was reserved")
    func lambdaReservedConcurrency() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (reserved, open) = (h.name("reserved"), h.name("open"))
        _ = try await h.seed(["lambdas": [["name": .string(reserved), "reserved_concurrency": 3], ["name": .string(open)]]])

        let run = try await h.run(
            "aws.scale-service",
            [
                "resource": Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(reserved)"), "count": 10,
            ])
        #expect(run.output["previous"] == 3)
        #expect(run.output["count"] == 10)
        #expect(run.output["applied"] == true)
        #expect(run.calls("PutFunctionConcurrency") == 1)
        #expect(try await concurrency(h, reserved) == 10)

        let second = try await h.run(
            "aws.scale-service",
            [
                "resource": Value.registryEntry("open", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(open)"), "count": 0,
            ], dryRun: true)
        #expect(second.output["previous"] == .null)
        #expect(second.output["detail"]?.string?.contains("throttled") == true)
        #expect(try await concurrency(h, open) == nil)
    }

    @Test("a negative count, another type or a missing count is a usage error")
    func refusals() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let fn = Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("fn"))")
        let bucket = Value.registryEntry("uploads", "s3-bucket", "arn:aws:s3:::\(h.name("b"))")
        for input: Value in [["resource": fn, "count": -1], ["resource": bucket, "count": 2], ["resource": fn]] {
            let error = await #expect(throws: FaberError.self) { try await h.run("aws.scale-service", input) }
            #expect(error?.exitStatus == .usage)
        }
    }

    private func desired(_ h: HandlerHarness, _ cluster: String, _ svc: String) async throws -> Int? {
        let out = try await h.call { client in
            try await client.json(.ecs, "DescribeServices", ["cluster": .string(cluster), "services": [.string(svc)]])
        }
        return out["services"]?[0]?["desiredCount"]?.int
    }

    private func concurrency(_ h: HandlerHarness, _ fn: String) async throws -> Int? {
        let out = try await h.call { client in
            try await client.restJSON(.lambda, "GetFunctionConcurrency", method: "GET", path: "/2019-09-30/functions/\(fn)/concurrency")
        }
        return out["ReservedConcurrentExecutions"]?.int
    }
}
