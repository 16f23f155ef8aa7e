import FaberCore
import FaberOpsModel
import Foundation

/// `audit.assess`: one audit report from what the aws.* handlers read: the cost breakdown, savings
/// opportunities (right-sizing from the period's measured utilisation, Graviton, S3
/// Intelligent-Tiering) priced from the plugin's price table, security findings, compliance
/// findings (required tags, registry drift) and a finding for every source that could not be
/// read; prioritised. `exit_code` 2 when a finding is critical, else 0. docs/audit.md.
struct AuditHandler: Handler {
    let id = "audit.assess"
    static let focuses = ["cost", "security", "compliance"]

    let signature = HandlerSignature(
        summary: "The audit report: cost breakdown, priced savings, security and compliance findings, prioritised",
        inputs: [
            .init("environment", required: true, .text, "the environment audited"),
            .init("focus", .textOrList, "cost, security and/or compliance (default all three)"),
            .init("region", .text, "the region, for the price table (default: the resources' ARNs, then the table's default)"),
            .init("resources", required: true, .listOrObject, "the registry entries"),
            .init("statuses", .list, "aws.get-resource-status outputs.resources"),
            .init("cost", .object, "aws.get-cost outputs"),
            .init("cost_error", .text, "the cost step's error"),
            .init("trend", .object, "aws.get-cost outputs over the last months, monthly (by_period)"),
            .init("metrics", .object, "aws.query-metrics outputs.metrics over the period"),
            .init("metrics_error", .text, "the metrics step's error"),
            .init("lambda_reports", .object, "aws.query-logs outputs of the functions' REPORT lines (events, groups_by_resource)"),
            .init("period", .text, "the utilisation period (default 14d), to scale what was read to a month"),
            .init("security", .object, "aws.describe-security outputs"),
            .init("security_error", .text, "the security step's error"),
            .init("tags", .object, "aws.get-tags outputs"),
            .init("tags_error", .text, "the tags step's error"),
            .init("prices_file", required: true, .text, "the price table (prices.json, in the skill's folder)"),
            .init("rules_file", required: true, .text, "the audit rules (rules.json, in the skill's folder)"),
            .init("overrides", .object, "config.json 'audit': required_tags, rightsizing, priority"),
        ],
        outputs: [
            "environment", "focus", "period", "monthly_cost", "currency", "cost_breakdown", "cost_trend", "opportunities", "total_potential_savings",
            "savings_share", "findings", "counts", "exit_code", "timestamp", "stamp",
        ],
        environmentInput: nil)

