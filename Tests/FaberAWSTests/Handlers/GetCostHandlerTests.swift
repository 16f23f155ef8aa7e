import FaberCore
import FaberOpsModel
import Testing

@testable import FaberAWSHandlers

@Suite("aws.get-cost against moto")
struct GetCostHandlerTests {
    /// moto answers GetCostAndUsage from a queue of results (`/moto-api/static/ce/cost-and-usage-results`):
    /// the first request takes the first result, the next page's request the second.
    @Test("sums UnblendedCost by service over every page, sorted by cost, with percents")
    func costByService() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        func group(_ service: String, _ amount: String) -> Value {
            ["Keys": [.string(service)], "Metrics": ["UnblendedCost": ["Amount": .string(amount), "Unit": "USD"]]]
        }
        _ = try await h.seed([
            "ce_results": [
                [
                    "ResultsByTime": [
                        [
                            "TimePeriod": ["Start": "2025-09-01", "End": "2025-10-01"], "Total": [:], "Estimated": false,
                            "Groups": [group("Amazon Relational Database Service", "85.00"), group("AWS Lambda", "22.00")],
                        ]
                    ],
                    "NextPageToken": .string("\(h.prefix)-page-2"),
                ],
                [
                    "ResultsByTime": [
                        [
                            "TimePeriod": ["Start": "2025-10-01", "End": "2025-11-01"], "Total": [:], "Estimated": true,
                            "Groups": [
                                group("Amazon Relational Database Service", "40.00"), group("Amazon Simple Storage Service", "10.50"), group("Tax", "0.001"),
                            ],
                        ]
                    ]
                ],
            ]
        ])
        let run = try await h.run("aws.get-cost", ["period": ["start": "2025-09-01", "end": "2025-11-01"]])
        let out = run.output
        #expect(run.calls("GetCostAndUsage") == 2)
        #expect(out["period"] == ["start": "2025-09-01", "end": "2025-11-01"])
        #expect(out["currency"] == "USD")
        #expect(out["total"]?.double == 157.5)
        #expect(out["estimated"] == true)
        let rows = out["by_service"]?.array ?? []
        #expect(rows.map { $0["service"]?.string ?? "" } == ["Amazon Relational Database Service", "AWS Lambda", "Amazon Simple Storage Service"])
        #expect(rows.map { $0["cost"]?.double ?? 0 } == [125, 22, 10.5])
        #expect(rows.map { $0["percent"]?.double ?? 0 } == [79.4, 14.0, 6.7])
    }

    @Test("period: days back from today, or {start, end}; bad ones are usage errors")
    func periods() throws {
        let today = try #require(ISOTime.parse("2025-10-28T15:30:00Z"))
        #expect(try CostPeriod.parse(nil, handler: "aws.get-cost", today: today) == CostPeriod(start: "2025-09-28", end: "2025-10-28"))
        #expect(try CostPeriod.parse("7d", handler: "aws.get-cost", today: today) == CostPeriod(start: "2025-10-21", end: "2025-10-28"))
        #expect(
            try CostPeriod.parse(["start": "2025-01-01", "end": "2025-02-01"], handler: "aws.get-cost", today: today)
                == CostPeriod(start: "2025-01-01", end: "2025-02-01"))
        for bad: Value in ["3h", "soon", ["start": "2025-02-01", "end": "2025-01-01"], ["start": "2025-01-01"], 30] {
            #expect(throws: FaberError.self) { try CostPeriod.parse(bad, handler: "aws.get-cost", today: today) }
        }
    }
}
