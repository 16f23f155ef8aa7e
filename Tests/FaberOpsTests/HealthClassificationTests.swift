import FaberCore
import FaberOpsModel
import FaberTestSupport
import Foundation
import Testing

@testable import FaberOps

/// The classification table, case by case, with the plugin's own thresholds file: values in,
/// values out, no emulator.
@Suite("Health classification")
struct HealthClassificationTests {
    static let repository = TestWorkspace.repository
    static let skill = repository + "/plugins/fractary-faber-cloud/skills/ops-monitor"

    static let lambda = Value.registryEntry("orders-api", "lambda", "arn:aws:lambda:us-east-1:123456789012:function:orders-api-prod")
    static let db = Value.registryEntry("orders-db", "rds-instance", "arn:aws:rds:us-east-1:123456789012:db:orders-db-prod")
    static let api = Value.registryEntry("checkout", "api-gateway", "arn:aws:apigateway:us-east-1::/restapis/ck01")
    static let bucket = Value.registryEntry("uploads", "s3-bucket", "arn:aws:s3:::uploads")
    static let web = Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:123456789012:service/shop/web")

    static func status(_ id: String, _ status: String = "available", reason: String? = nil, details: Value = [:]) -> Value {
        ["id": .string(id), "status": .string(status), "reason": reason.map { .string($0) } ?? .null, "details": details]
    }

    /// A metric entry as aws.query-metrics gives it.
    static func metric(max: Double? = nil, avg: Double? = nil, min: Double? = nil, sum: Double? = nil, unit: String = "Count") -> Value {
        func number(_ v: Double?) -> Value { v.map { .double($0) } ?? .null }
        return ["unit": .string(unit), "max": number(max), "avg": number(avg), "min": number(min), "sum": number(sum), "latest": number(max), "count": 10]
    }

    func classify(
        _ resources: [Value], statuses: [Value]?, metrics: Value?, overrides: Value = [:], statusError: String? = nil,
        metricsError: String? = nil
    ) async throws -> Value {
        var input: Value = [
            "environment": "prod", "resources": .array(resources), "thresholds_file": "thresholds.json", "overrides": overrides,
        ]
        if let statuses { input["statuses"] = .array(statuses) }
        if let metrics { input["metrics"] = metrics }
        if let statusError { input["status_error"] = .string(statusError) }
        if let metricsError { input["metrics_error"] = .string(metricsError) }
        return try await ClassifyHealthHandler().run(input, context: .testing(workspace: Self.repository, skillDirectory: Self.skill))
    }

    func statusOf(_ report: Value, _ id: String) -> String? {
        report["resource_status"]?.array?.first { $0["id"]?.string == id }?["status"]?.string
    }

    func reasonsOf(_ report: Value, _ id: String) -> [String] {
        report["resource_status"]?.array?.first { $0["id"]?.string == id }?["reasons"]?.array?.compactMap(\.string) ?? []
    }

    @Test("running, error rate below 0.1 %, metrics within thresholds: HEALTHY, exit 0")
    func healthy() async throws {
        let report = try await classify(
            [Self.lambda], statuses: [Self.status("orders-api", details: ["timeout_s": 3])],
            metrics: ["orders-api": ["error_rate": 0.05, "Duration": Self.metric(max: 300, unit: "Milliseconds"), "Throttles": Self.metric(sum: 0)]])
        #expect(statusOf(report, "orders-api") == "HEALTHY")
        #expect(report["overall_health"] == "HEALTHY")
        #expect(report["exit_code"] == 0)
        #expect(report["issues"] == [])
        #expect(report["recommendations"] == [])
    }

