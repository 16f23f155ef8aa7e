import FaberCore
import FaberSpec

/// The workspace's prompt commands (Claude Code commands without `agent:` / `workflow:`) as MCP
/// prompts. Each takes one optional argument, `arguments`: the text Claude Code would put in
/// `$ARGUMENTS` (its words fill `$1`..`$9`), described by the command's `argument-hint`.
public struct PromptCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var command: String
        public var description: String?
        public var argumentHint: String?
    }

    public static let argumentsName = "arguments"

    public var entries: [Entry]

    public init(workspace: Workspace) {
        var names = Set<String>()
        entries = workspace.commands.sorted { $0.slashName < $1.slashName }.filter { $0.kind == .prompt }.compactMap { command in
            let name = ToolCatalog.toolName(command: command.slashName, operation: nil)
            guard names.insert(name).inserted else { return nil }
            return Entry(name: name, command: command.slashName, description: command.description, argumentHint: command.argumentHint)
        }
    }

    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }
}
