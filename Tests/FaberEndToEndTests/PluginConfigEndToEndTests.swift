import FaberTestSupport
import Foundation
import Testing

/// Mistakes in `.fractary/plugins/faber-cloud/config.json` and an endpoint that is not AWS, as the
/// user meets them: through `faber check` and `faber run` of the built binary.
@Suite("Plugin configuration mistakes and a non-AWS endpoint, end to end")
struct PluginConfigEndToEndTests {
    static let credentials = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_PROFILE": "",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_COST_EXPLORER": "", "AWS_REGION": "us-east-1",
    ]
    static let configPath = ".fractary/plugins/faber-cloud/config.json"

    /// The hello workspace plus `/cost --env <env>`, a read-only workflow of one AWS call (Cost Explorer).
    func workspace(config: String) throws -> TestWorkspace {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write(
            "commands/cost.md",
            """
            ---
            description: What the account costs
            workflow: spend/cost
            arguments:
              env: {required: true}
            ---
            """)
        try fixture.write(
            "skills/spend/SKILL.md",
            """
            ---
            name: spend
            description: Cost reports
            tools: [aws]
            ---
            """)
        try fixture.write(
            "skills/spend/workflow/cost.md",
            """
            ---
            name: cost
            inputs:
              env: {required: true}
            outputs:
              total: ${{ steps.cost.outputs.total }}
            ---
            ## Cost
            ```step
            uses: aws.get-cost
            with:
              env: ${{ inputs.env }}
            ```
            """)
        try fixture.write(Self.configPath, config)
        return fixture
    }

    @Test("check reports wrong types and misspelled keys of config.json at path:line:col and exits 65")
    func checkReportsConfigMistakes() throws {
        let fixture = try workspace(
            config: """
                {
                  "environments": {
                    "test": {"regoin": "us-east-1"},
                    "staging": {"region": 5, "profile": 7, "require_confirmation": "yes"}
                  },
                  "other_tool": {"regoin": 1}
                }
                """)
        let result = try fixture.faber("check")
        #expect(result.status == 65, "\(result.stderr)")
        let expected = [
            "\(Self.configPath):3:14: warning: unknown key 'regoin' in environment 'test'\n  hint: did you mean 'region'?",
            "\(Self.configPath):4:27: error: 'region' of environment 'staging' must be text, not a number (5)\n"
                + "  hint: write it in quotes, e.g. \"region\": \"us-east-1\"",
            "\(Self.configPath):4:41: error: 'profile' of environment 'staging' must be text, not a number (7)",
            "\(Self.configPath):4:68: error: 'require_confirmation' of environment 'staging' must be true or false, not text (\"yes\")\n"
                + "  hint: write true or false without quotes",
        ]
        for line in expected {
            #expect(result.stderr.contains(line), "missing: \(line)\n--- stderr:\n\(result.stderr)")
        }
        #expect(!result.stderr.contains("other_tool"), "keys outside environments are other tools' business")
        #expect(result.stderr.hasSuffix("faber check: 3 errors, 1 warning in 8 specs\n"), "\(result.stderr)")
    }

    @Test("check of a valid config.json adds nothing")
    func checkAcceptsAValidConfig() throws {
        let fixture = try workspace(
            config: """
                {"environments": {"test": {"region": "us-east-1", "endpoint_url": "http://127.0.0.1:5000"},
                                  "prod": {"region": "eu-west-1", "require_confirmation": true}}}
                """)
        let result = try fixture.faber("check")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "faber check: 0 errors, 0 warnings in 8 specs\n")
    }

    @Test("a run in an environment whose require_confirmation is not true or false stops with 65 naming the file")
    func runRefusesAnUnreadableRequireConfirmation() throws {
        let fixture = try workspace(
            config: """
                {"environments": {"staging": {"region": "us-east-1", "endpoint_url": "http://127.0.0.1:9", "require_confirmation": "yes"}}}
                """)
        let run = try FaberBinary.locate().run(["--workspace", fixture.root, "run", "/cost --env staging"], environment: Self.credentials)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(Self.configPath):1:116: error: "), "\(run.stderr)")
        #expect(run.stderr.contains("'require_confirmation' of environment 'staging' must be true or false, not text (\"yes\")"), "\(run.stderr)")
    }

    @Test("a web server at the endpoint is a setup problem: exit 69, the endpoint named, a hint to check the settings")
    func aWebServerAtTheEndpoint() async throws {
        let page = Array("<html><body><h1>Error response</h1><p>Error code: 501</p></body></html>".utf8)
        let server = try await ScriptedHTTPServer.start([
            .respond(status: 501, headers: [("Content-Type", "text/html;charset=utf-8")], body: page, delay: 0)
        ])
        defer { Task { await server.shutdown() } }
        let fixture = try workspace(
            config: """
                {"environments": {"test": {"region": "us-east-1", "endpoint_url": "http://admin:hunter2@127.0.0.1:\(server.port)"}}}
                """)
        let run = try FaberBinary.locate().run(["--workspace", fixture.root, "run", "/cost --env test"], environment: Self.credentials)
        #expect(run.status == 69, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "ce GetCostAndUsage: the endpoint http://admin:***@127.0.0.1:\(server.port) answered HTTP 501 without an AWS error; is it an AWS endpoint?"),
            "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "hint: check the endpoint (set by environments.test.endpoint_url in config.json; first match wins: "
                    + "AWS_ENDPOINT_URL_COST_EXPLORER, AWS_ENDPOINT_URL, environments.test.endpoint_url in config.json"), "\(run.stderr)")
        #expect(!run.stderr.contains("hunter2"))
        #expect(!run.stderr.contains("<html>"))
        #expect(server.requests.count == 1)
    }
}
