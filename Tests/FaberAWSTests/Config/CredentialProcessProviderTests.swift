import FaberCore
import FaberTestSupport
import Foundation
import Testing

@testable import FaberAWS

@Suite("credential_process")
struct CredentialProcessProviderTests {
    /// A profile `proc` whose credential_process is `script`; returns the sandbox and the resolved connection.
    func connection(script body: String) throws -> (TestWorkspace, AWSConnection) {
        let box = try TestWorkspace(prefix: "config")
        let script = try box.writeScript("creds.sh", body)
        try box.writeAWSConfig("[profile proc]\ncredential_process = \(script) --profile proc\nregion = us-east-1\n")
        let connection = try AWSConnection.resolve(
            environment: "test", configuration: box.configuration(),
            processEnvironment: box.environment(["AWS_PROFILE": "proc"]))
        return (box, connection)
    }

    func runCount(_ box: TestWorkspace) -> Int {
        ((try? String(contentsOfFile: box.scratch + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test("keys come from the command's JSON and are cached until they expire")
    func success() async throws {
        let (box, connection) = try connection(
            script: """
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

    /// An ISO 8601 time `seconds` from now.
    func timestamp(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(seconds))
    }

    @Test("keys about to expire are fetched again; keys without Expiration are kept")
    func expiry() async throws {
        // Valid for two more minutes: usable, but inside the five-minute refresh margin.
        let (box, connection) = try connection(
            script: """
                echo run >> "$(dirname "$0")/../runs"
                printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s", "Expiration": "\(timestamp(120))"}'
                """)
        _ = try await connection.credentials.credentials()
        _ = try await connection.credentials.credentials()
        #expect(runCount(box) == 2)

        let (box2, forever) = try self.connection(
            script: """
                echo run >> "$(dirname "$0")/../runs"
                printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}'
                """)
        _ = try await forever.credentials.credentials()
        _ = try await forever.credentials.credentials()
        #expect(runCount(box2) == 1)
    }

    @Test("a failing command names the profile and command and its stderr, never its output")
    func failure() async throws {
        let (box, connection) = try connection(
            script: """
                printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "leakedSecret"}'
                echo "token expired, run sso login" >&2
                exit 3
                """)
        defer { withExtendedLifetime(box) {} }
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.exitStatus == .accessDenied)
        #expect(
            error.message == "credential_process of profile 'proc' failed: `\(box.scratch)/bin/creds.sh` exited with status 3: "
                + "token expired, run sso login")
        #expect(!error.description.contains("--profile"))  // the arguments are not shown
        #expect(!error.description.contains("leakedSecret"))
    }

    @Test("keys that have already expired are refused (77), naming the profile and the program")
    func alreadyExpired() async throws {
        let (box, connection) = try connection(
            script: """
                echo run >> "$(dirname "$0")/../runs"
                printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "expiredSecret", "Expiration": "2001-01-01T00:00:00.000Z"}'
                """)
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.exitStatus.rawValue == 77)
        #expect(
            error.message == "credential_process of profile 'proc' returned expired credentials: `\(box.scratch)/bin/creds.sh` "
                + "printed an Expiration of 2001-01-01T00:00:00.000Z, which has passed")
        #expect(error.hint?.contains("aws sso login --profile proc") == true)
        #expect(!error.description.contains("expiredSecret"))
        // Nothing is cached: the next call runs the command again (and fails again).
        _ = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(runCount(box) == 2)

        // Seconds in the past count too.
        let (box2, justExpired) = try self.connection(
            script: """
                printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s", "Expiration": "\(timestamp(-5))"}'
                """)
        let late = try await #require(throws: FaberError.self) { try await justExpired.credentials.credentials() }
        withExtendedLifetime(box2) {}
        #expect(late.message.contains("returned expired credentials"))
    }

    @Test("a secret written in the command line is never shown, only the program and the profile")
    func secretInTheCommandLine() async throws {
        let box = try TestWorkspace(prefix: "config")
        let script = try box.writeScript("creds.sh", "echo \"login required for $*\" >&2\nexit 2\n")
        try box.writeAWSConfig(
            """
            [profile proc]
            credential_process = VAULT_TOKEN=s3cr3t-env \(script) --password 'hunter2 with spaces' --token=s3cr3t-arg
            region = us-east-1

            """)
        let connection = try AWSConnection.resolve(
            environment: "test", configuration: box.configuration(),
            processEnvironment: box.environment(["AWS_PROFILE": "proc"]))
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        // The command's stderr is kept, with the arguments it echoed masked.
        #expect(
            error.message == "credential_process of profile 'proc' failed: `\(script)` exited with status 2: "
                + "login required for *** *** ***")
        for secret in ["s3cr3t-env", "hunter2", "s3cr3t-arg", "--password", "VAULT_TOKEN"] {
            #expect(!error.description.contains(secret), "\(secret) leaked")
        }
    }

    @Test("a stderr line that prints a key id, a secret key or a session token shows them as ***")
    func credentialsInStderrAreMasked() {
        let line = "bad: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"
        #expect(CredentialProcessProvider.maskingArguments(of: "helper", in: line) == "bad: *** / *** token=***")
        #expect(CredentialProcessProvider.maskingArguments(of: "helper", in: "profile sso-dev: login required") == "profile sso-dev: login required")
        // Short secrets too, by the name of their key.
        #expect(
            CredentialProcessProvider.maskingArguments(of: "helper", in: "aws_secret_access_key=CPSECRET999 --password=hunter2")
                == "aws_secret_access_key=*** --password=***")
    }

    @Test(
        "the program name is the command's first word, quotes and leading assignments understood",
        arguments: [
            ("aws-vault exec prod --json", "aws-vault"),
            ("  /usr/local/bin/creds --key abc", "/usr/local/bin/creds"),
            ("'/opt/my creds/get' -p x", "/opt/my creds/get"),
            ("\"/opt/my creds/get\" -p x", "/opt/my creds/get"),
            ("TOKEN=abc OTHER='x y' helper --flag", "helper"),
            ("helper;rm -rf /", "helper"),
            ("with\\ space arg", "with space"),
            ("", "(empty command)"),
        ])
    func programName(_ command: String, _ program: String) {
        #expect(CredentialProcessProvider.programName(command) == program)
    }

    @Test(
        "bad answers are refused with the reason",
        arguments: [
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
        let box = try TestWorkspace(prefix: "config")
        try box.writeAWSConfig("[profile proc]\ncredential_process = /nonexistent/faber-creds\nregion = us-east-1\n")
        let connection = try AWSConnection.resolve(
            environment: "test", configuration: box.configuration(),
            processEnvironment: box.environment(["AWS_PROFILE": "proc"]))
        let error = try await #require(throws: FaberError.self) { try await connection.credentials.credentials() }
        #expect(error.message.contains("`/nonexistent/faber-creds` exited with status 127"))
    }
}
