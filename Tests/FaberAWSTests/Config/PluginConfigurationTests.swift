import FaberCore
import FaberTestSupport
import Testing

@testable import FaberAWS

@Suite("faber-cloud config.json")
struct PluginConfigurationTests {
    @Test("a workspace without a config file gets the defaults")
    func missingFile() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        let config = try sandbox.configuration()
        #expect(config.path == nil)
        #expect(config.activeHostingHandler == "aws")
        #expect(config.environmentNames.isEmpty)
        let test = try config.awsEnvironment("test")
        #expect(test.region == nil && test.profile == nil && test.endpointURL == nil)
        #expect(!test.requireConfirmation)
        #expect(try config.awsEnvironment("prod").requireConfirmation)
        #expect(try config.awsEnvironment("staging").name == "staging")
    }

    @Test(
        "config.json is preferred, then faber-cloud.json, then devops.json",
        arguments: [["config.json", "faber-cloud.json", "devops.json"], ["faber-cloud.json", "devops.json"], ["devops.json"]])
    func olderNames(present: [String]) throws {
        let sandbox = try TestWorkspace(prefix: "config")
        for name in present {
            try sandbox.writeConfig(#"{"handlers": {"hosting": {"aws": {"region": "from-\#(name)"}}}}"#, name: name)
        }
        let config = try sandbox.configuration()
        #expect(config.defaultRegion == "from-\(present[0])")
        #expect(config.path?.hasSuffix("/.fractary/plugins/faber-cloud/\(present[0])") == true)
    }

    @Test("invalid JSON is an invalid-spec error located at path:line:col")
    func invalidJSON() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        let path = try sandbox.writeConfig("{\n  \"environments\": {\n    \"test\": {,}\n  }\n}\n")
        let error = try #require(throws: FaberError.self) { try sandbox.configuration() }
        #expect(error.exitStatus == .invalidSpec)
        #expect(error.location == SourceLocation(path: path, line: 3, column: 14))
        #expect(error.description.hasPrefix("\(path):3:14: error: invalid JSON"))
    }

    @Test("a top level that is not an object is an invalid-spec error")
    func notAnObject() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        let path = try sandbox.writeConfig("[1, 2]")
        let error = try #require(throws: FaberError.self) { try sandbox.configuration() }
        #expect(error.exitStatus == .invalidSpec)
        #expect(error.description.hasPrefix("\(path):1:1: error:"))
        #expect(error.message == "the plugin configuration must be a JSON object, not a list")
    }

    @Test(
        "messages use the right indefinite article",
        arguments: [
            ("list", "a list"), ("object", "an object"), ("integer", "an integer"), ("number", "a number"),
            ("ecs-service", "an ecs-service"), ("api-gateway", "an api-gateway"), ("lambda", "a lambda"),
            ("rds-instance", "an rds-instance"), ("s3-bucket", "an s3-bucket"), ("string", "a string"),
            ("unit", "a unit"), ("user name", "a user name"), ("eu-west-1 region", "an eu-west-1 region"), ("euro", "a euro"),
        ])
    func article(_ noun: String, _ expected: String) {
        #expect(English.withArticle(noun) == expected)
    }

    @Test("environment settings, the deploy profile fallback and require_confirmation defaults")
    func environments() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeConfig(
            """
            {"handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1",
                          "profiles": {"prod_deploy": "acme-prod-deploy", "staging_deploy": "acme-staging"}}}},
             "environments": {
               "test": {"endpoint_url": "http://127.0.0.1:5000"},
               "staging": {"region": "eu-west-2", "require_confirmation": true},
               "prod": {"profile": "acme-prod"},
               "sandbox": {"require_confirmation": false}},
             "thresholds": {"lambda": {"error_rate": 5}}}
            """)
        let config = try sandbox.configuration()
        #expect(config.environmentNames == ["test", "staging", "prod", "sandbox"])
        #expect(config.thresholds["lambda"]?["error_rate"]?.int == 5)

        let test = try config.awsEnvironment("test")
        #expect(test.endpointURL == "http://127.0.0.1:5000")
        #expect(!test.requireConfirmation)
        let staging = try config.awsEnvironment("staging")
        #expect(staging.region == "eu-west-2")
        #expect(staging.profile == "acme-staging")
        #expect(staging.requireConfirmation)
        let prod = try config.awsEnvironment("prod")
        #expect(prod.profile == "acme-prod")
        #expect(prod.requireConfirmation)
        #expect(try !config.awsEnvironment("sandbox").requireConfirmation)
    }

    @Test("prod can opt out of confirmation explicitly")
    func prodOptOut() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeConfig(#"{"environments": {"prod": {"require_confirmation": false}}}"#)
        #expect(try !sandbox.configuration().awsEnvironment("prod").requireConfirmation)
    }

    @Test("an unknown environment is a usage error with did-you-mean and the list; test always exists")
    func unknownEnvironment() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeConfig(#"{"environments": {"staging": {}, "prod": {}}}"#)
        let config = try sandbox.configuration()
        let error = try #require(throws: FaberError.self) { try config.awsEnvironment("prdo") }
        #expect(error.exitStatus == .usage)
        #expect(error.message == "unknown environment 'prdo'")
        #expect(error.hint?.hasPrefix("did you mean 'prod'?") == true)
        #expect(error.hint?.contains("test, staging, prod") == true)
        #expect(try config.awsEnvironment("test").name == "test")

        let far = try #require(throws: FaberError.self) { try config.awsEnvironment("qa") }
        #expect(far.hint?.contains("did you mean") == false)
    }
}

extension TestWorkspace {
    /// The configuration the fractary-faber-cloud plugin's specs read in this workspace.
    func configuration() throws -> PluginConfiguration {
        try PluginConfiguration.load(workspace: root, plugin: "fractary-faber-cloud", loadedPlugins: [])
    }
}
