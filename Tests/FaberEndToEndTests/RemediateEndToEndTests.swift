import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// remediate run by the faber binary against a private moto: assessed, confirmed where the
/// environment requires it, applied, verified and logged; refused, dry-run and failed actions
/// change nothing and (but the dry run) are logged too.
@Suite("remediate against moto, end to end", .timeLimit(.minutes(5)))
struct RemediateEndToEndTests {
    static let plan: Value = [
        "lambdas": [["name": "rem-fn"]],
        "clusters": [["name": "rem-cluster"]],
        "services": [
            ["cluster": "rem-cluster", "name": "rem-web", "desired": 2], ["cluster": "rem-cluster", "name": "rem-worker", "desired": 3],
            ["cluster": "rem-cluster", "name": "rem-dry", "desired": 2], ["cluster": "rem-cluster", "name": "rem-a", "desired": 1],
            ["cluster": "rem-cluster", "name": "rem-b", "desired": 1],
        ],
    ]

    static let registry = """
        {"resources": {
          "fn": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:rem-fn"},
          "web": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/rem-cluster/rem-web"},
          "worker": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/rem-cluster/rem-worker"},
          "dry": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/rem-cluster/rem-dry"},
          "batch-a": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/rem-cluster/rem-a"},
          "batch-b": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/rem-cluster/rem-b"},
          "ghost": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:rem-ghost"},
          "assets": {"type": "s3-bucket", "arn": "arn:aws:s3:::rem-assets"}}}
        """

    static let moto = Task<MotoServer, any Error> {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, plan: plan)
        return moto
    }

    func workspace() throws -> TestWorkspace { try TestWorkspace(remediationRegistry: Self.registry, prefix: "remediate") }

    func faber(_ ws: TestWorkspace, _ arguments: String) async throws -> FaberBinary.Result {
        let moto = try await Self.moto.value
        return try FaberBinary.locate().run(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage remediate \(arguments) --interval 1s --verify-timeout 20s"],
            environment: moto.clientEnvironment())
    }

    func desired(_ ws: TestWorkspace, _ service: String) async throws -> Int? { try ws.desiredCount(service, moto: await Self.moto.value) }

    @Test("in prod without a terminal and without --yes: exit 75, nothing changed, the refusal logged")
    func refusedInProduction() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "--env prod --service worker --action scale --count 5")
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains("not confirmed (no terminal to ask, and no --yes): nothing was changed"))
        #expect(result.stderr.contains("add --yes"))
        #expect(try await desired(ws, "worker") == 3)
        let entries = try ws.remediationLog("prod")
        #expect(entries.count == 1)
        #expect(entries.first?["outcome"] == "refused")
        #expect(entries.first?["before"] == 3 && entries.first?["after"] == 3)
    }

    @Test("a confirmed ECS scale in prod: the desired count changes, is verified, and is logged with before, after and who")
    func confirmedScale() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "--env prod --service web --action scale --count 4 --yes --output json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        #expect(report["outcome"] == "verified")
        #expect(report["applied"] == true)
        #expect(report["confirmed"] == "--yes")
        #expect(report["impact"]?["from"] == 2 && report["impact"]?["to"] == 4)
        #expect(report["verification"]?["status"] == "passed")
        #expect(try await desired(ws, "web") == 4)
        let entry = try #require(try ws.remediationLog("prod").first)
        #expect(entry["before"] == 2 && entry["after"] == 4)
        #expect(entry["action"] == "scale" && entry["resource"] == "web")
        #expect(entry["aws_identity"]?["account"] == "123456789012")
        #expect(entry["local_user"]?.string?.isEmpty == false)
    }

    @Test("a Lambda restart where no confirmation is required: applied, verified, logged; the text report shows each step")
    func lambdaRestart() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "--env test --service fn --action restart")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Impact Assessment:"))
        #expect(result.stdout.contains("Result: verified"))
        #expect(result.stdout.contains("✓ status: Lambda function rem-fn is available"))
        let entry = try #require(try ws.remediationLog("test").first)
        #expect(entry["outcome"] == "verified")
        #expect(entry["applied_detail"]?.string?.contains("FABER_RESTARTED_AT") == true)
    }

    @Test("a dry run shows the plan and changes nothing, and logs nothing")
    func dryRun() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "--env prod --service dry --action scale --count 1 --dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- Change: set the desired count of rem-dry from 2 to 1"))
        #expect(result.stdout.contains("Dry run: nothing was changed, nothing logged."))
        #expect(try await desired(ws, "dry") == 2)
        #expect(try ws.remediationLog("prod").isEmpty)
    }

    @Test("an unknown service, an action its type does not have, or a scale without a count is a usage error, before anything changes")
    func usageErrors() async throws {
        let ws = try workspace()
        let unknown = try await faber(ws, "--env test --service wbe --action restart")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean 'web'?"))
        let bucket = try await faber(ws, "--env test --service assets --action restart")
        #expect(bucket.status == 64)
        #expect(bucket.stderr.contains("restart applies to a Lambda function or an ECS service"))
        let noCount = try await faber(ws, "--env test --service web --action scale")
        #expect(noCount.status == 64)
        #expect(try ws.remediationLog("test").isEmpty)
    }

    @Test("an action AWS refuses (the function is gone) exits with its code and is logged as failed")
    func refusedByAWS() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "--env test --service ghost --action restart")
        #expect(result.status != 0 && result.status != 70, "\(result.stderr)")
        let entry = try #require(try ws.remediationLog("test").first)
        #expect(entry["outcome"] == "failed")
        #expect(entry["failure"]?.string?.isEmpty == false)
    }

    @Test("two remediations at once are both logged")
    func concurrentRemediations() async throws {
        let ws = try workspace()
        async let first = faber(ws, "--env test --service batch-a --action scale --count 2")
        async let second = faber(ws, "--env test --service batch-b --action scale --count 2")
        let results = try await [first, second]
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        #expect(try ws.remediationLog("test").count == 2)
    }
}