    @Test("an error rate from 0.1 to 1 % is DEGRADED, above 1 % UNHEALTHY, with the value and threshold in the issue")
    func errorRates() async throws {
        for (rate, expected) in [(0.1, "HEALTHY"), (0.5, "DEGRADED"), (1.0, "DEGRADED"), (4.2, "UNHEALTHY")] {
            let report = try await classify(
                [Self.lambda], statuses: [Self.status("orders-api")],
                metrics: ["orders-api": ["error_rate": .double(rate), "Invocations": Self.metric(sum: 100)]])
            #expect(statusOf(report, "orders-api") == expected, "error rate \(rate)")
        }
        let report = try await classify(
            [Self.lambda], statuses: [Self.status("orders-api")], metrics: ["orders-api": ["error_rate": 4.2, "Invocations": Self.metric(sum: 100)]])
        let issue = try #require(report["issues"]?.array?.first)
        #expect(issue["severity"] == "critical")
        #expect(issue["resource"] == "orders-api")
        #expect(issue["metric"] == "error_rate")
        #expect(issue["current_value"] == 4.2)
        #expect(issue["threshold"] == 1.0)
        #expect(issue["issue"] == "error_rate 4.2% above its threshold 1%")
        let advice = try #require(report["recommendations"]?.array?.first?.string)
        #expect(advice.hasPrefix("orders-api: 4.2% of invocations failed (threshold 1%)"))
        #expect(advice.contains("/aws/lambda/orders-api-prod"))
    }

    @Test("Lambda duration is judged against the function's own timeout")
    func durationAgainstTimeout() async throws {
        func status(maxMs: Double, timeout: Int) async throws -> String? {
            let report = try await classify(
                [Self.lambda], statuses: [Self.status("orders-api", details: ["timeout_s": .int(timeout)])],
                metrics: ["orders-api": ["Duration": Self.metric(max: maxMs, unit: "Milliseconds")]])
            return statusOf(report, "orders-api")
        }
        #expect(try await status(maxMs: 2000, timeout: 3) == "HEALTHY")
        #expect(try await status(maxMs: 2900, timeout: 3) == "DEGRADED")  // above 80 % of 3000 ms
        #expect(try await status(maxMs: 3100, timeout: 3) == "UNHEALTHY")
        #expect(try await status(maxMs: 2900, timeout: 30) == "HEALTHY")
    }

