import AWSSigV4
import FaberAWS
import FaberCore
import FaberTestSupport
import Testing

@Suite("Credential resolution")
struct AWSConnectionCredentialsTests {
    static let secrets = ["secretFromEnv", "secretFromProfile", "secretFromDefault", "secretFromConfigFile", "tokenFromEnv"]

    /// A sandbox with profiles `default`, `dev`, `acme-prod` (credentials file) and `cfgonly` (config file).
    func sandbox(config: String? = nil) throws -> TestWorkspace {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeCredentials(
            """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = secretFromDefault
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = secretFromProfile
            [acme-prod]
            aws_access_key_id = AKIDPROD
            aws_secret_access_key = secretFromProfile
            aws_session_token = tokenFromProfile
            """)
        try sandbox.writeAWSConfig(
            """
            [default]
            region = us-east-1
            [profile cfgonly]
            aws_access_key_id = AKIDCFGONLY
            aws_secret_access_key = secretFromConfigFile
            [profile dev]
            aws_access_key_id = AKIDDEV-IN-CONFIG
            aws_secret_access_key = secretFromConfigFile
            """)
        if let config { try sandbox.writeConfig(config) }
        return sandbox
    }

    let envKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secretFromEnv", "AWS_REGION": "us-west-2"]

    func resolve(_ sandbox: TestWorkspace, env: String = "test", _ extra: [String: String]) async throws -> (AWSConnection, SigV4Credentials) {
        let connection = try AWSConnection.resolve(
            environment: env, configuration: sandbox.configuration(),
            processEnvironment: sandbox.environment(extra))
        return (connection, try await connection.credentials.credentials())
    }

    @Test("the environment's profile in config.json wins over environment variables")
    func environmentProfileFirst() async throws {
        let box = try sandbox(config: #"{"environments": {"prod": {"profile": "acme-prod"}}}"#)
        let (connection, keys) = try await resolve(box, env: "prod", envKeys.merging(["AWS_PROFILE": "dev"]) { $1 })
        #expect(keys.accessKeyID == "AKIDPROD")
        #expect(keys.sessionToken == "tokenFromProfile")
        #expect(connection.profile == "acme-prod")
        #expect(connection.environment == "prod")
        #expect(connection.requireConfirmation)
    }

    @Test("handlers.hosting.aws.profiles.<env>_deploy is used when the environment names no profile")
    func deployProfile() async throws {
        let box = try sandbox(config: #"{"handlers": {"hosting": {"aws": {"profiles": {"staging_deploy": "dev"}}}}, "environments": {"staging": {}}}"#)
        let (connection, keys) = try await resolve(box, env: "staging", envKeys)
        #expect(keys.accessKeyID == "AKIDDEV")
        #expect(connection.profile == "dev")
    }

    @Test("environment variables come next, with the session token")
    func environmentVariables() async throws {
        let box = try sandbox()
        let (connection, keys) = try await resolve(box, envKeys.merging(["AWS_SESSION_TOKEN": "tokenFromEnv", "AWS_PROFILE": "dev"]) { $1 })
        #expect(keys.accessKeyID == "AKIDENV")
        #expect(keys.secretAccessKey == "secretFromEnv")
        #expect(keys.sessionToken == "tokenFromEnv")
        #expect(connection.profile == nil)
        #expect(connection.region == "us-west-2")
        #expect(!connection.requireConfirmation)
        #expect(connection.credentials.description == "static keys AKIDENV from environment variables")
    }

    @Test("then the AWS_PROFILE profile")
    func awsProfile() async throws {
        let box = try sandbox()
        let (connection, keys) = try await resolve(box, ["AWS_PROFILE": "dev", "AWS_REGION": "us-west-2"])
        #expect(keys.accessKeyID == "AKIDDEV")
        #expect(connection.profile == "dev")
    }

    @Test("then the default profile")
    func defaultProfile() async throws {
        let box = try sandbox()
        let (connection, keys) = try await resolve(box, [:])
        #expect(keys.accessKeyID == "AKIDDEFAULT")
        #expect(connection.profile == "default")
    }

    @Test("a profile's keys come from the credentials file first, then the config file")
    func credentialsFileBeforeConfigFile() async throws {
        let box = try sandbox()
        #expect(try await resolve(box, ["AWS_PROFILE": "dev", "AWS_REGION": "eu-west-1"]).1.secretAccessKey == "secretFromProfile")
        let (_, keys) = try await resolve(box, ["AWS_PROFILE": "cfgonly", "AWS_REGION": "eu-west-1"])
        #expect(keys.accessKeyID == "AKIDCFGONLY")
        #expect(keys.secretAccessKey == "secretFromConfigFile")
    }

    @Test("a named profile that does not exist is access denied, with did-you-mean")
    func missingProfile() throws {
        let box = try sandbox(config: #"{"environments": {"prod": {"profile": "acme-prdo"}}}"#)
        let error = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(environment: "prod", configuration: box.configuration(), processEnvironment: box.environment(envKeys))
        }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message == "profile 'acme-prdo' not found in ~/.aws/credentials or ~/.aws/config")
        #expect(error.hint?.contains("did you mean 'acme-prod'?") == true)

        let viaVariable = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(
                environment: "test", configuration: box.configuration(),
                processEnvironment: box.environment(["AWS_PROFILE": "nosuch"]))
        }
        #expect(viaVariable.exitStatus == .accessDenied)
        #expect(viaVariable.message == "profile 'nosuch' not found in ~/.aws/credentials or ~/.aws/config")
        #expect(viaVariable.hint?.contains("AWS_PROFILE") == true)
    }

