import FaberAWS
import FaberCore
import FaberOpsModel

/// `aws.get-cost`: Cost Explorer GetCostAndUsage, UnblendedCost grouped by SERVICE (paginated by
/// NextPageToken), summed over the period.
struct GetCostHandler: Handler {
    let id = "aws.get-cost"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Cost by AWS service over a period (Cost Explorer GetCostAndUsage, UnblendedCost)",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("period", .any, "a number of days back from today (default 30d) or {start, end} dates, end exclusive"),
                .init("granularity", .oneOf(["MONTHLY", "DAILY"]), "MONTHLY (default) or DAILY: how Cost Explorer buckets the period"),
            ],
            outputs: ["period", "total", "currency", "by_service", "by_period", "estimated"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let period = try CostPeriod.parse(input.value["period"], handler: id)
        let granularity = (try input.string("granularity") ?? "MONTHLY").uppercased()
        guard ["MONTHLY", "DAILY"].contains(granularity) else {
            throw FaberError.usage("\(id): 'granularity' must be MONTHLY or DAILY, got '\(granularity)'")
        }
        let client = try AWSClients.client(for: env, context: context)
        let request: Value = [
            "TimePeriod": ["Start": .string(period.start), "End": .string(period.end)],
            "Granularity": .string(granularity),
            "Metrics": ["UnblendedCost"],
            "GroupBy": [["Type": "DIMENSION", "Key": "SERVICE"]],
        ]
        let buckets = try await client.paginateJSON(
            .costExplorer, "GetCostAndUsage", request, itemsKey: "ResultsByTime",
            tokenKey: "NextPageToken")
        var costs = OrderedDictionary<String, Double>()
        var currency: String?
        var estimated = false
        var periods: [(start: String, end: String, total: Double)] = []
        for bucket in buckets {
            if bucket["Estimated"]?.bool == true { estimated = true }
            let before = costs.values.reduce(0, +)
            for group in bucket["Groups"]?.array ?? [] {
                let service = group["Keys"]?[0]?.string ?? "(unknown)"
                guard let metric = group["Metrics"]?["UnblendedCost"], let amount = metric["Amount"]?.double else { continue }
                costs[service, default: 0] += amount
                currency = currency ?? metric["Unit"]?.string
            }
            if bucket["Groups"]?.array?.isEmpty ?? true, let metric = bucket["Total"]?["UnblendedCost"], let amount = metric["Amount"]?.double, amount != 0 {
                costs["(ungrouped)", default: 0] += amount
                currency = currency ?? metric["Unit"]?.string
            }
            let span = bucket["TimePeriod"]
            periods.append((span?["Start"]?.string ?? "", span?["End"]?.string ?? "", costs.values.reduce(0, +) - before))
        }
        let total = costs.values.reduce(0, +)
        let rows = costs.filter { abs($0.value) >= 0.005 }.sorted { $0.value > $1.value }
        return [
            "period": ["start": .string(period.start), "end": .string(period.end)],
            "total": .double(Self.cents(total)),
            "currency": .string(currency ?? "USD"),
            "by_service": .array(
                rows.map { row in
                    [
                        "service": .string(row.key),
                        "cost": .double(Self.cents(row.value)),
                        "percent": .double(total > 0 ? (row.value / total * 1000).rounded() / 10 : 0),
                    ]
                }),
            "by_period": .array(
                periods.map { ["start": .string($0.start), "end": .string($0.end), "total": .double(Self.cents($0.total))] }),
            "estimated": .bool(estimated),
        ]
    }

    static func cents(_ amount: Double) -> Double { (amount * 100).rounded() / 100 }
}
