import FaberAWS
import FaberTestSupport
import Testing

@Suite("AWS shared credentials and config files")
struct AWSProfileFileTests {
    @Test("credentials file: [name] sections, comments, inline comments, case-insensitive keys")
    func credentialsFile() {
        let file = AWSProfileFile.parse(
            """
            # leading comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key=secretdefault ; trailing comment
            ; another comment

            [dev]
            AWS_Access_Key_ID = AKIDDEV
            aws_secret_access_key = sec#ret   # comment
            """, kind: .credentials)
        #expect(file.profiles["default"]?["aws_access_key_id"] == "AKIDDEFAULT")
        #expect(file.profiles["default"]?["aws_secret_access_key"] == "secretdefault")
        #expect(file.profiles["dev"]?["aws_access_key_id"] == "AKIDDEV")
        #expect(file.profiles["dev"]?["aws_secret_access_key"] == "sec#ret")
        #expect(file.profiles.count == 2)
    }

    @Test("config file: [profile x] and [default]; other sections and nested blocks skipped")
    func configFile() {
        let file = AWSProfileFile.parse(
            """
            [default]
            region = us-east-1

            [profile prod]
            region = eu-west-1
            s3 =
              max_concurrent_requests = 20
              addressing_style = path
            endpoint_url = http://localhost:4566
            output = json

            [sso-session corp]
            sso_region = us-east-1

            [services local]
            lambda =
              endpoint_url = http://localhost:9999

            [prod]
            region = should-not-count
            """, kind: .config)
        #expect(file.profiles["default"]?["region"] == "us-east-1")
        #expect(file.profiles["prod"]?["region"] == "eu-west-1")
        #expect(file.profiles["prod"]?["endpoint_url"] == "http://localhost:4566")
        #expect(file.profiles["prod"]?["output"] == "json")
        #expect(file.profiles["prod"]?["max_concurrent_requests"] == nil)
        #expect(file.profiles["prod"]?["addressing_style"] == nil)
        #expect(Set(file.profiles.keys) == ["default", "prod"])
    }

    @Test("files come from HOME, or AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE")
    func filePaths() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeCredentials("[home]\naws_access_key_id = A\n")
        try sandbox.writeAWSConfig("[profile homecfg]\nregion = us-west-2\n")
        let fromHome = AWSSharedConfig.load(processEnvironment: sandbox.environment())
        #expect(fromHome.hasProfile("home"))
        #expect(fromHome.value("region", profile: "homecfg") == "us-west-2")
        #expect(fromHome.describeFiles(home: sandbox.home) == "~/.aws/credentials or ~/.aws/config")

        let other = try sandbox.write("[elsewhere]\naws_access_key_id = B\n", to: sandbox.scratch + "/creds")
        let otherConfig = try sandbox.write("[profile cfg2]\nregion = ap-south-1\n", to: sandbox.scratch + "/cfg")
        let explicit = AWSSharedConfig.load(
            processEnvironment: sandbox.environment([
                "AWS_SHARED_CREDENTIALS_FILE": other, "AWS_CONFIG_FILE": otherConfig,
            ]))
        #expect(explicit.hasProfile("elsewhere"))
        #expect(!explicit.hasProfile("home"))
        #expect(explicit.value("region", profile: "cfg2") == "ap-south-1")
        #expect(explicit.credentialsPath == other)
    }

    @Test("a setting is read from the credentials file first, then the config file")
    func lookupOrder() throws {
        let sandbox = try TestWorkspace(prefix: "config")
        try sandbox.writeCredentials("[p]\nregion = from-credentials\n")
        try sandbox.writeAWSConfig("[profile p]\nregion = from-config\noutput = text\n")
        let shared = AWSSharedConfig.load(processEnvironment: sandbox.environment())
        #expect(shared.value("region", profile: "p") == "from-credentials")
        #expect(shared.value("output", profile: "p") == "text")
        #expect(shared.value("missing", profile: "p") == nil)
    }

    @Test("missing files are empty, not errors")
    func missingFiles() {
        let shared = AWSSharedConfig.load(processEnvironment: ["HOME": "/nonexistent-faber-home"])
        #expect(shared.credentialsFile.profiles.isEmpty)
        #expect(shared.configFile.profiles.isEmpty)
    }
}
