import FaberAWS
import FaberCore
import FaberTestSupport
import Testing

@Suite("Endpoint resolution")
struct AWSEndpointsTests {
    let keys = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1"]

    func connection(config: String? = nil, awsConfig: String? = nil, _ extra: [String: String] = [:]) throws -> AWSConnection {
        let box = try TestWorkspace(prefix: "config")
        if let config { try box.writeConfig(config) }
        if let awsConfig { try box.writeAWSConfig(awsConfig) }
        return try AWSConnection.resolve(
            environment: "test", configuration: box.configuration(),
            processEnvironment: box.environment(keys.merging(extra) { $1 }))
    }

    @Test("AWS defaults, per service")
    func defaults() throws {
        let connection = try connection()
        let expected: [(AWSService, String)] = [
            (.cloudWatch, "https://monitoring.eu-west-1.amazonaws.com"),
            (.cloudWatchLogs, "https://logs.eu-west-1.amazonaws.com"),
            (.lambda, "https://lambda.eu-west-1.amazonaws.com"),
            (.ecs, "https://ecs.eu-west-1.amazonaws.com"),
            (.rds, "https://rds.eu-west-1.amazonaws.com"),
            (.s3, "https://s3.eu-west-1.amazonaws.com"),
            (.apiGateway, "https://apigateway.eu-west-1.amazonaws.com"),
            (.ec2, "https://ec2.eu-west-1.amazonaws.com"),
            (.costExplorer, "https://ce.us-east-1.amazonaws.com"),
            (.tagging, "https://tagging.eu-west-1.amazonaws.com"),
            (.cloudTrail, "https://cloudtrail.eu-west-1.amazonaws.com"),
            (.sts, "https://sts.eu-west-1.amazonaws.com"),
            (.iam, "https://iam.amazonaws.com"),
        ]
        for (service, url) in expected {
            #expect(connection.endpoint(for: service) == url, "\(service)")
            #expect(connection.endpointSource(for: service) == .awsDefault)
        }
        #expect(connection.signingRegion(for: .iam) == "us-east-1")
        #expect(connection.signingRegion(for: .costExplorer) == "us-east-1")
        #expect(connection.signingRegion(for: .cloudWatchLogs) == "eu-west-1")
    }

    @Test("AWS_ENDPOINT_URL_<SERVICE> overrides that service only", arguments: AWSService.all)
    func serviceVariable(service: AWSService) throws {
        let connection = try connection(
            config: #"{"environments": {"test": {"endpoint_url": "http://config:1"}}}"#,
            [
                service.endpointEnvironmentVariable: "http://127.0.0.1:4999/",
                "AWS_ENDPOINT_URL": "http://global:2",
            ])
        #expect(connection.endpoint(for: service) == "http://127.0.0.1:4999")
        #expect(connection.endpointSource(for: service) == .serviceVariable(service.endpointEnvironmentVariable))
        for other in AWSService.all where other != service {
            #expect(connection.endpoint(for: other) == "http://global:2", "\(other) must not use \(service)'s variable")
        }
    }

    @Test("the variable names are the documented ones")
    func variableNames() {
        #expect(
            AWSService.all.map(\.endpointEnvironmentVariable) == [
                "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL_LAMBDA",
                "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_RDS", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_API_GATEWAY",
                "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_COST_EXPLORER", "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API",
                "AWS_ENDPOINT_URL_CLOUDTRAIL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_IAM",
            ])
    }

    @Test("AWS_ENDPOINT_URL beats config.json and the profile")
    func globalVariable() throws {
        let connection = try connection(
            config: #"{"environments": {"test": {"endpoint_url": "http://config:1"}}}"#,
            awsConfig: "[default]\nendpoint_url = http://profile:3\n",
            ["AWS_ENDPOINT_URL": "http://global:2"])
        #expect(connection.endpoint(for: .lambda) == "http://global:2")
        #expect(connection.endpointSource(for: .lambda) == .globalVariable)
    }

    @Test("config.json environments.<env>.endpoint_url beats the profile")
    func environmentConfig() throws {
        let connection = try connection(
            config: #"{"environments": {"test": {"endpoint_url": "http://127.0.0.1:5000"}}}"#,
            awsConfig: "[default]\nendpoint_url = http://profile:3\n")
        #expect(connection.endpoint(for: .s3) == "http://127.0.0.1:5000")
        #expect(connection.endpointSource(for: .s3) == .environmentConfig)
    }

    @Test("the profile's endpoint_url comes last before the default")
    func profileEndpoint() throws {
        let connection = try connection(
            awsConfig: "[profile local]\nendpoint_url = http://profile:3/base/\n",
            ["AWS_PROFILE": "local"])
        #expect(connection.endpoint(for: .ecs) == "http://profile:3/base")
        #expect(connection.endpointSource(for: .ecs) == .profile("local"))
    }

    @Test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true falls back to the AWS defaults")
    func ignoreConfigured() throws {
        let connection = try connection(
            config: #"{"environments": {"test": {"endpoint_url": "http://config:1"}}}"#,
            ["AWS_ENDPOINT_URL": "http://global:2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        #expect(connection.endpoint(for: .rds) == "https://rds.eu-west-1.amazonaws.com")
    }

    @Test("a malformed endpoint URL is a usage error naming the setting")
    func malformed() throws {
        let error = try #require(throws: FaberError.self) { try connection(["AWS_ENDPOINT_URL_LAMBDA": "localhost:5000"]) }
        #expect(error.exitStatus == .usage)
        #expect(error.message == "AWS_ENDPOINT_URL_LAMBDA is not an http(s) URL: 'localhost:5000'")

        let fromConfig = try #require(throws: FaberError.self) {
            try connection(config: #"{"environments": {"test": {"endpoint_url": "ftp://x"}}}"#)
        }
        #expect(fromConfig.message.hasPrefix("environments.test.endpoint_url in "))

        // A port that is not a number is caught here, not at the first call.
        let badPort = try #require(throws: FaberError.self) { try connection(["AWS_ENDPOINT_URL": "http://127.0.0.1:50o0"]) }
        #expect(badPort.message == "AWS_ENDPOINT_URL is not an http(s) URL: 'http://127.0.0.1:50o0'")
    }

    @Test("a password in a malformed endpoint URL is masked in the error")
    func malformedWithPassword() throws {
        let error = try #require(throws: FaberError.self) {
            try connection(["AWS_ENDPOINT_URL": "htp://admin:hunter2@127.0.0.1:5000"])
        }
        #expect(error.message == "AWS_ENDPOINT_URL is not an http(s) URL: 'htp://admin:***@127.0.0.1:5000'")
        #expect(!error.description.contains("hunter2"))

        // A valid one is kept as written: the password is masked only where it is shown.
        let valid = try connection(["AWS_ENDPOINT_URL": "http://admin:hunter2@127.0.0.1:5000"])
        #expect(valid.endpoint(for: .ecs) == "http://admin:hunter2@127.0.0.1:5000")
    }
}
