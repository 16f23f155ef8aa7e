import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// The plugin configuration is read once, by one loader, and what the run read is what the aws.*
/// handlers use: a configuration in either folder the loader knows reaches them.
@Suite("A plugin configuration in either location reaches the aws handlers, end to end", .timeLimit(.minutes(2)))
struct ConfigurationLocationEndToEndTests {
    /// A workspace command that reads the status of one Lambda function through aws.get-resource-status,
    /// with its configuration (region and moto's endpoint) under `.fractary/plugins/<folder>/`.
    func workspace(configFolder folder: String, endpoint: String) throws -> TestWorkspace {
        let workspace = try TestWorkspace([
            "commands/status.md": """
            ---
            description: Status of the orders function
            workflow: ops/status
            arguments:
              env: {default: test}
            ---
            """,
            "skills/ops/SKILL.md": """
            ---
            name: ops
            description: Status
            tools: [aws]
            ---
            """,
            "skills/ops/workflow/status.md": """
            ---
            name: status
            inputs:
              env: {required: true}
            outputs:
              missing: ${{ steps.status.outputs.missing }}
              endpoint: ${{ config.environments.test.endpoint_url }}
            ---
            ## Status
            ```step
            id: status
            uses: aws.get-resource-status
            with:
              env: ${{ inputs.env }}
              resources:
                - {id: orders, type: lambda, arn: "arn:aws:lambda:eu-west-3:123456789012:function:faber-config-location-gone"}
            ```
            """,
        ])
        try workspace.writeConfig(#"{"environments": {"test": {"region": "eu-west-3", "endpoint_url": "\#(endpoint)"}}}"#, folder: folder)
        return workspace
    }

    @Test("config.json under faber-cloud/ or fractary-faber-cloud/ gives the handlers its endpoint", arguments: ["faber-cloud", "fractary-faber-cloud"])
    func eitherLocation(_ folder: String) async throws {
        let moto = try await MotoServer.shared()
        let workspace = try workspace(configFolder: folder, endpoint: moto.endpoint)
        // No endpoint from the environment: only the configuration file can send the call to moto.
        let result = try FaberBinary.locate().run(
            ["--workspace", workspace.root, "run", "/status --output json --trace"],
            environment: [
                "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_LAMBDA": "", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_PROFILE": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        #expect(report["endpoint"] == .string(moto.endpoint))  // config.* read the same file
        #expect(report["missing"] == ["orders"])  // moto answered: the function does not exist there
        #expect(result.stderr.contains("aws: lambda GetFunction "), "\(result.stderr)")
    }
}
