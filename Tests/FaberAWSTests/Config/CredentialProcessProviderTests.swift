import FaberAWS
import FaberCore
import Foundation
import Testing

@Suite("credential_process")
struct CredentialProcessProviderTests {
    /// A profile `proc` whose credential_process is `script`; returns the sandbox and the resolved connection.
    func connection(script body: String) throws -> (ConfigSandbox, AWSConnection) {
        let box = try ConfigSandbox()
        let script = try box.writeScript("creds.sh", body)
        try box.writeAWSConfig("[profile proc]\ncredential_process = \(script) --profile proc\nregion = us-east-1\n")
        let connection = try AWSConnection.resolve(environment: "test", workspace: box.workspace,
                                                   processEnvironment: box.environment(["AWS_PROFILE": "proc"]))
        return (box, connection)
    }

    func runCount(_ box: ConfigSandbox) -> Int {
        ((try? String(contentsOfFile: box.root + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test("keys come from the command's JSON and are cached until they expire")
    func success() async throws {
        let (box, connection) = try connection(script: """
            echo run >> "$(dirname "$0")/../runs"
            echo "args: $*" >&2
            printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "procSecret", "SessionToken": "procToken", "Expiration": "2099-01-01T00:00:00Z"}'
            """)
        #expect(connection.profile == "proc")
        #expect(connection.credentials.description == "credential_process of profile 'proc'")
        let keys = try await connection.credentials.credentials()
        #expect(keys.accessKeyID == "AKIDPROC")
        #expect(keys.secretAccessKey == "procSecret")
        #expect(keys.sessionToken == "procToken")
        async let a = connection.credentials.credentials()
        async let b = connection.credentials.credentials()
        _ = try await (a, b)
        #expect(runCount(box) == 1)
    }

    @Test("expired keys are fetched again; keys without Expiration are kept")
    func expiry() async throws {
        let (box, connection) = try connection(script: """
            echo run >> "$(dirname "$0")/../runs"
            printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s", "Expiration": "2001-01-01T00:00:00.000Z"}'
            """)
        _ = try await connection.credentials.credentials()
        _ = try await connection.credentials.credentials()
        #expect(runCount(box) == 2)

        let (box2, forever) = try self.connection(script: """
            echo run >> "$(dirname "$0")/../runs"
            printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}'
            """)
        _ = try await forever.credentials.credentials()
        _ = try await forever.credentials.credentials()
        #expect(runCount(box2) == 1)
    }

    @Test("a failing command names the profile and command and its stderr, never its output")
    func failure() async throws {
        let (box, connection) = try connection(script: """
            printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "leakedSecret"}'
            echo "token expired, run sso login" >&2
            exit 3
            """)
        defer { withExtendedLifetime(box) {} }
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message.hasPrefix("credential_process of profile 'proc' failed: `"))
        #expect(error.message.contains("creds.sh --profile proc` exited with status 3: token expired, run sso login"))
        #expect(!error.description.contains("leakedSecret"))
    }

    @Test("bad answers are refused with the reason", arguments: [
        ("echo not json", "did not print a JSON object"),
        (#"printf '{"AccessKeyId": "A", "SecretAccessKey": "hiddenSecret"}'"#, "without \"Version\": 1"),
        (#"printf '{"Version": 1, "SecretAccessKey": "hiddenSecret"}'"#, "printed no AccessKeyId"),
        (#"printf '{"Version": 1, "AccessKeyId": "A"}'"#, "printed no SecretAccessKey"),
        (#"printf '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "hiddenSecret", "Expiration": "soon"}'"#, "not an ISO 8601 time"),
    ])
    func badAnswers(script: String, reason: String) async throws {
        let (box, connection) = try connection(script: script)
        defer { withExtendedLifetime(box) {} }
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message.contains(reason))
        #expect(!error.description.contains("hiddenSecret"))
    }

    @Test("a command that does not exist fails with the shell's message")
    func missingCommand() async throws {
        let box = try ConfigSandbox()
        try box.writeAWSConfig("[profile proc]\ncredential_process = /nonexistent/faber-creds\nregion = us-east-1\n")
        let connection = try AWSConnection.resolve(environment: "test", workspace: box.workspace,
                                                   processEnvironment: box.environment(["AWS_PROFILE": "proc"]))
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.message.contains("`/nonexistent/faber-creds` exited with status 127"))
    }
}
