import FaberCore
import FaberTestSupport
import Foundation

/// What the remediate tests (from the command line and from MCP) set up and read back.
extension TestWorkspace {
    /// The plugin, a config.json with `test` (no confirmation) and `prod` (confirmation), and
    /// `registry` as the registry of both.
    init(remediationRegistry registry: String, prefix: String) throws {
        try self.init(copyingRepository: ["plugins"], prefix: prefix)
        _ = try writeConfig(
            #"{"handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1"}}}, "environments": {"test": {"require_confirmation": false}, "prod": {"require_confirmation": true}}}"#
        )
        for env in ["test", "prod"] { _ = try write(".fractary/plugins/faber-cloud/deployments/\(env)/registry.json", registry) }
    }

    /// The entries of environment `env`'s remediation log; none when it was never written.
    func remediationLog(_ env: String) throws -> [Value] {
        guard let text = read(".fractary/plugins/faber-cloud/remediations/\(env)/remediation-log.json") else { return [] }
        return try Value.parseJSON(text).array ?? []
    }

    /// The desired count of ECS service `service` now, as a dry run's impact assessment reads it.
    func desiredCount(_ service: String, moto: MotoServer) throws -> Int? {
        let result = try FaberBinary.locate().run(
            [
                "--workspace", root, "run",
                "/fractary-faber-cloud:ops-manage remediate --env test --service \(service) --action scale --count 1 --dry-run --output json",
            ],
            environment: moto.clientEnvironment())
        return try Value.parseJSON(result.stdout)["impact"]?["from"]?.int
    }
}
