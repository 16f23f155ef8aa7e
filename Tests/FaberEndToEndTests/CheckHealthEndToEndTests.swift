import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// `/fractary-faber-cloud:ops-manage check-health` run by the faber binary against a moto server
/// seeded with the demo (scripts/demo-data/environments.json): a healthy `test`, a `prod` with
/// trouble. Each test works on its own copy of the repository's plugin and configuration.
@Suite("check-health against moto, end to end", .timeLimit(.minutes(5)))
struct CheckHealthEndToEndTests {
    /// One moto for the suite, seeded once (the operations only read).
    static let demo = Task<MotoServer, any Error> {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, planFile: "scripts/demo-data/environments.json")
        return moto
    }

    /// A workspace with the repository's plugins/ and .fractary/ (config.json and the registries).
    func workspace() throws -> TestWorkspace {
        try TestWorkspace(copyingRepository: ["plugins", ".fractary"], prefix: "check-health")
    }

    func faber(_ ws: TestWorkspace, _ line: String, endpoint: String? = nil, extra: [String: String] = [:]) async throws -> FaberBinary.Result {
        let moto = try await Self.demo.value
        let endpoints = endpoint.map { ["AWS_ENDPOINT_URL": $0] } ?? [:]
        let environment = moto.clientEnvironment(endpoints.merging(extra) { $1 })
        return try FaberBinary.locate().run(["--workspace", ws.root, "run", line], environment: environment)
    }

    func json(_ result: FaberBinary.Result) throws -> Value {
        try Value.parseJSON(result.stdout)
    }

    func status(_ report: Value, _ id: String) -> String? {
        report["resource_status"]?.array?.first { $0["id"]?.string == id }?["status"]?.string
    }

    @Test("a healthy environment: exit 0, the text report, the JSON document, the report file and the history")
    func healthy() async throws {
        let ws = try workspace()
        let text = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env test")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Status: HEALTHY"))
        #expect(text.stdout.contains("Healthy: 4 / Degraded: 0 / Unhealthy: 0 / Unknown: 0"))

        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --output json")  // --env defaults to test
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result)
        #expect(report["overall_health"] == "HEALTHY")
        #expect(report["environment"] == "test")
        #expect(report["resources"] == ["total": 4, "healthy": 4, "degraded": 0, "unhealthy": 0, "unknown": 0])
        for key in ["timestamp", "resource_status", "issues", "metrics_summary", "recommendations", "report_path"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let path = try #require(report["report_path"]?.string)
        #expect(path.hasPrefix(".fractary/plugins/faber-cloud/monitoring/test/") && path.hasSuffix("-health-check.json"))
        let saved = try Value.parseJSON(#require(ws.read(path)))
        #expect(saved["resource_status"] == report["resource_status"])
        let history = try Value.parseJSON(#require(ws.read(".fractary/plugins/faber-cloud/monitoring/test/monitoring-history.json")))
        #expect(history.array?.count == 2)
        #expect(history.array?.last?["report_path"] == .string(path))
    }

    @Test("prod: UNHEALTHY (exit 2) with the saturated database, the failing function and API, the degraded service and registry drift named")
    func unhealthyProduction() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod --output json")
        #expect(result.status == 2, "\(result.stderr)")
        let report = try json(result)
        #expect(report["overall_health"] == "UNHEALTHY")
        #expect(status(report, "orders-db") == "UNHEALTHY")
        #expect(status(report, "orders-api") == "UNHEALTHY")
        #expect(status(report, "checkout-api") == "UNHEALTHY")
        #expect(status(report, "web") == "DEGRADED")
        #expect(status(report, "uploads") == "HEALTHY")
        #expect(status(report, "reports") == "UNHEALTHY")
        let issues = report["issues"]?.array ?? []
        let connections = try #require(issues.first { $0["metric"] == "DatabaseConnections" })
        #expect(connections["resource"] == "orders-db")
        #expect(connections["current_value"] == 112)
        #expect(connections["severity"] == "critical")
        #expect(issues.contains { $0["resource"] == "reports" && $0["issue"]?.string?.hasPrefix("registry drift") == true })
        let advice = report["recommendations"]?.array?.compactMap(\.string) ?? []
        #expect(advice.contains { $0.hasPrefix("orders-db:") && $0.contains("RDS Proxy") })

        let text = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod")
        #expect(text.status == 2)
        #expect(text.stdout.contains("UNHEALTHY\torders-db (rds-instance orders-db-prod)"))
        #expect(text.stdout.contains("· registry drift: s3-bucket faber-demo-reports-prod not found in us-east-1"))
        let markdown = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod --output markdown")
        #expect(markdown.stdout.hasPrefix("# Health check: prod — UNHEALTHY"))
        #expect(markdown.stdout.contains("| orders-db | rds-instance | UNHEALTHY |"))
    }

    @Test("--service narrows to one resource: a degraded service alone is exit 1")
    func oneServiceDegraded() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod --service web --output json --trace")
        #expect(result.status == 1, "\(result.stderr)")
        let report = try json(result)
        #expect(report["resources"]?["total"] == 1)
        #expect(report["overall_health"] == "DEGRADED")
        #expect(status(report, "web") == "DEGRADED")
        // One status call and one metrics call for one ECS service: nothing is fetched for the others.
        #expect(result.stderr.contains("aws: ecs DescribeServices 200"))
        #expect(!result.stderr.contains("aws: lambda "))
    }

    @Test("config.json thresholds override the plugin's defaults, per resource")
    func thresholdOverride() async throws {
        let ws = try workspace()
        let config = ".fractary/plugins/faber-cloud/config.json"
        try ws.edit(
            config, replacing: #""environments": {"#,
            with: #""thresholds": {"resources": {"orders-db": {"DatabaseConnections": 2, "FreeableMemory": 1}}}, "environments": {"#)
        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod --service orders-db --output json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try json(result)["overall_health"] == "HEALTHY")
    }

    @Test("a service that cannot be read is UNKNOWN with its reason (exit 3); the others are still classified and the report saved")
    func unreadableService() async throws {
        let ws = try workspace()
        let denied =
            #"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform rds:DescribeDBInstances</Message></Error><RequestId>1</RequestId></ErrorResponse>"#
        let rds = try await ScriptedHTTPServer.start(Array(repeating: .xml(403, denied), count: 20))
        defer { Task { await rds.shutdown() } }
        let result = try await faber(
            ws, "/fractary-faber-cloud:ops-manage check-health --env test --output json", extra: ["AWS_ENDPOINT_URL_RDS": rds.endpoint])
        #expect(result.status == 3, "\(result.stderr)")
        let report = try json(result)
        #expect(report["overall_health"] == "UNKNOWN")
        #expect(status(report, "orders-db") == "UNKNOWN")
        let reasons = report["resource_status"]?.array?.first { $0["id"] == "orders-db" }?["reasons"]?.array?.compactMap(\.string) ?? []
        #expect(reasons.first?.contains("rds:DescribeDBInstances") == true, "\(reasons)")
        #expect(status(report, "orders-api") == "HEALTHY")
        #expect(status(report, "checkout-api") == "HEALTHY")
        #expect(ws.read(try #require(report["report_path"]?.string)) != nil)
    }

    @Test("a missing registry says which file to create (64); a malformed one is located (65); an unknown service gets a did-you-mean (64)")
    func registryProblems() async throws {
        let ws = try workspace()
        try ws.edit(".fractary/plugins/faber-cloud/config.json", replacing: #""environments": {"#, with: #""environments": {"staging": {},"#)
        let missing = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env staging")
        #expect(missing.status == 64)
        #expect(
            missing.stderr.contains(
                "no deployment registry for environment 'staging': .fractary/plugins/faber-cloud/deployments/staging/registry.json does not exist"))
        #expect(missing.stderr.contains(#""resources": {"#))

        try ws.write(
            ".fractary/plugins/faber-cloud/deployments/staging/registry.json",
            "{\"environment\": \"staging\",\n  \"resources\": {\"a\": {\"type\": \"lambda\"}}}")
        let malformed = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env staging")
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains(".fractary/plugins/faber-cloud/deployments/staging/registry.json:2:22: error: "), "\(malformed.stderr)")
        #expect(malformed.stderr.contains("resource 'a' has no arn"))

        let unknown = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prod --service ordrs-db")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no service 'ordrs-db' in the prod registry"))
        #expect(unknown.stderr.contains("did you mean 'orders-db'?"))

        let typo = try await faber(ws, "/fractary-faber-cloud:ops-manage check-health --env prdo")
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown environment 'prdo'"))
        #expect(typo.stderr.contains("did you mean 'prod'?"))

        let operation = try await faber(ws, "/fractary-faber-cloud:ops-manage chek-health")
        #expect(operation.status == 64)
        #expect(operation.stderr.contains("did you mean 'check-health'?"))
    }

    @Test("two check-health runs at the same time both end up in the history, which stays valid JSON")
    func concurrentHistory() async throws {
        let ws = try workspace()
        async let first = faber(ws, "/fractary-faber-cloud:ops-manage check-health --env test --output json")
        async let second = faber(ws, "/fractary-faber-cloud:ops-manage check-health --env test --service orders-api --output json")
        let results = try await [first, second]
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        let history = try Value.parseJSON(#require(ws.read(".fractary/plugins/faber-cloud/monitoring/test/monitoring-history.json")))
        let paths = Set(history.array?.compactMap { $0["report_path"]?.string } ?? [])
        #expect(history.array?.count == 2)
        #expect(paths == Set(try results.map { try #require(json($0)["report_path"]?.string) }))
    }

    @Test("an endpoint that throttles every other call still gives the right answer, through retries")
    func throttledEndpoint() async throws {
        let ws = try workspace()
        let moto = try await Self.demo.value
        let portFile = TestFolders.make("throttle-port")
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proxy.arguments = [
            "python3", Bundle.module.resourceURL!.appendingPathComponent("Fixtures/throttling-proxy.py").path,
            "--upstream", moto.endpoint, "--every", "2", "--port-file", portFile,
        ]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer { proxy.terminate() }
        var port: String?
        for _ in 0..<100 where port == nil {
            port = try? String(contentsOfFile: portFile, encoding: .utf8)
            if port == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let endpoint = "http://127.0.0.1:\(try #require(port))"
        // The metrics window ends now, so a minute that turns during the throttled run (slow under
        // load, through its retries) changes the aggregates. Compare only within one window: a
        // direct read before and after the throttled one, the same; else the minute turned, again.
        let line = "/fractary-faber-cloud:ops-manage check-health --env prod --output json"
        var direct: Value = [:]
        var run: FaberBinary.Result?
        for _ in 0..<3 {
            let before = try json(try await faber(ws, line))
            run = try await faber(ws, line + " --trace", endpoint: endpoint)
            direct = try json(try await faber(ws, line))
            if before["resource_status"] == direct["resource_status"] && before["issues"] == direct["issues"] { break }
        }
        let throttled = try #require(run)
        #expect(throttled.status == 2, "\(throttled.stderr)")
        let report = try json(throttled)
        #expect(report["resource_status"] == direct["resource_status"], "\(throttled.stderr)")
        #expect(report["issues"] == direct["issues"])
        #expect(throttled.stderr.contains("retries=1"), "\(throttled.stderr)")
        #expect(Int((try? String(contentsOfFile: portFile + ".throttled", encoding: .utf8)) ?? "0") ?? 0 > 0)
    }
}
