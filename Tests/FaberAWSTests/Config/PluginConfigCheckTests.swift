import FaberCore
import FaberTestSupport
import Foundation
import Testing

@testable import FaberAWS

@Suite("faber check of plugin config.json files")
struct PluginConfigCheckTests {
    static func check(_ text: String) -> [Diagnostic] {
        PluginConfigCheck.check(path: "config.json", bytes: Array(text.utf8))
    }

    static func lines(_ text: String) -> [String] {
        check(text).sortedByLocation().map(\.description)
    }

    @Test("a misspelled environment key is a warning with a did-you-mean, located at the key")
    func misspelledKey() {
        let found = Self.check(
            """
            {
              "environments": {
                "test": {"regoin": "us-east-1"}
              }
            }
            """)
        #expect(
            found.map(\.description) == [
                "config.json:3:14: warning: unknown key 'regoin' in environment 'test'\n  hint: did you mean 'region'?"
            ])
        #expect(!found.hasErrors)
    }

    @Test("an unknown key without a close match lists the keys faber reads")
    func unknownKey() {
        #expect(
            Self.lines(#"{"environments": {"test": {"colour": "blue"}}}"#) == [
                "config.json:1:28: warning: unknown key 'colour' in environment 'test'\n"
                    + "  hint: faber reads region, profile, endpoint_url, require_confirmation from an environment"
            ])
    }

    @Test(
        "region, profile and endpoint_url must be text",
        arguments: [
            (#"{"environments": {"test": {"region": 5}}}"#, "config.json:1:38: error: 'region' of environment 'test' must be text, not a number (5)"),
            (#"{"environments": {"test": {"profile": 7}}}"#, "config.json:1:39: error: 'profile' of environment 'test' must be text, not a number (7)"),
            (
                #"{"environments": {"test": {"endpoint_url": ["http://x"]}}}"#,
                "config.json:1:44: error: 'endpoint_url' of environment 'test' must be text, not a list ([...])"
            ),
        ])
    func textSettings(_ text: String, _ expected: String) {
        let found = Self.check(text)
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix(expected + "\n  hint: write it in quotes, e.g. ") == true, "\(found)")
    }

    @Test("require_confirmation must be true or false: a quoted yes does not silently weaken it")
    func requireConfirmation() {
        let found = Self.check(
            """
            {"environments": {
              "prod": {"require_confirmation": "yes"},
              "staging": {"require_confirmation": 1},
              "test": {"require_confirmation": false},
              "dev": {"require_confirmation": null}
            }}
            """)
        #expect(
            found.map(\.description) == [
                "config.json:2:36: error: 'require_confirmation' of environment 'prod' must be true or false, not text (\"yes\")\n"
                    + "  hint: write true or false without quotes: whether changes in 'prod' are confirmed first (leave it out for the default, true for 'prod')",
                "config.json:3:39: error: 'require_confirmation' of environment 'staging' must be true or false, not a number (1)\n"
                    + "  hint: write true or false without quotes: whether changes in 'staging' are confirmed first (leave it out for the default, false for 'staging')",
            ])
    }

    @Test("every finding of a file is reported, in file order")
    func several() {
        let found = Self.check(
            """
            {
              "handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1", "profiles": {"prod_deploy": 3}, "timeout": "soon"}}},
              "environments": {
                "test": {"endpoint_url": "ftp://127.0.0.1:5000", "regoin": "eu-west-1"},
                "prod": "eu-west-1"
              }
            }
            """
        ).sortedByLocation()
        #expect(
            found.map { "\($0.location!.line):\($0.location!.column) \($0.severity)" } == [
                "2:104 error", "2:119 error", "4:30 error", "4:54 warning", "5:13 error",
            ])
        #expect(found[0].message == "'handlers.hosting.aws.profiles.prod_deploy' must be text, not a number (3)")
        #expect(found[1].message == "'handlers.hosting.aws.timeout' must be a number of seconds or a duration from 1ms to 1h, not \"soon\"")
        #expect(found[2].message == "'endpoint_url' of environment 'test' is not an http(s) URL: 'ftp://127.0.0.1:5000'")
        #expect(found[4].message == "environment 'prod' must be an object of settings, not text")
    }

    @Test("a valid file, unknown top-level keys (other tools' settings) and thresholds give nothing")
    func valid() {
        #expect(
            Self.check(
                """
                {
                  "handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1", "timeout": "45s",
                               "profiles": {"staging_deploy": "acme-staging", "prod_deploy": "acme-prod"}}}},
                  "environments": {
                    "test": {"endpoint_url": "http://127.0.0.1:5000"},
                    "staging": {"region": "eu-west-2"},
                    "prod": {"region": "eu-west-1", "profile": "acme-prod", "require_confirmation": true}
                  },
                  "thresholds": {"lambda": {"error_rate": 5}},
                  "some_other_tool": {"regoin": 5}
                }
                """
            ).isEmpty)
    }

    @Test("environments that is not an object is an error")
    func environmentsNotAnObject() {
        #expect(
            Self.lines(#"{"environments": ["test", "prod"]}"#).first?
                .hasPrefix("config.json:1:18: error: 'environments' must be an object of environments, not a list") == true)
    }

    @Test("invalid JSON is reported as faber check reports it for a skill's configuration")
    func invalidJSON() {
        let found = Self.check("{\n  \"environments\": {\n    \"test\": {,}\n  }\n}\n")
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix("config.json:3:14: error: invalid JSON") == true)
    }

    @Test("a top level that is not an object is an error (the loader refuses it in every folder)")
    func notAnObject() {
        #expect(
            Self.lines("[1, 2]") == [
                "config.json:1:1: error: the plugin configuration must be a JSON object, not a list\n"
                    + "  hint: start the file with '{' and put 'handlers', 'environments' and 'thresholds' in it"
            ])
    }

    @Test("escapes and unicode do not shift the locations")
    func locations() throws {
        let json = "{\"a\\\"b\": \"\\u00e9\", \"environments\": {\"t\\u00e9st\": {\n\t\"regoin\": 1}}}"
        let document = try Value.parseLocatedJSON(bytes: Array(json.utf8))
        let env = try #require(document.member("environments")?.value.member("tést"))
        #expect(env.value.members.first?.key == "regoin")
        #expect((env.value.members.first?.keyLine, env.value.members.first?.keyColumn) == (2, 2))
        #expect(document.member("a\"b")?.value.shownText == "\"é\"")
    }

    @Test("every plugin folder's configuration file is checked, config.json first")
    func workspaceFiles() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        let cloud = try sandbox.writeConfig(#"{"environments": {"test": {"regoin": "x"}}}"#)
        try sandbox.writeConfig("{}", name: "devops.json")  // not read: config.json comes first
        let other = try sandbox.write(
            #"{"environments": {"prod": {"require_confirmation": "no"}}}"#,
            to: sandbox.workspace + "/.fractary/plugins/faber-app/faber-cloud.json")
        try sandbox.write("[]", to: sandbox.workspace + "/.fractary/plugins/other/config.json")
        let otherConfig = sandbox.workspace + "/.fractary/plugins/other/config.json"
        let files = PluginConfiguration.files(workspace: sandbox.workspace)
        #expect(files == [other, cloud, otherConfig])
        let found = files.flatMap { PluginConfigCheck.check(path: $0, bytes: Array(FileManager.default.contents(atPath: $0)!)) }
        #expect(found.map { "\($0.location!.path) \($0.severity)" } == ["\(other) error", "\(cloud) warning", "\(otherConfig) error"])
    }

    @Test("at run time, a require_confirmation that is not true or false is an invalid-spec error at its place")
    func runTimeRequireConfirmation() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        let path = try sandbox.writeConfig(
            """
            {"environments": {
              "staging": {"region": "eu-west-2", "require_confirmation": "yes"},
              "test": {"require_confirmation": null}
            }}
            """)
        let config = try sandbox.configuration()
        let error = try #require(throws: FaberError.self) { try config.environment("staging") }
        #expect(error.exitStatus == .invalidSpec)
        #expect(error.exitStatus.rawValue == 65)
        #expect(
            error.description.hasPrefix(
                "\(path):2:62: error: 'require_confirmation' of environment 'staging' must be true or false, not text (\"yes\")"))
        #expect(!(try config.environment("test").requireConfirmation))
        let resolving = try #require(throws: FaberError.self) {
            try AWSConnection.resolve(
                environment: "staging", configuration: sandbox.configuration(),
                processEnvironment: sandbox.environment(["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]))
        }
        #expect(resolving.exitStatus == .invalidSpec)
    }
}
