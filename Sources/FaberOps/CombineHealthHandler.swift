import FaberCore

/// `health.combine`: several check-health results (one per environment) as one: the worst overall
/// status, each environment's summary, and the exit code of the worst.
struct CombineHealthHandler: Handler {
    let id = "health.combine"

    let signature = HandlerSignature(
        summary: "Combine check-health results of several environments: the worst status, one summary each",
        inputs: [.init("checks", required: true, .list, "outputs of health-check workflows (overall_health, environment, resources, ...)")],
        outputs: ["overall_health", "environments", "exit_code"],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let checks = input["checks"]?.array ?? []
        var statuses: [HealthStatus] = []
        let environments: [Value] = try checks.enumerated().map { index, check in
            guard let text = check["overall_health"]?.string, let status = HealthStatus(rawValue: text) else {
                throw FaberError(
                    .invalidSpec, "\(id): check \(index + 1) has no overall_health (pass the outputs of a health-check workflow)",
                    at: context.stepLocation, code: "input-kind")
            }
            statuses.append(status)
            return [
                "environment": check["environment"] ?? .null,
                "overall_health": .string(status.rawValue),
                "resources": check["resources"] ?? .null,
                "issues": .int(check["issues"]?.array?.count ?? 0),
                "recommendations": check["recommendations"] ?? [],
                "report_path": check["report_path"] ?? .null,
            ]
        }
        let overall = HealthStatus.worst(statuses)
        return ["overall_health": .string(overall.rawValue), "environments": .array(environments), "exit_code": .int(overall.exitCode)]
    }
}
