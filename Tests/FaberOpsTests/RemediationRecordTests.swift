import FaberCore
import FaberTestSupport
import Testing

@testable import FaberOps

/// `remediation.record` with values: a verification is the status and the metrics since the action.
@Suite("Remediation record")
struct RemediationRecordTests {
    static let monitor = TestWorkspace.repository + "/plugins/fractary-faber-cloud/skills/ops-monitor"

    func record(errors: [Double]) async throws -> Value {
        let ws = try TestWorkspace()
        let points: [Value] = errors.enumerated().map { ["t": .string("2026-12-01T10:0\($0.offset):00Z"), "v": .double($0.element)] }
        let calls: [Value] = errors.indices.map { ["t": .string("2026-12-01T10:0\($0):00Z"), "v": 100] }
        let input: Value = [
            "environment": "prod",
            "impact": [
                "resource": "orders-api", "type": "lambda", "action": "restart",
                "arn": "arn:aws:lambda:us-east-1:123456789012:function:orders-api-prod",
            ],
            "applied": [["detail": "restarted", "dry_run": false], [:]],
            "verification": [
                "status": "passed", "started_at": "2026-12-01T10:02:00Z",
                "checks": [["check": "status", "passed": true, "detail": "available"]],
            ],
            "metrics": [
                "orders-api": [
                    "Errors": ["unit": "Count", "stat": "Sum", "points": .array(points)],
                    "Invocations": ["unit": "Count", "stat": "Sum", "points": .array(calls)],
                ]
            ],
            "thresholds_file": "thresholds.json", "settings_file": "analysis.json",
        ]
        return try await RecordRemediationHandler().run(input, context: .testing(workspace: ws.root, skillDirectory: Self.monitor))
    }

    @Test("errors still past their limit after the action fail the verification: applied but unverified, exit 1")
    func metricsStillBad() async throws {
        let result = try await record(errors: [9, 9, 8, 7, 9])
        #expect(result["outcome"] == "unverified")
        #expect(result["exit_code"] == 1)
        let check = try #require(result["verification"]?["checks"]?.array?.first { $0["check"] == "error_rate" })
        #expect(check["passed"] == false)
        #expect(check["detail"]?.string?.hasPrefix("3 points since the action") == true)
    }

    @Test("errors back within their limit after the action: verified, exit 0")
    func metricsRecovered() async throws {
        let result = try await record(errors: [9, 9, 0, 0, 0])
        #expect(result["outcome"] == "verified")
        #expect(result["exit_code"] == 0)
        #expect(result["entry"]?["verification"]?["checks"]?.array?.contains { $0["check"] == "error_rate" && $0["passed"] == true } == true)
    }
}