    @Test("no credentials anywhere is access denied with the ways to provide them")
    func noCredentials() throws {
        let box = try TestWorkspace(prefix: "config")
        try box.writeAWSConfig("[default]\nregion = us-east-1\n")
        let error = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(environment: "test", configuration: box.configuration(), processEnvironment: box.environment())
        }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message == "no AWS credentials for environment 'test'")
        for way in ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "~/.aws/credentials", "environments.test.profile"] {
            #expect(error.hint?.contains(way) == true, "hint should mention \(way)")
        }
    }

    @Test("half a key pair in the environment is refused")
    func halfKeyPair() throws {
        let box = try sandbox()
        let error = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(
                environment: "test", configuration: box.configuration(),
                processEnvironment: box.environment(["AWS_ACCESS_KEY_ID": "AKIDENV"]))
        }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message.contains("AWS_SECRET_ACCESS_KEY is not"))
    }

    @Test("a profile without keys says what it lacks")
    func profileWithoutKeys() throws {
        let box = try TestWorkspace(prefix: "config")
        try box.writeAWSConfig("[profile assume]\nrole_arn = arn:aws:iam::123456789012:role/x\nregion = us-east-1\n")
        let error = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(
                environment: "test", configuration: box.configuration(),
                processEnvironment: box.environment(["AWS_PROFILE": "assume"]))
        }
        #expect(error.exitStatus == .accessDenied)
        #expect(error.message == "profile 'assume' has no keys (it uses role_arn, which faber does not support)")
    }

    @Test("secrets never appear in descriptions or errors")
    func secretsStayHidden() async throws {
        let box = try sandbox(config: #"{"environments": {"prod": {"profile": "acme-prod"}, "staging": {"profile": "nope"}}}"#)
        let env = envKeys.merging(["AWS_SESSION_TOKEN": "tokenFromEnv"]) { $1 }
        var texts: [String] = []
        for name in ["test", "prod"] {
            let (connection, keys) = try await resolve(box, env: name, env)
            texts += [connection.credentials.description, keys.description, "\(keys)", String(reflecting: keys)]
        }
        do {
            _ = try AWSConnection.resolve(environment: "staging", configuration: box.configuration(), processEnvironment: box.environment(env))
            Issue.record("expected an error")
        } catch let error as FaberError {
            texts += [error.description, error.message, error.hint ?? ""]
        }
        for text in texts {
            for secret in Self.secrets + ["tokenFromProfile"] {
                #expect(!text.contains(secret), "'\(text)' leaks \(secret)")
            }
        }
    }
}
