import FaberCore
import FaberTestSupport
import Testing

@testable import FaberOps

/// The audit's judgement with values: what a function's REPORT lines say, the cost trend, and
/// savings that exclude each other counted once.
@Suite("Audit")
struct AuditTests {
    @Test("REPORT lines give a function's memory, the most it used and its billed GB-seconds")
    func lambdaReports() throws {
        let events: [Value] = [
            [
                "log_group": "/aws/lambda/orders",
                "message": "REPORT RequestId: a1 Duration: 98.1 ms Billed Duration: 99 ms Memory Size: 1024 MB Max Memory Used: 80 MB",
            ],
            [
                "log_group": "/aws/lambda/orders",
                "message": "REPORT RequestId: a2 Duration: 1.2 ms Billed Duration: 2 ms Memory Size: 1024 MB Max Memory Used: 131 MB\n",
            ],
            ["log_group": "/aws/lambda/orders", "message": "START RequestId: a3 Version: $LATEST"],
            ["log_group": "/aws/lambda/other", "message": "REPORT RequestId: b1 Billed Duration: 5 ms Memory Size: 128 MB Max Memory Used: 40 MB"],
        ]
        let uses = LambdaMemoryUse.read(events: events, groups: ["orders": ["/aws/lambda/orders"]])
        let orders = try #require(uses["orders"])
        #expect(uses.count == 1)
        #expect(orders.memoryMB == 1024 && orders.maxUsedMB == 131 && orders.invocations == 2)
        #expect(abs(orders.billedGBSeconds - 0.101) < 1e-9)
        #expect(orders.recommendedMB == 256)  // 1.5 x 131 = 196.5, up to 64 MB steps
        #expect(LambdaMemoryUse(memoryMB: 512, maxUsedMB: 20, invocations: 1, billedGBSeconds: 0).recommendedMB == 128)
    }

    @Test("the cost trend: the last month against the first of those Cost Explorer has")
    func costTrend() {
        let months: Value = [
            "by_period": [["start": "2026-09-01", "total": 100], ["start": "2026-10-01", "total": 0], ["start": "2026-11-01", "total": 120]]
        ]
        let trend = AuditHandler.trend(months)
        #expect(trend["direction"] == "rising" && trend["change"] == 0.2)
        #expect(trend["months"]?.array?.count == 2)
        #expect(AuditHandler.trend(["by_period": [["total": 50]]])["direction"] == .null)
        #expect(AuditHandler.trend(["by_period": [["total": 100], ["total": 103]]])["direction"] == "flat")
    }

    @Test("savings of one resource that exclude each other count once, the larger")
    func exclusiveSavings() {
        func saving(_ amount: Double?, group: String) -> AuditOpportunity {
            AuditOpportunity(title: "t", resource: "r", current: "c", recommended: "r", monthlySavings: amount, reason: "", group: group)
        }
        #expect(AuditOpportunity.total([saving(26, group: "db"), saving(5, group: "db"), saving(4.4, group: "lambda"), saving(nil, group: "web")]) == 30.4)
        #expect(saving(26, group: "db").prioritised(high: 25, medium: 5).priority == "high")
        #expect(saving(5, group: "db").prioritised(high: 25, medium: 5).priority == "low")
    }
}