    /// `{months: [{start, end, total}], direction, change}` from the months Cost Explorer has
    /// (months without any cost left out); the change is the last month's against the first's.
    static func trend(_ value: Value?) -> Value {
        let months = (value?["by_period"]?.array ?? []).filter { ($0["total"]?.double ?? 0) != 0 }
        guard months.count >= 2, let first = months.first?["total"]?.double, let last = months.last?["total"]?.double, first > 0 else {
            return ["months": .array(months), "direction": .null, "change": .null]
        }
        let change = (last - first) / first
        let direction = abs(change) < 0.05 ? "flat" : change > 0 ? "rising" : "falling"
        return ["months": .array(months), "direction": .string(direction), "change": .double((change * 1000).rounded() / 1000)]
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let environment = try with.requiredString("environment", "the environment")
        let focus = try with.stringList("focus").map { $0.isEmpty || $0 == ["all"] ? Self.focuses : $0 } ?? Self.focuses
        for name in focus where !Self.focuses.contains(name) {
            throw FaberError.usage("unknown audit focus '\(name)'", hint: didYouMean(name, among: Self.focuses) ?? "focus: cost, security, compliance")
        }
        let refs = try with.requiredResources()
        let prices = try SkillDataFile.load(
            try with.requiredString("prices_file", "the price table"), what: "the price table", context: context, handler: id, code: "invalid-audit")
        var rules = try SkillDataFile.load(
            try with.requiredString("rules_file", "the audit rules"), what: "the audit rules", context: context, handler: id, code: "invalid-audit")
        if let overrides = input["overrides"]?.object {
            for (key, value) in overrides {
                guard rules[key] != nil, key != "description" else {
                    let keys = (rules.object ?? [:]).keys.filter { $0 != "description" }
                    throw FaberError(
                        .invalidSpec, "config.json audit: no setting '\(key)'", hint: didYouMean(key, among: Array(keys)), code: "invalid-audit")
                }
                if let object = value.object, var base = rules[key]?.object {
                    for (name, entry) in object { base[name] = entry }
                    rules[key] = .object(base)
                } else {
                    rules[key] = value
                }
            }
        }
        var statuses: [String: Value] = [:]
        for status in input["statuses"]?.array ?? [] { if let id = status["id"]?.string { statuses[id] = status } }
        let region = try with.string("region") ?? refs.map(\.region).first { !$0.isEmpty } ?? prices["default_region"]?.string ?? "us-east-1"
        let pricing = AuditPricing(prices: prices, region: region)

        var findings: [AuditFinding] = []
        var opportunities: [AuditOpportunity] = []
        let cost = input["cost"].flatMap { $0.isNull ? Value?.none : $0 }
        if focus.contains("cost") {
            if let error = try with.string("cost_error") {
                findings.append(.unreadable("cost", error, action: "ce:GetCostAndUsage"))
            }
            if let error = try with.string("metrics_error") {
                findings.append(.unreadable("utilisation metrics", error, action: "cloudwatch:GetMetricData"))
            }
            let sizing = AuditSizing(rules: rules["rightsizing"] ?? [:], pricing: pricing)
            let reports = input["lambda_reports"]
            let memory = LambdaMemoryUse.read(events: reports?["events"]?.array ?? [], groups: reports?["groups_by_resource"])
            let days = (try with.duration("period", default: "14d").seconds) / 86400
            opportunities += sizing.opportunities(
                refs: refs, statuses: statuses, metrics: input["metrics"] ?? [:], cost: cost, memory: memory, periodDays: days)
        }
        if focus.contains("security") {
            if let error = try with.string("security_error") {
                findings.append(.unreadable("security posture", error, action: nil))
            }
            findings += (input["security"]?["findings"]?.array ?? []).map(AuditFinding.init(security:))
        }
        if focus.contains("compliance") {
            if let error = try with.string("tags_error") {
                findings.append(.unreadable("tags", error, action: "tag:GetResources"))
            }
            let required = rules["required_tags"]?.array?.compactMap(\.string) ?? []
            let tags = input["tags"]?["tags"]
            for ref in refs {
                if statuses[ref.id]?["status"]?.string == "missing" {
                    findings.append(
                        AuditFinding(
                            severity: "high", category: "compliance", resource: ref.id, check: "registry-drift",
                            detail: statuses[ref.id]?["reason"]?.string ?? "in the registry, not in AWS",
                            remediation: "remove \(ref.id) from deployments/\(environment)/registry.json, or redeploy \(ref.label)"))
                    continue
                }
                guard let tags, let present = tags[ref.id]?.object else { continue }
                let missing = required.filter { present[$0] == nil }
                if !missing.isEmpty {
                    findings.append(
                        AuditFinding(
                            severity: "medium", category: "compliance", resource: ref.id, check: "required-tags",
                            detail: "missing tags: \(missing.joined(separator: ", "))",
                            remediation:
                                "aws resourcegroupstaggingapi tag-resources --resource-arn-list \(ref.arn) --tags \(missing.map { "\($0)=<value>" }.joined(separator: ","))"
                        ))
                }
            }
        }
        let order = rules["severity_order"]?.array?.compactMap(\.string) ?? ["critical", "high", "medium", "low"]
        findings = findings.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.severity) ?? order.count, order.firstIndex(of: b.element.severity) ?? order.count)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        let priority = rules["priority"] ?? [:]
        opportunities = opportunities.map { $0.prioritised(high: priority["high_above"]?.double ?? 25, medium: priority["medium_above"]?.double ?? 5) }
            .sorted { ($0.monthlySavings ?? -1) > ($1.monthlySavings ?? -1) }
        let monthly = cost?["total"]?.double
        let savings = AuditOpportunity.total(opportunities)
        var counts = OrderedDictionary<String, Value>()
        for severity in order { counts[severity] = .int(findings.filter { $0.severity == severity }.count) }
        let now = Date()
        return [
            "environment": .string(environment),
            "focus": .array(focus.map { .string($0) }),
            "period": cost?["period"] ?? .null,
            "monthly_cost": monthly.map { .double($0) } ?? .null,
            "currency": cost?["currency"] ?? .string(prices["currency"]?.string ?? "USD"),
            "cost_breakdown": focus.contains("cost") ? (cost?["by_service"] ?? []) : [],
            "cost_trend": focus.contains("cost") ? Self.trend(input["trend"]) : .null,
            "opportunities": .array(opportunities.map(\.value)),
            "total_potential_savings": .double((savings * 100).rounded() / 100),
            "savings_share": monthly.flatMap { $0 > 0 ? .double((savings / $0 * 1000).rounded() / 10) : nil } ?? .null,
            "findings": .array(findings.map(\.value)),
            "counts": .object(counts),
            "prices": ["source": prices["source"] ?? .null, "date": prices["date"] ?? .null, "region": .string(pricing.region)],
            "exit_code": .int(findings.contains { $0.severity == "critical" } ? 2 : 0),
            "timestamp": .string(ISOTime.string(now)),
            "stamp": .string(ReportStamp.string(now)),
        ]
    }
}
