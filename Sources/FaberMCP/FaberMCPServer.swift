import FaberCore
import FaberRuntime
import FaberSpec
import Foundation
import MCP
import Synchronization

/// `faber mcp`: the workspace's commands as Model Context Protocol tools and its prompt commands
/// as MCP prompts, over stdio (newline-delimited JSON-RPC, modelcontextprotocol/swift-sdk).
/// Every request reads the workspace as it is now (the loader re-parses only what changed), and
/// a watcher sends `notifications/tools/list_changed` (and `prompts/list_changed`) when a spec
/// is added, changed or removed. Stdout carries only the protocol; diagnostics go to stderr.
public final class FaberMCPServer: Sendable {
    public struct Options: Sendable {
        /// `--allow-mutations`: tools that change resources may run for real (see `ToolCall`).
        public var allowMutations = false
        /// How often the watcher looks at the workspace, in seconds.
        public var reloadInterval = 0.5
        public var version = "0.1.0"

        public init() {}
    }

    let runtime: Runtime
    let options: Options
    let console = MCPConsole()
    /// What the last look at the workspace saw: the lists' fingerprints.
    private let seen = Mutex((tools: "", prompts: ""))

    public init(runtime: Runtime, options: Options) {
        self.runtime = runtime
        self.options = options
    }

