import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// `faber mcp` driven by the reference MCP client (the `mcp` package from PyPI, through
/// Fixtures/mcp-client.py) over stdio, against a private moto: the tools and their schemas, a
/// check-health call that gives what `faber run --output json` gives, argument errors, the
/// mutation policy, hot reload, prompts, progress and cancellation. Malformed input is sent raw.
@Suite("faber mcp with a real MCP client, end to end", .timeLimit(.minutes(5)))
struct MCPEndToEndTests {
    static let plan: Value = [
        "lambdas": [["name": "mcp-fn"]],
        "clusters": [["name": "mcp-cluster"]],
        "services": [["cluster": "mcp-cluster", "name": "mcp-web", "desired": 2], ["cluster": "mcp-cluster", "name": "mcp-dry", "desired": 2]],
    ]

    static let registry = """
        {"resources": {
          "fn": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:mcp-fn"},
          "web": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/mcp-cluster/mcp-web"},
          "dry": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/mcp-cluster/mcp-dry"}}}
        """

    static let moto = Task<MotoServer, any Error> {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, plan: plan)
        return moto
    }

    static let checkHealth = "fractary-faber-cloud.ops-manage.check-health"
    static let remediate = "fractary-faber-cloud.ops-manage.remediate"

    func pluginWorkspace(registry: String = Self.registry) throws -> TestWorkspace {
        try TestWorkspace(remediationRegistry: registry, prefix: "mcp")
    }

    /// Runs `steps` with the MCP client against `faber --workspace ws mcp [flags]`; the first entry
    /// is the initialize result. `stderr` receives the server's stderr.
    /// `command` and `cwd`: another way to start the server (as a client's configuration says).
    func client(
        _ ws: TestWorkspace, _ flags: [String] = [], steps: [Value], moto: Bool = true, command: [String]? = nil, cwd: String? = nil,
        environment extra: [String: String] = [:]
    ) async throws -> (entries: [Value], stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        if moto { for (key, value) in try await Self.moto.value.clientEnvironment() { environment[key] = value } }
        for (key, value) in extra { environment[key] = value }
        let stderrPath = ws.scratch + "/mcp-stderr-\(UUID().uuidString).txt"
        let server = try command ?? [FaberBinary.locate().path, "--workspace", ws.root, "mcp"] + flags
        let pairs: KeyValuePairs<String, Value> = [
            "command": .array(server.map { .string($0) }),
            "env": .object(OrderedDictionary(uniqueKeysWithValues: environment.map { ($0.key, Value.string($0.value)) })),
            "cwd": cwd.map { .string($0) } ?? .null, "stderr": .string(stderrPath), "steps": .array(steps),
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Bundle.module.resourceURL!.appendingPathComponent("Fixtures/mcp-client.py").path]
        let (input, output, error) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, error)
        try process.run()
        input.fileHandleForWriting.write(Data(Value.object(pairs).jsonString().utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let serverErr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw TestWorkspaceError(
                message: "mcp-client failed (\(process.terminationStatus)):\n\(String(decoding: err, as: UTF8.self))\nserver stderr:\n\(serverErr)")
        }
        return (try Value.parseJSON(String(decoding: out, as: UTF8.self)).array ?? [], serverErr)
    }

    static func call(_ name: String, _ arguments: Value = [:], progress: Bool = false) -> Value {
        ["do": "call", "name": .string(name), "arguments": arguments, "progress": .bool(progress)]
    }

    /// The value with every object's keys in order (MCP objects carry no key order).
    static func sortedKeys(_ value: Value) -> Value {
        switch value {
        case .object(let members): .object(OrderedDictionary(uniqueKeysWithValues: members.sorted { $0.key < $1.key }.map { ($0.key, sortedKeys($0.value)) }))
        case .array(let items): .array(items.map(sortedKeys))
        default: value
        }
    }

    /// The text of a tool result's content items, joined.
    static func text(_ entry: Value) -> String {
        (entry["result"]?["content"]?.array ?? []).compactMap { $0["text"]?.string }.joined(separator: "\n")
    }

    func desired(_ ws: TestWorkspace, _ service: String) async throws -> Int? { try ws.desiredCount(service, moto: await Self.moto.value) }

    @Test("initialize and tools/list: every operation a tool, with its schema and annotations from the risk")
    func listsTools() async throws {
        let ws = try pluginWorkspace()
        let (entries, _) = try await client(ws, steps: [["do": "list_tools"]], moto: false)
        #expect(entries[0]["serverInfo"]?["name"] == "faber")
        #expect(entries[0]["capabilities"]?["tools"]?["listChanged"] == true)
        #expect(entries[0]["capabilities"]?["prompts"]?["listChanged"] == true)
        let tools = entries[1]["tools"]?.array ?? []
        let names = tools.compactMap { $0["name"]?.string }
        #expect(
            names == [
                "fractary-faber-cloud.ops-manage.check-health", "fractary-faber-cloud.ops-manage.query-logs",
                "fractary-faber-cloud.ops-manage.investigate", "fractary-faber-cloud.ops-manage.analyze-performance",
                "fractary-faber-cloud.ops-manage.remediate", "fractary-faber-cloud.ops-manage.audit",
            ])
        let health = try #require(tools.first { $0["name"] == .string(Self.checkHealth) })
        #expect(health["annotations"]?["readOnlyHint"] == true)
        #expect(health["inputSchema"]?["properties"]?["env"]?["default"] == "test")
        #expect(health["inputSchema"]?["additionalProperties"] == false)
        #expect(health["description"]?.string?.hasPrefix("Status and CloudWatch metrics") == true)
        let remediate = try #require(tools.first { $0["name"] == .string(Self.remediate) })
        #expect(remediate["annotations"]?["readOnlyHint"] == false)
        #expect(remediate["annotations"]?["destructiveHint"] == true)
        #expect(remediate["inputSchema"]?["required"] == ["service", "action"])
        #expect(remediate["inputSchema"]?["properties"]?["action"]?["enum"] == ["restart", "scale"])
        #expect(remediate["inputSchema"]?["properties"]?["confirm"]?["type"] == "boolean")
    }

    @Test("the plugin's .mcp.json starts faber as Claude Code does: in the user's project, the plugin from where it is installed")
    func pluginMCPConfiguration() async throws {
        let ws = try pluginWorkspace()
        let pluginRoot = ws.path("plugins/fractary-faber-cloud")
        let file = try #require(ws.read("plugins/fractary-faber-cloud/.mcp.json"))
        let server = try #require(try Value.parseJSON(file)["mcpServers"]?["faber"])
        let command = try #require(server["command"]?.string)
        let arguments = (server["args"]?.array ?? []).compactMap { $0.string?.replacingOccurrences(of: "${CLAUDE_PLUGIN_ROOT}", with: pluginRoot) }
        let project = try TestWorkspace(["README.md": "a project without plugins\n"], prefix: "mcp-project")
        let faberFolder = (try FaberBinary.locate().path as NSString).deletingLastPathComponent
        let (entries, stderr) = try await client(
            project, steps: [["do": "list_tools"]], moto: false, command: [command] + arguments, cwd: project.root,
            environment: ["PATH": faberFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(command == "faber")
        #expect(stderr.contains("serving \(project.root) on stdio"))
        #expect(entries[1]["tools"]?.array?.count == 6)
        #expect(entries[1]["tools"]?.array?.first?["name"] == .string(Self.checkHealth))
    }

    @Test("check-health as a tool gives the JSON of faber run --output json, its text and its exit status, with progress")
    func checkHealthTool() async throws {
        // Not `web`, which another test scales while this one runs.
        let ws = try pluginWorkspace(
            registry: """
                {"resources": {
                  "fn": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:mcp-fn"},
                  "dry": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/mcp-cluster/mcp-dry"}}}
                """)
        let (entries, _) = try await client(ws, steps: [Self.call(Self.checkHealth, ["env": "test"], progress: true)])
        let result = try #require(entries[1]["result"])
        let run = try FaberBinary.locate().run(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage check-health --env test --output json"],
            environment: try await Self.moto.value.clientEnvironment())
        var expected = try #require(try Value.parseJSON(run.stdout).object)
        var structured = try #require(result["structuredContent"]?.object)
        #expect(Set(structured.keys) == Set(expected.keys))
        // Two runs: their own time stamps and report files.
        for key in ["timestamp", "report_path"] {
            #expect(structured[key] != nil)
            (structured[key], expected[key]) = (nil, nil)
        }
        #expect(Self.sortedKeys(.object(structured)) == Self.sortedKeys(.object(expected)))
        #expect(result["isError"] == nil || result["isError"] == false)
        #expect(result["_meta"]?["faber/exit_status"]?.int == Int(run.status))
        #expect(Self.text(entries[1]).contains("Health check"))
        #expect(Self.text(entries[1]).contains("exit status \(run.status)"))
        let progress = entries[1]["progress"]?.array ?? []
        #expect(progress.count >= 3)
        #expect(progress.last?["progress"] == progress.last?["total"])
        #expect(progress.contains { $0["message"]?.string?.contains("health-check/classify succeeded") == true })
    }

    @Test("a bad enum value or an unknown argument is a tool error naming what is accepted; an unknown tool is a protocol error")
    func argumentErrors() async throws {
        let ws = try pluginWorkspace()
        let (entries, _) = try await client(
            ws,
            steps: [
                Self.call(Self.remediate, ["env": "test", "service": "web", "action": "restartt"]),
                Self.call(Self.checkHealth, ["envv": "test"]),
                Self.call(Self.checkHealth, ["timeframe": ["minutes": 5]]),
                Self.call("fractary-faber-cloud.ops-manage.check-healht"),
                ["do": "list_tools"],
                Self.call(Self.checkHealth, ["env": "bogus"]),
            ], moto: false)
        #expect(entries[1]["result"]?["isError"] == true)
        #expect(Self.text(entries[1]).contains("'restartt' is not a valid value for --action; accepted: restart, scale"))
        #expect(Self.text(entries[1]).contains("did you mean 'restart'?"))
        #expect(Self.text(entries[2]).contains("unknown argument 'envv'"))
        #expect(Self.text(entries[2]).contains("did you mean 'env'?"))
        #expect(Self.text(entries[3]).contains("--timeframe takes a duration, not an object"))
        #expect(entries[4]["error"]?["code"] == -32602)
        #expect(entries[4]["error"]?["message"]?.string?.contains("did you mean '\(Self.checkHealth)'") == true)
        #expect((entries[5]["tools"]?.array?.count ?? 0) == 6, "the server keeps serving")
        // A run that fails: the step's error at its place, with the run's exit status and code.
        #expect(entries[6]["result"]?["isError"] == true)
        #expect(Self.text(entries[6]).contains("error: step 'registry' (registry.load) failed: unknown environment 'bogus'"))
        #expect(entries[6]["result"]?["_meta"]?["faber/exit_status"] == 64)
        #expect(entries[6]["result"]?["_meta"]?["faber/error_code"]?.string?.isEmpty == false)
        #expect(entries[6]["result"]?["_meta"]?["faber/files_written"] == [])
    }

    @Test("without --allow-mutations a mutating tool answers with its dry run and changes nothing, even with confirm")
    func mutationRefused() async throws {
        let ws = try pluginWorkspace()
        let (entries, stderr) = try await client(
            ws, steps: [Self.call(Self.remediate, ["env": "test", "service": "dry", "action": "scale", "count": 5, "confirm": true])])
        let result = try #require(entries[1]["result"])
        #expect(result["isError"] == true)
        #expect(Self.text(entries[1]).contains("started without --allow-mutations: nothing was changed"))
        #expect(result["structuredContent"]?["impact"]?["from"] == 2)
        #expect(result["structuredContent"]?["impact"]?["to"] == 5)
        #expect(result["_meta"]?["faber/dry_run"] == true)
        #expect(stderr.contains("(dry run)"))
        #expect(try await desired(ws, "dry") == 2)
        #expect(try ws.remediationLog("test").isEmpty)
    }

    @Test("with --allow-mutations: prod needs confirm: true (else a dry run); confirmed, the change is made, verified and logged")
    func mutationAllowed() async throws {
        let ws = try pluginWorkspace()
        let arguments: Value = ["env": "prod", "service": "web", "action": "scale", "count": 4, "interval": "1s", "verify-timeout": "20s"]
        let confirmed: Value = ["env": "prod", "service": "web", "action": "scale", "count": 4, "interval": "1s", "verify-timeout": "20s", "confirm": true]
        let (entries, _) = try await client(ws, ["--allow-mutations"], steps: [Self.call(Self.remediate, arguments), Self.call(Self.remediate, confirmed)])
        #expect(entries[1]["result"]?["isError"] == true)
        #expect(Self.text(entries[1]).contains("which requires confirmation: call it again with confirm: true"))
        #expect(entries[1]["result"]?["structuredContent"]?["impact"]?["to"] == 4)
        let applied = try #require(entries[2]["result"])
        #expect(applied["isError"] == nil || applied["isError"] == false, "\(Self.text(entries[2]))")
        #expect(applied["structuredContent"]?["outcome"] == "verified")
        #expect(applied["structuredContent"]?["confirmed"] == "--yes")
        #expect(try await desired(ws, "web") == 4)
        let log = try ws.remediationLog("prod")
        #expect(log.count == 1)
        #expect(log.first?["before"] == 2 && log.first?["after"] == 4)
    }

    @Test("a skill and command dropped into the workspace while the server runs become a tool, announced by list_changed")
    func hotReload() async throws {
        let ws = try TestWorkspace(["commands/.keep": ""], prefix: "mcp-reload")
        let (entries, _) = try await client(
            ws,
            steps: [
                ["do": "list_tools"],
                ["do": "write", "path": .string(ws.path("skills/greeter/SKILL.md")), "text": "---\nname: greeter\ndescription: Greets\ntools: [core]\n---\n"],
                ["do": "write", "path": .string(ws.path("skills/greeter/templates/hello.mustache")), "text": "hello {{who}}\n"],
                [
                    "do": "write", "path": .string(ws.path("skills/greeter/workflow/hello.md")),
                    "text":
                        "---\nname: hello\ninputs:\n  who: {default: world}\noutputs:\n  text: ${{ steps.say.outputs.text }}\n---\n```step\nid: say\nuses: core.render\nwith:\n  template: hello\n  values:\n    who: ${{ inputs.who }}\n```\n",
                ],
                [
                    "do": "write", "path": .string(ws.path("commands/hello.md")),
                    "text": "---\ndescription: Say hello\nworkflow: greeter/hello\narguments:\n  who: {type: string, default: world}\n---\n",
                ],
                ["do": "wait_notification", "method": "notifications/tools/list_changed", "timeout": 10],
                ["do": "list_tools"],
                Self.call("hello", ["who": "mcp"]),
            ], moto: false)
        #expect(entries[1]["tools"]?.array?.isEmpty == true)
        #expect(entries[6]["received"] == true)
        #expect(entries[7]["tools"]?.array?.compactMap { $0["name"]?.string } == ["hello"])
        #expect(entries[7]["tools"]?.array?.first?["inputSchema"]?["properties"]?["who"]?["default"] == "world")
        #expect(Self.text(entries[8]).contains("hello mcp"), "\(entries[8])")
    }

    @Test("prompt commands are MCP prompts, rendered as faber run renders them")
    func prompts() async throws {
        let ws = try TestWorkspace(
            ["commands/review.md": "---\ndescription: Review a pull request\nargument-hint: <pr-number> <priority>\n---\nReview PR $1 at priority $2.\n"],
            prefix: "mcp-prompts")
        let (entries, _) = try await client(
            ws,
            steps: [
                ["do": "list_prompts"], ["do": "get_prompt", "name": "review", "arguments": ["arguments": "42 high"]],
                ["do": "get_prompt", "name": "reveiw"], ["do": "list_tools"],
            ], moto: false)
        let prompt = try #require(entries[1]["prompts"]?.array?.first)
        #expect(prompt["name"] == "review")
        #expect(prompt["description"] == "Review a pull request")
        #expect(prompt["arguments"]?.array?.first?["name"] == "arguments")
        #expect(prompt["arguments"]?.array?.first?["description"]?.string?.contains("<pr-number> <priority>") == true)
        let message = try #require(entries[2]["result"]?["messages"]?.array?.first)
        #expect(message["role"] == "user")
        #expect(message["content"]?["text"]?.string?.contains("Review PR 42 at priority high.") == true)
        #expect(entries[3]["error"]?["message"]?.string?.contains("did you mean 'review'") == true)
        #expect(entries[4]["tools"]?.array?.isEmpty == true, "a prompt is not a tool")
    }

    @Test("a cancelled call stops its run (the step after the wait never runs) and gets no answer; the server goes on")
    func cancellation() async throws {
        let ws = try TestWorkspace(
            [
                "commands/slow.md": "---\ndescription: Waits, then writes\nworkflow: waiter/slow\n---\n",
                "skills/waiter/SKILL.md": "---\nname: waiter\ndescription: Waits\ntools: [core, report]\n---\n",
                "skills/waiter/workflow/slow.md": """
                ---
                name: slow
                ---
                ```step
                id: wait
                uses: core.fail
                retry: {attempts: 3, backoff: 30s}
                on_error: continue
                with:
                  message: unavailable for now
                  exit_code: 69
                ```

                ```step
                id: after
                uses: report.save
                needs: [wait]
                with:
                  path: after.json
                  data: {done: true}
                ```
                """,
            ], prefix: "mcp-cancel")
        let started = Date()
        let (entries, stderr) = try await client(
            ws, steps: [["do": "cancel", "name": "slow", "after": 1], ["do": "list_tools"]], moto: false)
        #expect(entries[1]["answered"] == false)
        #expect(entries[2]["tools"]?.array?.count == 1, "\(stderr)")
        #expect(Date().timeIntervalSince(started) < 25, "the 60 s of backoff did not run")
        #expect(ws.read("after.json") == nil)
    }

    @Test("faber without faber-mcp beside it says what to install, with exit 69")
    func serverBinaryMissing() throws {
        let ws = try TestWorkspace(["commands/.keep": ""], prefix: "mcp-alone")
        let alone = ws.scratch + "/bin/faber"
        try FileManager.default.createDirectory(atPath: ws.scratch + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try FaberBinary.locate().path, toPath: alone)
        let result = try FaberBinary(path: alone).run(["--workspace", ws.root, "mcp"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("faber mcp needs the faber-mcp binary beside faber: \(alone)-mcp is missing"))
        #expect(result.stderr.contains("swift build -c release --product faber-mcp"))
        #expect(result.stdout.isEmpty)
    }

    @Test("lines that are not JSON-RPC get protocol errors, and the server keeps serving")
    func malformedInput() throws {
        let ws = try TestWorkspace(["commands/.keep": ""], prefix: "mcp-malformed")
        let initialize =
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#
        let lines = [
            "this is not json", initialize, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, #"{"id":2,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"no/such"}"#, #"{"jsonrpc":"2.0","id":4,"method":"tools/list"}"#,
        ]
        let result = try ws.faber("mcp", stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try result.stdout.split(separator: "\n").map { try Value.parseJSON(String($0)) }
        let byID = Dictionary(answers.compactMap { answer in answer["id"].map { ($0.jsonString(), answer) } }, uniquingKeysWith: { a, _ in a })
        #expect(answers.contains { $0["id"] == .null && $0["error"]?["code"] == -32700 })
        #expect(byID["2"]?["error"]?["code"] == -32600)
        #expect(byID["3"]?["error"]?["code"] == -32601)
        #expect(byID["4"]?["result"]?["tools"] == [])
        #expect(byID["1"]?["result"]?["serverInfo"]?["name"] == "faber")
    }
}