    @Test("RDS connections are judged against the instance class's max connections, free memory from below")
    func rdsCapacity() async throws {
        let statuses = [Self.status("orders-db", details: ["class": "db.t3.micro"])]
        let saturated = try await classify(
            [Self.db], statuses: statuses, metrics: ["orders-db": ["DatabaseConnections": Self.metric(max: 112)]])
        #expect(statusOf(saturated, "orders-db") == "UNHEALTHY")
        #expect(
            reasonsOf(saturated, "orders-db") == ["DatabaseConnections (max) 112 above its threshold 100.8 (90% of its instance class's max connections 112)"])
        let busy = try await classify([Self.db], statuses: statuses, metrics: ["orders-db": ["DatabaseConnections": Self.metric(max: 85)]])
        #expect(statusOf(busy, "orders-db") == "DEGRADED")  // above 80 % of 100.8
        let lowMemory = try await classify(
            [Self.db], statuses: statuses, metrics: ["orders-db": ["FreeableMemory": Self.metric(min: 300 * 1_048_576, unit: "Bytes")]])
        #expect(statusOf(lowMemory, "orders-db") == "DEGRADED")  // below 256 MiB / 0.8
        #expect(reasonsOf(lowMemory, "orders-db") == ["FreeableMemory (min) 300 MiB below its warning level 320 MiB (threshold 256 MiB)"])
        let unknownClass = try await classify(
            [Self.db], statuses: [Self.status("orders-db", details: ["class": "db.x9.huge"])],
            metrics: ["orders-db": ["DatabaseConnections": Self.metric(max: 5000)]])
        #expect(statusOf(unknownClass, "orders-db") == "HEALTHY")  // no capacity known: the rule cannot judge
    }

    @Test("what a raw state means comes from the thresholds file: an idle Lambda is fine, a failed database is UNHEALTHY")
    func states() async throws {
        let report = try await classify(
            [Self.lambda, Self.db],
            statuses: [
                ["id": "orders-api", "status": "stopped", "state": "Inactive", "details": [:], "reason": "inactive: the next invocation reactivates it"],
                ["id": "orders-db", "status": "degraded", "state": "storage-full", "details": [:], "reason": "storage-full"],
            ],
            metrics: ["orders-api": [:], "orders-db": ["CPUUtilization": Self.metric(max: 20, unit: "Percent")]])
        #expect(statusOf(report, "orders-api") == "HEALTHY")
        #expect(statusOf(report, "orders-db") == "UNHEALTHY")
    }

    @Test("a DEGRADED finding names the warning level it passed")
    func warningLevel() async throws {
        let report = try await classify(
            [Self.lambda], statuses: [Self.status("orders-api")], metrics: ["orders-api": ["error_rate": 0.2, "Invocations": Self.metric(sum: 500)]])
        #expect(reasonsOf(report, "orders-api") == ["error_rate 0.2% above its warning level 0.1% (threshold 1%)"])
    }

    @Test("misspelt overrides are refused with a did-you-mean instead of changing nothing")
    func misspeltOverrides() async throws {
        let statuses = [Self.status("orders-api")]
        for overrides: Value in [["eror_rate": 5], ["lamda": ["error_rate": 5]], ["lambda": ["Durration": 5]], ["resources": ["orders-api": ["eror_rate": 5]]]]
        {
            await #expect {
                _ = try await classify([Self.lambda], statuses: statuses, metrics: ["orders-api": [:]], overrides: overrides)
            } throws: { error in
                (error as? FaberError)?.code == "invalid-threshold" && (error as? FaberError)?.hint?.hasPrefix("did you mean") == true
            }
        }
    }

    @Test("an override a resource's type cannot use, or that is neither a number nor an object, is refused")
    func overridesOfTheWrongKind() async throws {
        let statuses = [Self.status("orders-api")]
        for overrides: Value in [["resources": ["orders-api": ["CPUUtilization": 95]]], ["lambda": ["error_rate": "5%"]], ["error_rate": true]] {
            await #expect {
                _ = try await classify([Self.lambda], statuses: statuses, metrics: ["orders-api": ["error_rate": 0.5]], overrides: overrides)
            } throws: { ($0 as? FaberError)?.code == "invalid-threshold" }
        }
    }

    @Test("gone from AWS is UNHEALTHY registry drift; stopped UNHEALTHY; degraded status DEGRADED")
    func statuses() async throws {
        let report = try await classify(
            [Self.lambda, Self.db, Self.web],
            statuses: [
                Self.status("orders-api", "missing", reason: "registry drift: lambda orders-api-prod not found in us-east-1"),
                Self.status("orders-db", "stopped", reason: "stopped"),
                Self.status("web", "degraded", reason: "0 of 3 tasks running"),
            ],
            metrics: [:])
        #expect(statusOf(report, "orders-api") == "UNHEALTHY")
        #expect(reasonsOf(report, "orders-api") == ["registry drift: lambda orders-api-prod not found in us-east-1"])
        #expect(statusOf(report, "orders-db") == "UNHEALTHY")
        #expect(statusOf(report, "web") == "DEGRADED")  // no metrics: the status already says what is wrong
        #expect(report["overall_health"] == "UNHEALTHY")
        #expect(report["exit_code"] == 2)
        #expect(report["resources"] == ["total": 3, "healthy": 0, "degraded": 1, "unhealthy": 2, "unknown": 0])
        let advice = report["recommendations"]?.array?.compactMap(\.string) ?? []
        #expect(advice.contains { $0.hasPrefix("orders-api: it is in the registry but not in AWS") })
    }

    @Test("what cannot be read is UNKNOWN with the reason, and the rest is still classified")
    func unknown() async throws {
        let unreadable = try await classify(
            [Self.lambda, Self.bucket],
            statuses: [Self.status("orders-api", "unknown", reason: "could not be read: access denied (lambda:GetFunction)"), Self.status("uploads")],
            metrics: ["uploads": [:]])
        #expect(statusOf(unreadable, "orders-api") == "UNKNOWN")
        #expect(reasonsOf(unreadable, "orders-api") == ["could not be read: access denied (lambda:GetFunction)"])
        #expect(statusOf(unreadable, "uploads") == "HEALTHY")  // S3 needs no metric data
        #expect(unreadable["overall_health"] == "UNKNOWN")
        #expect(unreadable["exit_code"] == 3)

        // A database always reports CPU: none at all means nothing is known. An idle function reports nothing.
        let noData = try await classify([Self.db], statuses: [Self.status("orders-db")], metrics: ["orders-db": [:]])
        #expect(statusOf(noData, "orders-db") == "UNKNOWN")
        #expect(reasonsOf(noData, "orders-db") == ["no CloudWatch data in the last 1h"])
        let idle = try await classify([Self.lambda], statuses: [Self.status("orders-api")], metrics: ["orders-api": [:]])
        #expect(statusOf(idle, "orders-api") == "HEALTHY")
        #expect(noData["recommendations"]?.array?.first?.string?.hasPrefix("orders-db: no CloudWatch data in the last 1h: check that it publishes") == true)

        let noMetrics = try await classify(
            [Self.db, Self.bucket], statuses: [Self.status("orders-db"), Self.status("uploads")], metrics: nil,
            metricsError: "AWS cloudwatch GetMetricData failed: throttled")
        #expect(reasonsOf(noMetrics, "orders-db") == ["metrics could not be read: AWS cloudwatch GetMetricData failed: throttled"])
        #expect(statusOf(noMetrics, "uploads") == "UNKNOWN")  // no threshold of any type can be judged

        // A status that cannot be read does not hide what the metrics say.
        let noStatus = try await classify(
            [Self.db], statuses: nil, metrics: ["orders-db": ["CPUUtilization": Self.metric(max: 99, unit: "Percent")]], statusError: "endpoint unreachable")
        #expect(reasonsOf(noStatus, "orders-db") == ["status could not be read: endpoint unreachable", "CPUUtilization (max) 99% above its threshold 90%"])
        #expect(statusOf(noStatus, "orders-db") == "UNHEALTHY")
    }

    @Test("the worst resource decides: UNHEALTHY over UNKNOWN over DEGRADED over HEALTHY")
    func worstWins() {
        #expect(HealthStatus.worst([.healthy, .degraded, .unknown]) == .unknown)
        #expect(HealthStatus.worst([.unknown, .unhealthy]) == .unhealthy)
        #expect(HealthStatus.worst([.healthy, .degraded]) == .degraded)
        #expect(HealthStatus.worst([]) == .healthy)
    }

    @Test("config.json overrides apply globally, per type and per resource; a number replaces the limit, an object is merged")
    func overrides() async throws {
        let metrics: Value = ["orders-api": ["error_rate": 4.5, "Invocations": Self.metric(sum: 100)]]
        let statuses = [Self.status("orders-api")]
        func status(_ overrides: Value) async throws -> String? {
            statusOf(try await classify([Self.lambda], statuses: statuses, metrics: metrics, overrides: overrides), "orders-api")
        }
        #expect(try await status([:]) == "UNHEALTHY")
        // A new limit keeps the rule's warning level (0.1 %) while that is still below it.
        #expect(try await status(["error_rate": 10]) == "DEGRADED")
        #expect(try await status(["lambda": ["error_rate": 10]]) == "DEGRADED")
        #expect(try await status(["resources": ["orders-api": ["error_rate": 10]]]) == "DEGRADED")
        #expect(try await status(["resources": ["orders-api": ["error_rate": ["above": 10, "degraded_above": 5]]]]) == "HEALTHY")
        #expect(try await status(["lambda": ["error_rate": ["above": 10, "degraded_above": 4]]]) == "DEGRADED")
        // A warning level at or past the new limit gives way to 80 % of it.
        #expect(try await status(["error_rate": 0.05]) == "UNHEALTHY")
        let stricter = try await classify(
            [Self.lambda], statuses: statuses, metrics: ["orders-api": ["error_rate": 0.3, "Invocations": Self.metric(sum: 1000)]],
            overrides: ["error_rate": 0.5])
        #expect(reasonsOf(stricter, "orders-api") == ["error_rate 0.3% above its warning level 0.1% (threshold 0.5%)"])
        #expect(try await status(["rds-instance": ["CPUUtilization": 10]]) == "UNHEALTHY")  // another type's override does not apply
        await #expect(throws: FaberError.self) {
            _ = try await classify([Self.lambda], statuses: statuses, metrics: metrics, overrides: ["lambda": ["error_rate": ["above": "high"]]])
        }
    }
}