    /// Serves until the client closes stdin and every request read is answered.
    public func serve() async throws {
        let server = Server(
            name: "faber", version: options.version, title: "faber",
            instructions:
                "faber runs the workspace's markdown plugins deterministically. Each tool is one operation (for example check-health); its result is the operation's JSON report. Tools that change resources run only when the server allows mutations, and only with confirm: true where the environment requires confirmation; otherwise they answer with a dry run of what they would do.",
            capabilities: .init(prompts: .init(listChanged: true), tools: .init(listChanged: true)))
        await register(on: server)
        _ = (tools(), prompts())  // what the client will see first
        let initialized = Mutex(false)
        try await server.start(transport: JSONLineTransport()) { _, _ in initialized.withLock { $0 = true } }
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(options.reloadInterval * 1000)))
                guard initialized.withLock({ $0 }) else { continue }
                await notifyChanges(server)
            }
        }
        await server.waitUntilCompleted()
        watcher.cancel()
        await server.stop()
    }

    private func register(on server: Server) async {
        await server.withMethodHandler(ListTools.self) { [self] _ in
            ListTools.Result(tools: tools().entries.map(Self.tool))
        }
        await server.withMethodHandler(CallTool.self) { [self] parameters in
            try await call(parameters, server: server)
        }
        await server.withMethodHandler(ListPrompts.self) { [self] _ in
            ListPrompts.Result(prompts: prompts().entries.map(Self.prompt))
        }
        await server.withMethodHandler(GetPrompt.self) { [self] parameters in
            try getPrompt(parameters)
        }
    }

    // MARK: Tools

    /// The workspace's tools now, remembered as the list the client last saw.
    func tools() -> ToolCatalog {
        let catalog = ToolCatalog(workspace: runtime.workspace())
        seen.withLock { $0.tools = Self.fingerprint(catalog) }
        for collision in catalog.collisions { console.diagnostic(collision) }
        return catalog
    }

    static func tool(_ entry: ToolCatalog.Entry) -> Tool {
        let annotations: Tool.Annotations =
            entry.risk == .readOnly
            ? .init(title: entry.title, readOnlyHint: true, destructiveHint: false, openWorldHint: true)
            : .init(title: entry.title, readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true)
        return Tool(name: entry.name, title: entry.title, description: entry.description, inputSchema: entry.inputSchema.mcp, annotations: annotations)
    }

    private func call(_ parameters: CallTool.Parameters, server: Server) async throws -> CallTool.Result {
        let workspace = runtime.workspace()
        let catalog = ToolCatalog(workspace: workspace)
        guard let entry = catalog.entry(named: parameters.name) else {
            let hint = didYouMean(parameters.name, among: catalog.entries.map(\.name)).map { " (\($0))" } ?? ""
            throw MCPError.invalidParams("unknown tool '\(parameters.name)'\(hint); tools/list lists them")
        }
        let reporter = parameters._meta?.progressToken.map { ProgressReporter(token: $0, server: server) }
        let call = ToolCall(runtime: runtime, allowMutations: options.allowMutations, console: console)
        do {
            let result = try await call.run(entry, arguments: parameters.arguments ?? [:], workspace: workspace, observer: reporter)
            await reporter?.finish()
            return result
        } catch {
            await reporter?.finish()
            throw error
        }
    }

    // MARK: Prompts

    /// The workspace's prompts now, remembered as the list the client last saw.
    func prompts() -> PromptCatalog {
        let catalog = PromptCatalog(workspace: runtime.workspace())
        seen.withLock { $0.prompts = Self.fingerprint(catalog) }
        return catalog
    }

    static func prompt(_ entry: PromptCatalog.Entry) -> Prompt {
        let argument = Prompt.Argument(
            name: PromptCatalog.argumentsName, title: "arguments",
            description: entry.argumentHint.map { "the command's arguments: \($0)" } ?? "the command's arguments ($ARGUMENTS)", required: false)
        return Prompt(name: entry.name, title: entry.command, description: entry.description, arguments: [argument])
    }

    private func getPrompt(_ parameters: GetPrompt.Parameters) throws -> GetPrompt.Result {
        let workspace = runtime.workspace()
        let catalog = PromptCatalog(workspace: workspace)
        guard let entry = catalog.entry(named: parameters.name) else {
            let hint = didYouMean(parameters.name, among: catalog.entries.map(\.name)).map { " (\($0))" } ?? ""
            throw MCPError.invalidParams("unknown prompt '\(parameters.name)'\(hint); prompts/list lists them")
        }
        if let unknown = parameters.arguments?.keys.first(where: { $0 != PromptCatalog.argumentsName }) {
            throw MCPError.invalidParams("unknown argument '\(unknown)' of prompt '\(entry.name)'; it takes '\(PromptCatalog.argumentsName)'")
        }
        let text = parameters.arguments?[PromptCatalog.argumentsName] ?? ""
        let resolution: Resolution
        do {
            resolution = try runtime.resolve(
                command: entry.command, operation: nil, values: [(name: PromptCatalog.argumentsName, value: .string(text))],
                options: GlobalOptions(), workspace: workspace)
        } catch {
            throw MCPError.invalidParams(ToolCall.text(of: FaberError(describing: error)))
        }
        guard case .prompt(let rendered) = resolution else {
            throw MCPError.invalidParams("\(entry.command) is no longer a prompt; tools/list has it as a tool")
        }
        return GetPrompt.Result(description: entry.description, messages: [.user(.text(text: rendered.prompt))])
    }

    // MARK: Hot reload

    /// Sends the list-changed notifications for what differs from the lists last sent.
    private func notifyChanges(_ server: Server) async {
        let workspace = runtime.workspace()
        let tools = Self.fingerprint(ToolCatalog(workspace: workspace))
        let prompts = Self.fingerprint(PromptCatalog(workspace: workspace))
        let (toolsChanged, promptsChanged) = seen.withLock { seen -> (Bool, Bool) in
            let changed = (seen.tools != tools, seen.prompts != prompts)
            seen = (tools, prompts)
            return changed
        }
        if toolsChanged {
            console.diagnostic("the workspace's tools changed; sent notifications/tools/list_changed")
            try? await server.notify(ToolListChangedNotification.message())
        }
        if promptsChanged { try? await server.notify(PromptListChangedNotification.message()) }
    }

    static func fingerprint(_ catalog: ToolCatalog) -> String {
        catalog.entries.map { "\($0.name)\u{1}\($0.risk.rawValue)\u{1}\($0.description)\u{1}\($0.inputSchema.jsonString())" }.joined(separator: "\u{0}")
    }

    static func fingerprint(_ catalog: PromptCatalog) -> String {
        catalog.entries.map { "\($0.name)\u{1}\($0.description ?? "")\u{1}\($0.argumentHint ?? "")" }.joined(separator: "\u{0}")
    }
}
