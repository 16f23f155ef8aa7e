import FaberCore
import FaberOpsModel
import Foundation

/// `remediation.assess`: before anything changes, what a remediation will do to the resource
/// (from -> to), its expected downtime and traffic impact (the skill's `remediation.json`), and
/// warnings: a scale down below what runs, an action that changes nothing, or an action on a
/// resource whose trouble investigate's last report puts elsewhere.
struct AssessRemediationHandler: Handler {
    let id = "remediation.assess"
    static let actions = ["restart", "scale"]

    let signature = HandlerSignature(
        summary: "The impact of a remediation before it is applied: the change, downtime, traffic impact and warnings",
        inputs: [
            .init("environment", required: true, .text, "the environment"),
            .init("action", required: true, .text, "restart or scale"),
            .init("resource", required: true, .object, "the registry entry {id, type, arn}"),
            .init("count", .wholeNumber(min: 0), "scale: the new desired count (ECS) or reserved concurrency (Lambda)"),
            .init("status", .object, "aws.get-resource-status's entry of the resource"),
            .init("incidents", .text, "the folder of investigate's reports of the environment, relative to the workspace"),
            .init("impacts_file", required: true, .text, "what each action does to each type (remediation.json, in the skill's folder)"),
        ],
        outputs: ["impact", "question", "incident"],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let environment = try with.requiredString("environment", "the environment")
        let action = try with.requiredString("action", "restart or scale")
        let ref = try with.resource()
        guard Self.actions.contains(action) else {
            throw FaberError.usage("\(id): unknown action '\(action)'", hint: didYouMean(action, among: Self.actions) ?? "actions: restart, scale")
        }
        guard ref.type == .lambda || ref.type == .ecsService else {
            throw FaberError.usage(
                "\(action) applies to a Lambda function or an ECS service; '\(ref.id)' is \(English.withArticle(ref.type.label))",
                hint: "remediate --service takes a lambda or ecs-service of the registry", code: "action-not-applicable")
        }
        let count = try with.int("count")
        if action == "scale", count == nil {
            throw FaberError.usage("scale needs --count N (ECS: desired tasks; Lambda: reserved concurrency)", code: "count-missing")
        }
        let impacts = try SkillDataFile.load(
            try with.requiredString("impacts_file", "the impacts file"), what: "the remediation impacts file", context: context, handler: id,
            code: "invalid-remediation")
        guard let texts = impacts["actions"]?[action]?[ref.type.rawValue]?.object else {
            throw FaberError(.invalidSpec, "the remediation impacts file has no actions.\(action).\(ref.type.rawValue)", code: "invalid-remediation")
        }
        let status = input["status"] ?? .null
        let details = status["details"] ?? [:]
        let running = details["running"]?.int
        let desired = details["desired"]?.int
        var from: Value = .null
        var to: Value = .null
        var warnings: [String] = []
        switch (action, ref.type) {
        case ("scale", .ecsService):
            from = desired.map { .int($0) } ?? .null
            to = .int(count ?? 0)
            if let count, let desired, count == desired { warnings.append("the desired count is already \(count): nothing would change") }
            if let count, let running, count < running {
                warnings.append("scaling down to \(count) while \(running) tasks run: \(running - count) of them will be stopped")
            }
            if count == 0 { warnings.append("a desired count of 0 stops the service") }
        case ("scale", .lambda):
            to = .int(count ?? 0)
            if count == 0 { warnings.append("a reserved concurrency of 0 throttles every invocation of \(ref.name)") }
        case (_, .ecsService):
            from = details["task_definition"] ?? .null
            to = details["task_definition"] ?? .null
        default:
            from = details["last_modified"] ?? .null
        }
        if action == "restart", count != nil { warnings.append("--count is for scale: restart ignores it") }
        if status["status"]?.string == "missing" {
            warnings.append("\(ref.id) is in the registry but not in AWS (\(status["reason"]?.string ?? "registry drift")): AWS will refuse the \(action)")
        }
        let incident = try latestIncident(with, context: context)
        if let incident, let root = incident["root_cause"]?["resource"]?.string, root != ref.id {
            let when = incident["timestamp"]?.string ?? "its last report"
            warnings.append(
                "investigate (\(when)) found the root cause in \(root), not \(ref.id): \(action) of \(ref.id) may not help; see \(incident["report_path"]?.string ?? "the incident report")"
            )
        }
        let values = [
            "resource": ref.id, "name": ref.name, "from": from.isNull ? "?" : from.interpolated, "to": to.isNull ? "?" : to.interpolated,
            "running": running.map(String.init) ?? "?",
        ]
        func text(_ key: String) -> Value { texts[key]?.string.map { .string(AdviceText.fill($0, values)) } ?? .null }
        let production = try context.configuration.requiresConfirmation(in: environment)
        let question =
            production
            ? "You are about to \(action.uppercased()) \(ref.id) in \(environment.uppercased()). Continue?"
            : "\(action.capitalized) \(ref.id) in \(environment)?"
        return [
            "impact": [
                "resource": .string(ref.id), "type": .string(ref.type.rawValue), "name": .string(ref.name), "arn": .string(ref.arn),
                "action": .string(action),
                "from": from, "to": to, "change": text("change"), "downtime": text("downtime"), "traffic_impact": text("traffic_impact"),
                "warnings": .array(warnings.map { .string($0) }), "requires_confirmation": .bool(production),
            ],
            "question": .string(question),
            "incident": incident ?? .null,
        ]
    }

    /// The newest `*-incident.json` of the folder, with its path; nil without one.
    private func latestIncident(_ with: HandlerInput, context: HandlerContext) throws -> Value? {
        guard let folder = try with.string("incidents"), !folder.split(separator: "/").contains("..") else { return nil }
        let path = context.workspacePath(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        guard let newest = names.filter({ $0.hasSuffix("-incident.json") }).sorted().last else { return nil }
        guard let bytes = try? RegularFile.read(path + "/" + newest), var report = try? Value.parseJSON(bytes: bytes) else { return nil }
        report["report_path"] = .string(folder + "/" + newest)
        return report
    }
}
