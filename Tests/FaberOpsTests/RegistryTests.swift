import FaberCore
import FaberTestSupport
import Testing

@testable import FaberOps

/// `registry.load`: both registry forms, one service, and located errors for what is wrong.
@Suite("Deployment registry")
struct RegistryTests {
    static let path = ".fractary/plugins/faber-cloud/deployments/prod/registry.json"

    func load(_ text: String?, service: String? = nil, env: String = "prod") async throws -> Value {
        let ws = try TestWorkspace()
        if let text { try ws.write(Self.path, text) }
        var input: Value = ["path": .string(Self.path), "env": .string(env)]
        if let service { input["service"] = .string(service) }
        return try await LoadRegistryHandler().run(input, context: .testing(workspace: ws.root))
    }

    func error(_ text: String?, service: String? = nil, env: String = "prod") async -> FaberError? {
        do {
            _ = try await load(text, service: service, env: env)
            return nil
        } catch {
            return error as? FaberError
        }
    }

    static let map = """
        {"environment": "prod", "resources": {
          "orders-api": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:1:function:orders-api-prod"},
          "orders-db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:1:db:orders-db-prod"}
        }}
        """

    @Test("the map form and the list form give the same entries, in file order")
    func bothForms() async throws {
        let fromMap = try await load(Self.map)
        let fromList = try await load(
            """
            {"environment": "prod", "resources": [
              {"id": "orders-api", "type": "lambda", "arn": "arn:aws:lambda:us-east-1:1:function:orders-api-prod"},
              {"id": "orders-db", "type": "rds-instance", "arn": "arn:aws:rds:us-east-1:1:db:orders-db-prod"}
            ]}
            """)
        #expect(fromMap["resources"] == fromList["resources"])
        #expect(fromMap["count"] == 2)
        #expect(fromMap["resources"]?.array?.map { $0["id"] } == ["orders-api", "orders-db"])
    }

    @Test("--service narrows to one resource; an unknown one is refused with the known ids and a did-you-mean")
    func oneService() async throws {
        #expect(try await load(Self.map, service: "orders-db")["resources"]?.array?.map { $0["id"] } == ["orders-db"])
        let unknown = try #require(await error(Self.map, service: "ordrs-db"))
        #expect(unknown.exitStatus == .usage)
        #expect(unknown.code == "unknown-service")
        #expect(unknown.hint == "did you mean 'orders-db'? services: orders-api, orders-db")
    }

    @Test("an environment without a registry is told which file to create and its shape (64)")
    func missing() async throws {
        let missing = try #require(await error(nil))
        #expect(missing.exitStatus == .usage)
        #expect(missing.code == "registry-missing")
        #expect(missing.message == "no deployment registry for environment 'prod': \(Self.path) does not exist")
        #expect(missing.hint?.contains(#""resources": {"#) == true)
    }

    @Test(
        "a malformed registry is an invalid spec at path:line:col",
        arguments: [
            ("{\"environment\": \"prod\",\n \"resources\": {,}}", 2, 16, "invalid JSON in the registry"),
            ("[]", 1, 1, "the registry must be a JSON object, not a list"),
            ("{\"environment\": \"prod\"}", 1, 1, "the registry has no 'resources'"),
            ("{\"environment\": \"test\", \"resources\": {}}", 1, 17, "this registry is for environment 'test', not 'prod'"),
            ("{\"resources\": {\n  \"x\": {\"type\": \"lambda\"}}}", 2, 8, "resource 'x' has no arn"),
            ("{\"resources\": {\n  \"x\": {\"type\": \"lamda\", \"arn\": \"a\"}}}", 2, 8, "resource 'x' has unknown type 'lamda'"),
            (
                "{\"resources\": [\n {\"id\": \"a\", \"type\": \"s3-bucket\", \"arn\": \"arn:aws:s3:::a\"},\n {\"id\": \"a\", \"type\": \"s3-bucket\", \"arn\": \"arn:aws:s3:::b\"}]}",
                3, 2,
                "resource 'a' is in the registry twice"
            ),
        ])
    func malformed(_ text: String, _ line: Int, _ column: Int, _ message: String) async throws {
        let problem = try #require(await error(text))
        #expect(problem.exitStatus == .invalidSpec)
        #expect(problem.location == SourceLocation(path: Self.path, line: line, column: column))
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
    }

    @Test("depends_on names the registry ids an entry calls; a typo or the entry itself is located, with a did-you-mean")
    func dependencies() async throws {
        let text = """
            {"environment": "prod", "resources": {
              "orders-api": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:1:function:orders-api-prod", "depends_on": ["orders-db"]},
              "orders-db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:1:db:orders-db-prod"}
            }}
            """
        let resources = try await load(text)["resources"]?.array
        #expect(resources?.first?["depends_on"] == ["orders-db"])
        #expect(resources?.last?["depends_on"] == nil)
        let typo = await error(text.replacingOccurrences(of: #"["orders-db"]"#, with: #"["orders-dv"]"#))
        #expect(typo?.message == "resource 'orders-api' depends on 'orders-dv', which is not in the registry")
        #expect(typo?.hint?.contains("did you mean 'orders-db'?") == true)
        #expect(typo?.location?.line == 2)
        let itself = await error(text.replacingOccurrences(of: #"["orders-db"]"#, with: #"["orders-api"]"#))
        #expect(itself?.message == "resource 'orders-api' depends on itself")
    }

    @Test("several services at once; with narrow false they are checked and every resource is kept")
    func severalServices() async throws {
        let both = try await load(Self.map, service: "orders-db,orders-api")
        #expect(both["resources"]?.array?.compactMap { $0["id"]?.string } == ["orders-db", "orders-api"])
        let ws = try TestWorkspace()
        _ = try ws.write(Self.path, Self.map)
        let all = try await LoadRegistryHandler().run(
            ["path": .string(Self.path), "env": "prod", "service": ["orders-db"], "narrow": false], context: .testing(workspace: ws.root))
        #expect(all["count"] == 2)
        await #expect(throws: FaberError.self) {
            _ = try await LoadRegistryHandler().run(
                ["path": .string(Self.path), "env": "prod", "service": ["orders-dx"], "narrow": false], context: .testing(workspace: ws.root))
        }
    }
}
