import FaberCore
import FaberOpsModel
import Foundation

/// `remediation.record`: the outcome of a remediation and its entry of the remediation log: the
/// action, resource, parameters, before and after, who ran it (the AWS caller identity and the
/// local user), when, the outcome, the verification and, when investigate reported an incident,
/// the time to resolution. Refused and failed actions are recorded too. `exit_code`: 0 applied
/// and verified (or a dry run), 1 applied but not verified, else the refusal's or the failure's.
struct RecordRemediationHandler: Handler {
    let id = "remediation.record"

    let signature = HandlerSignature(
        summary: "The outcome of a remediation and its remediation-log entry (who, what, before and after, verification)",
        inputs: [
            .init("environment", required: true, .text, "the environment"),
            .init("impact", required: true, .object, "remediation.assess outputs.impact"),
            .init("parameters", .object, "the action's parameters (count)"),
            .init("confirmation", .object, "core.confirm's outputs, when the step ran"),
            .init("confirmation_error", .text, "the confirmation step's error (refused, no terminal)"),
            .init("applied", .listOrObject, "the restart or scale step's outputs (or both, one of them empty)"),
            .init("apply_error", .text, "the restart or scale step's error"),
            .init("apply_exit_code", .wholeNumber(min: 0), "the restart or scale step's exit status"),
            .init("verification", .object, "aws.wait-until-stable's outputs"),
            .init("metrics", .object, "aws.query-metrics outputs.metrics of the resource, read after the verification"),
            .init("thresholds_file", .text, "the health thresholds its metrics are judged by after the action (thresholds.json)"),
            .init("threshold_overrides", .object, "config.json 'thresholds'"),
            .init("settings_file", .text, "the analysis settings, for the derived series such as error_rate (analysis.json)"),
            .init("identity", .object, "aws.get-caller-identity's outputs"),
            .init("incident", .object, "investigate's last report of the environment (remediation.assess outputs.incident)"),
            .init("dry_run", .flag, "whether the run is a dry run"),
        ],
        outputs: ["outcome", "exit_code", "failure", "hint", "entry", "verification", "dry_run", "time_to_resolution_s", "timestamp"],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let environment = try with.requiredString("environment", "the environment")
        let impact = input["impact"] ?? [:]
        // The outputs of the step that ran: a skipped step's are empty.
        let applied = (input["applied"]?.array ?? [input["applied"] ?? .null]).first { !($0.object?.isEmpty ?? true) }
        // A step that did not run or failed has empty outputs: as good as none.
        func given(_ key: String) -> Value? { input[key].flatMap { ($0.object?.isEmpty ?? true) ? Value?.none : $0 } }
        var verification = given("verification")
        if let checked = verification, checked["status"] == "passed" {
            verification = try metricChecks(checked, input: input, with: with, context: context)
        }
        let dryRun = input["dry_run"]?.bool ?? context.options.dryRun
        let now = Date()
        var outcome: String
        var exitCode: Int
        var failure: Value = .null
        if try with.string("confirmation_error") != nil {
            outcome = "refused"
            exitCode = Int(ExitStatus.refused.rawValue)
            failure = .string(
                input["confirmation"]?["how"]?.string == "terminal"
                    ? "not confirmed: nothing was changed" : "not confirmed (no terminal to ask, and no --yes): nothing was changed")
        } else if let error = try with.string("apply_error") {
            outcome = "failed"
            exitCode = try with.int("apply_exit_code") ?? Int(ExitStatus.internalError.rawValue)
            failure = .string(error)
        } else if dryRun || applied?["dry_run"]?.bool == true {
            outcome = "dry-run"
            exitCode = 0
        } else if verification?["status"]?.string == "passed" {
            outcome = "verified"
            exitCode = 0
        } else {
            outcome = "unverified"
            exitCode = 1
        }
        var resolution: Value = .null
        // From the onset of the incident investigate last reported, when it found one.
        if outcome == "verified", input["incident"]?["incident"]?.bool == true, let onset = input["incident"]?["root_cause"]?["onset"]?.string,
            let start = ISOTime.parse(onset)
        {
            resolution = .int(Int(now.timeIntervalSince(start).rounded()))
        }
        let identity = given("identity") ?? .null
        let how = given("confirmation")?["how"]?.string ?? (outcome == "refused" ? "no" : "not required")
        let entry: Value = [
            "timestamp": .string(ISOTime.string(now)),
            "environment": .string(environment),
            "resource": impact["resource"] ?? .null,
            "type": impact["type"] ?? .null,
            "action": impact["action"] ?? .null,
            "parameters": impact["action"] == "scale" ? (input["parameters"] ?? [:]) : [:],
            "before": applied?["previous"] ?? impact["from"] ?? .null,
            "after": after(outcome: outcome, impact: impact, applied: applied, verification: verification),
            "outcome": .string(outcome),
            "failure": failure,
            "confirmed": .string(how),
            "applied_detail": applied?["detail"] ?? .null,
            "verification": verification ?? .null,
            "time_to_resolution_s": resolution,
            "aws_identity": identity.isNull ? .null : ["account": identity["account"] ?? .null, "arn": identity["arn"] ?? .null],
            "local_user": .string(identity["local_user"]?.string ?? NSUserName()),
            "incident": input["incident"]?["report_path"] ?? .null,
        ]
        return [
            "outcome": .string(outcome), "exit_code": .int(exitCode), "failure": failure,
            "hint": outcome == "refused" ? "answer on a terminal, or add --yes to confirm in advance; --dry-run shows the plan" : .null, "entry": entry,
            "verification": Self.marked(verification ?? ["status": .string(outcome == "dry-run" ? "skipped" : "not run"), "checks": []]),
            "dry_run": .bool(outcome == "dry-run"),
            "time_to_resolution_s": resolution, "timestamp": .string(ISOTime.string(now)),
        ]
    }

