import FaberAWS
import FaberCore
import FaberOpsModel
import Testing

@testable import FaberAWSHandlers

@Suite("aws.restart-service against moto")
struct RestartServiceHandlerTests {
    let account = "123456789012"

    @Test("Lambda: sets FABER_RESTARTED_AT and keeps the existing variables")
    func lambdaRestart() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let fn = h.name("fn")
        _ = try await h.seed(["lambdas": [["name": .string(fn), "env": ["DB_HOST": "db.internal", "SECRET_NAME": "orders/db"]]]])
        let entry = Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)")
        let run = try await h.run("aws.restart-service", ["resource": entry])
        #expect(run.output["resource"] == "orders")
        #expect(run.output["action"] == "update-function-configuration")
        #expect(run.output["applied"] == true)
        #expect(run.output["dry_run"] == false)
        #expect(run.output["detail"]?.string?.contains("keeping its 2 other environment variables") == true)
        #expect(run.output["detail"]?.string?.contains("db.internal") == false)
        #expect(run.calls("UpdateFunctionConfiguration") == 1)

        let after = try await variables(h, fn)
        #expect(after["DB_HOST"] == "db.internal")
        #expect(after["SECRET_NAME"] == "orders/db")
        let stamp = try #require(after["FABER_RESTARTED_AT"]?.string)
        #expect(ISOTime.parse(stamp) != nil)
    }

    @Test("ECS: forces a new deployment")
    func ecsRestart() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (cluster, svc) = (h.name("cl"), h.name("svc"))
        _ = try await h.seed(["clusters": [["name": .string(cluster)]], "services": [["cluster": .string(cluster), "name": .string(svc)]]])
        let entry = Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)")
        let before = try await deploymentID(h, entry)
        let run = try await h.run("aws.restart-service", ["resource": entry])
        #expect(run.output["action"] == "force-new-deployment")
        #expect(run.output["applied"] == true)
        #expect(run.calls("UpdateService") == 1)
        let after = try await deploymentID(h, entry)
        #expect(after != before)
        #expect(run.output["detail"]?.string?.contains(after) == true)
    }

    @Test("dry run reads, says what it would do and changes nothing")
    func dryRun() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (fn, cluster, svc) = (h.name("fn"), h.name("cl"), h.name("svc"))
        _ = try await h.seed([
            "lambdas": [["name": .string(fn), "env": ["A": "1"]]],
            "clusters": [["name": .string(cluster)]],
            "services": [["cluster": .string(cluster), "name": .string(svc)]],
        ])
        let lambda = Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)")
        let ecs = Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)")
        let before = try await deploymentID(h, ecs)

        let lambdaRun = try await h.run("aws.restart-service", ["resource": lambda], dryRun: true)
        #expect(lambdaRun.output["applied"] == false)
        #expect(lambdaRun.output["dry_run"] == true)
        #expect(lambdaRun.output["detail"]?.string?.hasPrefix("would set FABER_RESTARTED_AT") == true)
        #expect(lambdaRun.calls("UpdateFunctionConfiguration") == 0)
        #expect(try await variables(h, fn) == ["A": "1"])

        let ecsRun = try await h.run("aws.restart-service", ["resource": ecs], dryRun: true)
        #expect(ecsRun.output["applied"] == false)
        #expect(ecsRun.calls("UpdateService") == 0)
        #expect(try await deploymentID(h, ecs) == before)
    }

    @Test("other types, a missing resource and a list are refused")
    func refusals() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let db = Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(h.name("db"))")
        let wrongType = await #expect(throws: FaberError.self) { try await h.run("aws.restart-service", ["resource": db]) }
        #expect(wrongType?.exitStatus == .usage)
        #expect(wrongType?.message.contains("resource 'db' is an rds-instance") == true)

        let gone = Value.registryEntry("gone", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("gone"))")
        let missing = await #expect(throws: FaberError.self) { try await h.run("aws.restart-service", ["resource": gone]) }
        #expect(missing?.message.contains("registry drift") == true)

        let list = await #expect(throws: FaberError.self) { try await h.run("aws.restart-service", ["resource": [gone, gone]]) }
        #expect(list?.message.contains("must be one registry entry") == true)
    }

    /// The function's environment variables, read back through the handler's own client.
    private func variables(_ h: HandlerHarness, _ fn: String) async throws -> OrderedDictionary<String, Value> {
        let out = try await h.call { client in
            try await client.restJSON(.lambda, "GetFunctionConfiguration", method: "GET", path: "/2015-03-31/functions/\(fn)/configuration")
        }
        return out["Environment"]?["Variables"]?.object ?? [:]
    }

    private func deploymentID(_ h: HandlerHarness, _ entry: Value) async throws -> String {
        let arn = entry["arn"]?.string ?? ""
        let parts = arn.split(separator: "/")
        let out = try await h.call { client in
            try await client.json(.ecs, "DescribeServices", ["cluster": .string(String(parts[1])), "services": [.string(String(parts[2]))]])
        }
        let deployments = out["services"]?[0]?["deployments"]?.array ?? []
        return deployments.first { $0["status"] == "PRIMARY" }?["id"]?.string ?? ""
    }
}
