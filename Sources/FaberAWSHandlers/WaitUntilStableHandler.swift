import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.wait-until-stable`: reads one resource's status (as aws.get-resource-status does) every
/// `interval` until it is `available` (a Lambda function Active with its last update Successful,
/// an ECS service running as many tasks as desired with its rollout done) or `timeout` passes,
/// with a progress line each time. The verification step of a remediation; with `--dry-run` it
/// waits for nothing.
struct WaitUntilStableHandler: Handler {
    let id = "aws.wait-until-stable"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Wait until one resource is available again (its status read every interval), or a timeout",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resource", required: true, .object, "one registry entry {id, type, arn}"),
                .init("timeout", .text, "how long to wait at most (default 5m)"),
                .init("interval", .text, "how long between two reads (default 10s)"),
            ],
            outputs: ["status", "checks", "attempts", "waited_s", "started_at", "resource_status"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let ref = try input.resource()
        let timeout = try input.duration("timeout", default: "5m").seconds
        let interval = try input.duration("interval", default: "10s").seconds
        if context.options.dryRun {
            return [
                "status": "skipped", "checks": [["check": "status", "passed": .null, "detail": "dry run: nothing was changed, nothing to verify"]],
                "attempts": 0, "waited_s": 0, "resource_status": .null,
            ]
        }
        let inventory = AWSInventory(client: try AWSClients.client(for: env, context: context))
        let started = Date()
        var attempts = 0
        while true {
            attempts += 1
            let status = try await GetResourceStatusHandler.statuses(of: [ref], inventory: inventory)[0]
            let waited = Date().timeIntervalSince(started)
            let passed = status.status == .available
            let detail = status.reason ?? "\(ref.label) is \(status.status.rawValue)"
            if passed || waited + interval > timeout {
                let checks: [Value] = [
                    [
                        "check": "status", "passed": .bool(passed),
                        "detail": .string(passed ? "\(ref.label) is available (\(status.state ?? "no state"))" : detail),
                    ]
                ]
                return [
                    "status": .string(passed ? "passed" : "failed"), "checks": .array(checks), "attempts": .int(attempts),
                    "waited_s": .int(Int(waited.rounded())), "started_at": .string(ISOTime.string(started)), "resource_status": status.value,
                ]
            }
            context.console.diagnostic("verifying \(ref.id): \(detail) (\(Int(waited.rounded())) s of \(Int(timeout)) s)")
            try await Task.sleep(for: .seconds(interval))
        }
    }
}