    /// The verification with one check per threshold of the resource's type over the points read
    /// since the verification started (the metrics that were bad must be within their limits now);
    /// a metric without such points yet is not judged (CloudWatch publishes a minute or more late).
    /// A failed metric check fails the verification.
    private func metricChecks(_ verification: Value, input: Value, with: HandlerInput, context: HandlerContext) throws -> Value {
        guard let file = try with.string("thresholds_file"), let metrics = input["metrics"]?.object,
            let entry = input["impact"], let id = entry["resource"]?.string, let typeName = entry["type"]?.string,
            let type = ResourceType(rawValue: typeName), let since = verification["started_at"]?.string.flatMap(ISOTime.parse)
        else { return verification }
        let thresholds = try HealthThresholds.load(file: file, overrides: input["threshold_overrides"], context: context, handler: self.id)
        let capacities = thresholds.capacities(details: verification["resource_status"]?["details"] ?? [:])
        guard let arn = entry["arn"]?.string, let ref = try? ResourceRef(id: id, type: type, arn: arn) else { return verification }
        let settings =
            try with.string("settings_file") != nil
            ? AnalysisSettings.load(with, context: context, handler: self.id) : AnalysisSettings(defaults: [:], overrides: nil)
        let series = ResourceSeries(ref: ref, metrics: metrics[id] ?? [:], settings: settings)
        var checks = verification["checks"]?.array ?? []
        var failed = false
        for rule in try thresholds.rules(for: id, type: type) {
            guard let limit = rule.limit(capacities: capacities), let metric = series.series.first(where: { $0.name == rule.metric }) else { continue }
            let after = metric.points.filter { $0.time >= since.timeIntervalSince1970 }
            guard !after.isEmpty else {
                checks.append(["check": .string(rule.metric), "passed": .null, "detail": "no data since the action yet: not judged"])
                continue
            }
            let worst = after.compactMap { rule.judge($0.value, limit: limit) }.max { $0.rank < $1.rank }
            let unit = rule.unit ?? metric.unit
            let highest = after.map { $0.value }.max()
            let shown = highest.map { HealthClassifier.format($0, unit: unit) } ?? "?"
            failed = failed || worst == rule.exceeded
            checks.append([
                "check": .string(rule.metric), "passed": .bool(worst != rule.exceeded),
                "detail": .string("\(after.count) points since the action, at most \(shown) (limit \(HealthClassifier.format(limit, unit: unit)))"),
            ])
        }
        var result = verification
        result["checks"] = .array(checks)
        if failed { result["status"] = "failed" }
        return result
    }

    /// The verification with a `mark` on each check for the text report: ✓ passed, ✗ failed, - not judged.
    static func marked(_ verification: Value) -> Value {
        var result = verification
        result["checks"] = .array(
            (verification["checks"]?.array ?? []).map { check in
                var check = check
                check["mark"] = .string(check["passed"]?.bool.map { $0 ? "✓" : "✗" } ?? "-")
                return check
            })
        return result
    }

    /// What the resource is after: the new count of a scale, the new last modification or task
    /// definition of a restart (as verification read it); what it was before when nothing changed.
    private func after(outcome: String, impact: Value, applied: Value?, verification: Value?) -> Value {
        guard outcome == "verified" || outcome == "unverified" else { return impact["from"] ?? .null }
        if impact["action"] == "scale" { return applied?["count"] ?? impact["to"] ?? .null }
        let details = verification?["resource_status"]?["details"]
        return details?["last_modified"] ?? details?["task_definition"] ?? impact["to"] ?? .null
    }
}
