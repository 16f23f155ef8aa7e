import FaberAWS
import FaberCore
import FaberTestSupport
import Testing

@Suite("Region resolution")
struct AWSConnectionRegionTests {
    let keys = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"]

    /// config.json with a hosting region and an environment region; profile `p` with its own region.
    func sandbox(environmentRegion: Bool = true, hostingRegion: Bool = true, profileRegion: Bool = true) throws -> TestWorkspace {
        let box = try TestWorkspace(prefix: "config")
        let hosting = hostingRegion ? #""region": "hosting-1""# : ""
        let env = environmentRegion ? #""region": "environment-1""# : ""
        try box.writeConfig(#"{"handlers": {"hosting": {"aws": {\#(hosting)}}}, "environments": {"test": {\#(env)}}}"#)
        try box.writeAWSConfig(profileRegion ? "[default]\nregion = profile-1\n[profile p]\nregion = named-profile-1\n" : "")
        return box
    }

    func region(_ box: TestWorkspace, _ extra: [String: String]) throws -> String {
        try AWSConnection.resolve(
            environment: "test", configuration: box.configuration(),
            processEnvironment: box.environment(keys.merging(extra) { $1 })
        ).region
    }

    let variables = ["AWS_REGION": "variable-1", "AWS_DEFAULT_REGION": "default-variable-1"]

    @Test("environments.<env>.region comes first")
    func environmentRegion() throws {
        #expect(try region(sandbox(), variables) == "environment-1")
    }

    @Test("then AWS_REGION, then AWS_DEFAULT_REGION")
    func variablesNext() throws {
        let box = try sandbox(environmentRegion: false)
        #expect(try region(box, variables) == "variable-1")
        #expect(try region(box, ["AWS_DEFAULT_REGION": "default-variable-1"]) == "default-variable-1")
    }

    @Test("then the profile's region (AWS_PROFILE or default)")
    func profileRegion() throws {
        let box = try sandbox(environmentRegion: false)
        #expect(try region(box, [:]) == "profile-1")
        #expect(try region(box, ["AWS_PROFILE": "p"]) == "named-profile-1")
    }

    @Test("then handlers.hosting.aws.region")
    func hostingRegion() throws {
        #expect(try region(sandbox(environmentRegion: false, profileRegion: false), [:]) == "hosting-1")
    }

    @Test("no region anywhere is a usage error saying how to set one")
    func noRegion() throws {
        let box = try sandbox(environmentRegion: false, hostingRegion: false, profileRegion: false)
        let error = try #require(throws: FaberError.self) { try region(box, [:]) }
        #expect(error.exitStatus == .usage)
        #expect(error.message == "no AWS region for environment 'test'")
        #expect(error.hint?.contains("environments.test.region") == true)
        #expect(error.hint?.contains("AWS_REGION") == true)
    }

    @Test("a malformed region is refused with its source")
    func badRegion() throws {
        let box = try sandbox(environmentRegion: false)
        let error = try #require(throws: FaberError.self) { try region(box, ["AWS_REGION": "EU West"]) }
        #expect(error.exitStatus == .usage)
        #expect(error.message == "AWS_REGION is not an AWS region: 'EU West'")
    }
}
