import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// The repository's own workspace-scope example (`/inventory`, skills/aws-inventory),
/// run by the faber binary against a private moto server seeded with the demo data.
@Suite("The /inventory example against moto, end to end", .timeLimit(.minutes(3)))
struct InventoryEndToEndTests {
    static let repository = TestWorkspace.repository

    func seeded() async throws -> MotoServer {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, planFile: "scripts/demo-data/resources.json")  // throws unless it exits 0
        return moto
    }

    func faber(_ moto: MotoServer, _ arguments: String...) throws -> FaberBinary.Result {
        try FaberBinary.locate().run(
            ["--workspace", Self.repository] + arguments,
            environment: moto.clientEnvironment())
    }

    @Test("status, metrics and tags of inline resources; a resource gone from AWS is registry drift")
    func inventory() async throws {
        let moto = try await seeded()
        defer { moto.stop() }
        let text = try faber(moto, "run", "/inventory --env test")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("available\tlambda\torders-api (Active)"))
        #expect(text.stdout.contains("available\trds-instance\torders-db (available)"))
        #expect(text.stdout.contains("missing\ts3-bucket\treports — registry drift: s3-bucket faber-demo-reports-gone not found in us-east-1"))

        let json = try faber(moto, "run", "/inventory --env test --output json --trace")
        let report = try Value.parseJSON(json.stdout)
        #expect(report["missing"] == ["reports"])
        #expect(report["tags"]?["orders-api"]?["team"] == "orders")
        let errors = report["metrics"]?["orders-api"]?["Errors"]
        #expect(errors?["max"] == 15)
        // --trace: every AWS call on stderr, then the count; metrics in batched GetMetricData calls.
        let calls = json.stderr.split(separator: "\n").filter { $0.hasPrefix("aws: ") && !$0.contains(" calls (") }
        #expect(calls.contains { $0.hasPrefix("aws: cloudwatch GetMetricData 200") })
        #expect(!calls.contains { $0.contains("GetMetricStatistics") })
        #expect(json.stderr.contains("aws: \(calls.count) calls ("))
        #expect(!json.stderr.contains("demo\n") && !json.stderr.contains("AWS_SECRET"))
    }

    @Test("faber check knows the aws handlers the example uses")
    func check() throws {
        let result = try FaberBinary.locate().run(["--workspace", Self.repository, "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("faber check: 0 errors"))
    }
}
