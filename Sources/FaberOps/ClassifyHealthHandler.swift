import FaberCore
import FaberOpsModel
import Foundation

/// `health.classify`: every registry resource HEALTHY / DEGRADED / UNHEALTHY / UNKNOWN from its
/// status (aws.get-resource-status) and metrics (aws.query-metrics) against the thresholds, with
/// the overall status, the issues and concrete recommendations: check-health's report.
struct ClassifyHealthHandler: Handler {
    let id = "health.classify"

    let signature = HandlerSignature(
        summary: "Classify each resource's health from its status and metrics against thresholds (overall = the worst)",
        inputs: [
            .init("environment", required: true, .text, "the environment checked"),
            .init("resources", required: true, .listOrObject, "the registry entries checked {id, type, arn}"),
            .init("statuses", .list, "aws.get-resource-status outputs.resources (null when that step failed)"),
            .init("status_error", .text, "the status step's error, when it failed"),
            .init("metrics", .object, "aws.query-metrics outputs.metrics (null when that step failed)"),
            .init("metrics_error", .text, "the metrics step's error, when it failed"),
            .init("thresholds_file", required: true, .text, "the default thresholds, a JSON file in the skill's folder"),
            .init("overrides", .object, "overrides of the thresholds (config.json 'thresholds'): global, per type, per resource id"),
            .init("timeframe", .text, "the metrics' timeframe, for messages (default 1h)"),
        ],
        outputs: [
            "overall_health", "environment", "timestamp", "stamp", "resources", "resource_status", "issues", "metrics_summary",
            "recommendations", "exit_code",
        ],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let environment = try with.requiredString("environment", "the environment checked")
        let refs = try with.requiredResources()
        let thresholds = try HealthThresholds.load(
            file: try with.requiredString("thresholds_file", "the default thresholds file"), overrides: input["overrides"], context: context,
            handler: id)
        let classifier = HealthClassifier(thresholds: thresholds, timeframe: try with.string("timeframe") ?? "1h")
        var statusByID: [String: Value] = [:]
        for status in input["statuses"]?.array ?? [] {
            if let id = status["id"]?.string { statusByID[id] = status }
        }
        let metrics = input["metrics"].flatMap { $0.isNull ? Value?.none : $0 }
        let statusError = try with.string("status_error")
        let metricsError = try with.string("metrics_error")
        let results = try refs.map { ref in
            try classifier.classify(
                ref, status: statusByID[ref.id], statusError: statusError,
                metrics: metrics.map { $0[ref.id] ?? [:] }, metricsError: metricsError)
        }
        let overall = HealthStatus.worst(results.map(\.status))
        let now = Date()
        return [
            "overall_health": .string(overall.rawValue),
            "environment": .string(environment),
            "timestamp": .string(ISOTime.string(now)),
            "stamp": .string(ReportStamp.string(now)),
            "resources": .object(counts(results)),
            "resource_status": .array(results.map(resourceValue)),
            "issues": .array(results.flatMap(issues)),
            "metrics_summary": metricsSummary(results),
            "recommendations": .array(recommendations(results).map { .string($0) }),
            "exit_code": .int(overall.exitCode),
        ]
    }

    private func counts(_ results: [HealthClassifier.Result]) -> OrderedDictionary<String, Value> {
        var counts: OrderedDictionary<String, Value> = ["total": .int(results.count)]
        for status in HealthStatus.allCases {
            counts[status.rawValue.lowercased()] = .int(results.filter { $0.status == status }.count)
        }
        return counts
    }

    private func resourceValue(_ result: HealthClassifier.Result) -> Value {
        [
            "id": .string(result.ref.id),
            "type": .string(result.ref.type.rawValue),
            "name": .string(result.ref.name),
            "status": .string(result.status.rawValue),
            "metrics": .object(result.metrics),
            "reasons": .array(result.findings.map { .string($0.reason) }),
        ]
    }

    private func issues(_ result: HealthClassifier.Result) -> [Value] {
        result.findings.map { finding in
            let severity: String =
                switch finding.status {
                case .unhealthy: "critical"
                case .degraded: "warning"
                case .unknown, .healthy: "unknown"  // a rule never earns HEALTHY: 'exceeded' is UNHEALTHY or DEGRADED
                }
            return [
                "severity": .string(severity),
                "resource": .string(result.ref.id),
                "issue": .string(finding.reason),
                "metric": finding.metric.map { .string($0) } ?? .null,
                "current_value": finding.value.map { .double($0) } ?? .null,
                "threshold": finding.limit.map { .double($0) } ?? .null,
            ]
        }
    }

    /// One concrete recommendation per finding that has advice, about its resource, worst first.
    private func recommendations(_ results: [HealthClassifier.Result]) -> [String] {
        var seen = Set<String>()
        let all = results.flatMap { result in result.findings.map { (result, $0) } }
        // Worst first; in the order found within a status (a stable sort).
        let ordered = all.indices.sorted { a, b in
            let (x, y) = (all[a].1.status.rank, all[b].1.status.rank)
            return x != y ? x > y : a < b
        }.map { all[$0] }
        return ordered.compactMap { result, finding in
            guard let advice = finding.advice else { return nil }
            let text = Self.fill(advice, result: result, finding: finding)
            return seen.insert(text).inserted ? text : nil
        }
    }

    static func fill(_ advice: String, result: HealthClassifier.Result, finding: HealthClassifier.Finding) -> String {
        let values: [String: String] = [
            "resource": result.ref.id,
            "name": result.ref.name,
            "type": result.ref.type.rawValue,
            "label": result.ref.label,
            "metric": finding.metric ?? "",
            "value": finding.value.map { HealthClassifier.format($0, unit: finding.unit) } ?? "",
            "limit": finding.limit.map { HealthClassifier.format($0, unit: finding.unit) } ?? "",
            "reason": finding.reason,
        ]
        return AdviceText.fill(advice, values)
    }

    private func metricsSummary(_ results: [HealthClassifier.Result]) -> Value {
        var summary = OrderedDictionary<String, Value>()
        let rates = results.compactMap { $0.metrics["error_rate"]?.double }
        summary["resources_with_metrics"] = .int(results.filter { !$0.metrics.isEmpty }.count)
        summary["max_error_rate"] = rates.max().map { .double($0) } ?? .null
        var byType = OrderedDictionary<String, Value>()
        for type in ResourceType.allCases {
            let count = results.filter { $0.ref.type == type }.count
            if count > 0 { byType[type.rawValue] = .int(count) }
        }
        summary["by_type"] = .object(byType)
        return .object(summary)
    }
}
