import FaberCore
import FaberOpsModel

/// Classifies resources from their status and metrics (docs/health-classification.md):
///
/// 1. The status first: gone from AWS (registry drift), stopped -> UNHEALTHY; degraded (fewer
///    tasks running than desired, a failed update, ...) -> DEGRADED; not readable -> UNKNOWN.
/// 2. Then every threshold rule of the resource's type whose value is known: past its limit ->
///    UNHEALTHY (or the rule's `exceeded`), past its degraded level -> DEGRADED.
/// 3. An available resource with no metric data at all is UNKNOWN when its type requires data.
///
/// The resource's status is the worst it earned; each step that earned something adds a reason.
struct HealthClassifier: Sendable {
    var thresholds: HealthThresholds
    var timeframe: String

    struct Finding: Sendable {
        var status: HealthStatus
        var rule: String?
        var metric: String?
        var value: Double?
        var limit: Double?
        var unit: String?
        var reason: String
        var advice: String?
    }

    struct Result: Sendable {
        var ref: ResourceRef
        var status: HealthStatus
        var findings: [Finding]
        var metrics: OrderedDictionary<String, Value>
    }

    /// `status`: the resource's entry of aws.get-resource-status (nil when statuses could not be
    /// read, with `statusError`); `metrics`: its entry of aws.query-metrics (nil with `metricsError`
    /// when metrics could not be read at all).
    func classify(_ ref: ResourceRef, status: Value?, statusError: String?, metrics: Value?, metricsError: String?) throws -> Result {
        var findings: [Finding] = []
        var awsStatus = status?["status"]?.string
        let statusReason = status?["reason"]?.string
        let state = status?["state"]?.string
        // The thresholds file may say what a raw AWS state means (an idle Lambda function is Inactive,
        // a failed RDS instance is more than degraded).
        if let (meant, stateAdvice) = thresholds.health(ofState: state, type: ref.type), awsStatus != "missing" {
            switch meant {
            case .healthy: awsStatus = "available"
            case .unhealthy:
                awsStatus = "failed"
                findings.append(
                    Finding(
                        status: .unhealthy, reason: statusReason ?? "state \(state ?? "")", advice: stateAdvice))
            case .degraded: awsStatus = "degraded"
            case .unknown: awsStatus = "unknown"
            }
        }
        switch awsStatus {
        case "missing"?:
            findings.append(
                Finding(
                    status: .unhealthy, reason: statusReason ?? "registry drift: not found in AWS",
                    advice: "{resource}: it is in the registry but not in AWS: redeploy it, or remove it from the registry if it was retired"))
        case "stopped"?:
            findings.append(
                Finding(
                    status: .unhealthy, reason: statusReason ?? "stopped (\(state ?? "no state"))",
                    advice: "{resource}: it is stopped: start it again, or find out who stopped it and why"))
        case "degraded"?:
            findings.append(
                Finding(
                    status: .degraded, reason: statusReason ?? "degraded (\(state ?? "no state"))",
                    advice: "{resource}: \(statusReason ?? "it is degraded"): look at its recent events and deployments"))
        case "unknown"?:
            findings.append(Finding(status: .unknown, reason: statusReason ?? "its state could not be read", advice: thresholds.unknownAdvice))
        case "available"?, "failed"?:
            break
        default:
            findings.append(
                Finding(status: .unknown, reason: "status could not be read: \(statusError ?? "no status returned")", advice: thresholds.unknownAdvice))
        }
        // Metrics say something whenever the resource exists and runs, even when its state could
        // not be read: a saturated database is unhealthy whatever its status call answered.
        var shown = OrderedDictionary<String, Value>()
        let requiresData = thresholds.requiresData[ref.type.rawValue] ?? true
        if awsStatus != "missing" && awsStatus != "stopped" {
            if let metrics {
                let (ruleFindings, values, hasData) = try judgeMetrics(ref, details: status?["details"] ?? [:], metrics: metrics)
                findings += ruleFindings
                shown = values
                // No data at all says nothing is known, unless the status already said what is wrong.
                if !hasData, awsStatus == "available", requiresData {
                    findings.append(Finding(status: .unknown, reason: "no CloudWatch data in the last \(timeframe)", advice: thresholds.noDataAdvice))
                }
            } else {  // no threshold can be judged, whatever the type
                findings.append(
                    Finding(status: .unknown, reason: "metrics could not be read: \(metricsError ?? "no metrics returned")", advice: thresholds.unknownAdvice))
            }
        }
        return Result(ref: ref, status: HealthStatus.worst(findings.map(\.status)), findings: findings, metrics: shown)
    }

    private func judgeMetrics(_ ref: ResourceRef, details: Value, metrics: Value) throws -> (
        [Finding], OrderedDictionary<String, Value>, Bool
    ) {
        let capacities = thresholds.capacities(details: details)
        var findings: [Finding] = []
        var shown = OrderedDictionary<String, Value>()
        let hasData = (metrics.object ?? [:]).values.contains { ($0["count"]?.int ?? 0) > 0 }
        for rule in try thresholds.rules(for: ref.id, type: ref.type) {
            let entry = metrics[rule.metric]
            let value: Double?
            let unit: String?
            if let stat = rule.stat {
                value = entry?[stat]?.double
                unit = rule.unit ?? entry?["unit"]?.string
            } else {
                value = entry?.double
                unit = rule.unit
            }
            guard let value else { continue }
            shown[rule.name] = .double(value)
            guard let limit = rule.limit(capacities: capacities) else { continue }
            guard let status = rule.judge(value, limit: limit) else { continue }
            let what = rule.stat.map { "\(rule.metric) (\($0))" } ?? rule.metric
            let side = rule.direction == .above ? "above" : "below"
            let capacityText =
                rule.capacity.map { name in
                    let label = Self.capacityLabels[name] ?? name
                    return "\(Self.format(rule.fraction * 100, unit: "Percent")) of \(label) \(Self.format(capacities[name] ?? 0, unit: unit))"
                } ?? ""
            let pastLimit = rule.direction == .above ? value > limit : value < limit
            let threshold = Self.format(limit, unit: unit)
            let reason =
                pastLimit
                ? "\(what) \(Self.format(value, unit: unit)) \(side) its threshold \(threshold)" + (capacityText.isEmpty ? "" : " (\(capacityText))")
                : "\(what) \(Self.format(value, unit: unit)) \(side) its warning level \(Self.format(rule.warningLevel(limit: limit), unit: unit))"
                    + " (threshold \(threshold)\(capacityText.isEmpty ? "" : ", " + capacityText))"
            findings.append(
                Finding(
                    status: status, rule: rule.name, metric: rule.metric, value: value, limit: limit, unit: unit, reason: reason,
                    advice: rule.advice))
        }
        return (findings, shown, hasData)
    }

    /// How the capacities limits can be fractions of read in a reason.
    static let capacityLabels = ["timeout_ms": "its timeout", "max_connections": "its instance class's max connections"]

    /// A number for people: 2 decimals at most; bytes in MiB/GiB; percent with `%`; ms/s suffixes.
    static func format(_ value: Double, unit: String?) -> String {
        func plain(_ v: Double) -> String {
            let rounded = (v * 100).rounded() / 100
            return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
        }
        switch unit {
        case "Percent"?, "%"?: return plain(value) + "%"
        case "Bytes"?:
            if abs(value) >= Double(1 << 30) { return plain(value / Double(1 << 30)) + " GiB" }
            return plain(value / Double(1 << 20)) + " MiB"
        case "Milliseconds"?: return plain(value) + " ms"
        case "Seconds"?: return plain(value) + " s"
        default: return plain(value)
        }
    }
}
