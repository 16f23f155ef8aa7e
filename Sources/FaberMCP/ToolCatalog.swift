import FaberCore
import FaberSpec

/// The workspace's runnable commands as MCP tools: every operation of a command's agent
/// (`fractary-faber-cloud.ops-manage.check-health`), and every command that runs a workflow
/// directly. Each has its description from the markdown, a JSON Schema of its arguments and its
/// declared risk. Pure data: the server turns it into the protocol's types.
public struct ToolCatalog: Sendable {
    public struct Entry: Sendable {
        /// Within the protocol's characters (`A-Z a-z 0-9 _ - .`) and at most 128 of them.
        public var name: String
        /// `/plugin:command operation`
        public var title: String
        public var command: String
        public var operation: String?
        public var description: String
        public var risk: Risk
        /// The JSON Schema of the tool's `arguments` (an object).
        public var inputSchema: Value
        /// The schema has the server's `dry_run` and `confirm` (a tool that changes resources,
        /// whose operation has no arguments of those names).
        public var takesSafetyArguments: Bool
        /// Where the tool is declared, for messages.
        public var location: SourceLocation
    }

    /// Arguments every tool that changes resources takes besides its own.
    public static let dryRunArgument = "dry_run"
    public static let confirmArgument = "confirm"

    public var entries: [Entry]
    /// Names that two tools would share, the later ones left out (the server says so on stderr).
    public var collisions: [String]

    public init(workspace: Workspace) {
        var entries: [Entry] = []
        var names = Set<String>()
        var collisions: [String] = []
        func add(_ entry: Entry) {
            guard names.insert(entry.name).inserted else {
                collisions.append("\(entry.title) (\(entry.location)) has the same tool name as another: \(entry.name); left out")
                return
            }
            entries.append(entry)
        }
        for command in workspace.commands.sorted(by: { $0.slashName < $1.slashName }) where command.kind == .runnable {
            switch command.target {
            case .agent(let agentName)?:
                guard let agent = workspace.agent(named: agentName.value, scope: command.scope), agent.kind == .runnable else { continue }
                for operation in agent.operations {
                    add(
                        Entry(
                            name: Self.toolName(command: command.slashName, operation: operation.name),
                            title: "\(command.slashName) \(operation.name)", command: command.slashName, operation: operation.name,
                            description: Self.description(operation.description ?? command.description, risk: operation.risk),
                            risk: operation.risk, inputSchema: Self.inputSchema(operation.arguments, risk: operation.risk),
                            takesSafetyArguments: Self.takesSafetyArguments(operation.arguments, risk: operation.risk),
                            location: operation.location))
                }
            case .workflow?:
                add(
                    Entry(
                        name: Self.toolName(command: command.slashName, operation: nil), title: command.slashName,
                        command: command.slashName, operation: nil,
                        description: Self.description(command.description, risk: .readOnly), risk: .readOnly,
                        inputSchema: Self.inputSchema(command.arguments, risk: .readOnly), takesSafetyArguments: false,
                        location: SourceLocation(path: command.file.path, line: 1, column: 1)))
            case nil:
                continue
            }
        }
        self.entries = entries
        self.collisions = collisions
    }

    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// `/fractary-faber-cloud:ops-manage` + `check-health` -> `fractary-faber-cloud.ops-manage.check-health`.
    /// Other characters become `_`; a name over 128 characters keeps its first 119 and a hash.
    static func toolName(command: String, operation: String?) -> String {
        let raw = ([String(command.drop { $0 == "/" }).replacingOccurrences(of: ":", with: ".")] + (operation.map { [$0] } ?? [])).joined(separator: ".")
        let name = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) ? $0 : "_" })
        guard name.count > 128 else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in raw.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(name.prefix(119)) + "-" + String(String(hash, radix: 16).suffix(8))
    }

    /// The markdown's description, and what the tool's risk means from MCP.
    static func description(_ text: String?, risk: Risk) -> String {
        let base = text?.trimmingWhitespace() ?? ""
        switch risk {
        case .readOnly:
            return base
        case .mutating, .destructive:
            let note =
                "[\(risk.rawValue)] Changes resources only when the server was started with --allow-mutations and, where the environment requires confirmation (or the operation is destructive), the call has confirm: true; otherwise it answers with a dry run of what it would do and changes nothing. dry_run: true only shows the impact."
            return base.isEmpty ? note : base + "\n\n" + note
        }
    }

    static func takesSafetyArguments(_ arguments: [ArgumentSpec], risk: Risk) -> Bool {
        risk != .readOnly && !arguments.contains { $0.name == dryRunArgument || $0.name == confirmArgument }
    }

    /// A JSON Schema object of `arguments`: types, enums, defaults, ranges, required, descriptions;
    /// no other properties. Tools that change resources also take `dry_run` and `confirm`.
    static func inputSchema(_ arguments: [ArgumentSpec], risk: Risk) -> Value {
        var properties = OrderedDictionary<String, Value>()
        var required: [Value] = []
        for argument in arguments {
            properties[argument.name] = property(argument)
            if argument.required && argument.defaultValue == nil { required.append(.string(argument.name)) }
        }
        if takesSafetyArguments(arguments, risk: risk) {
            let dryRun: KeyValuePairs<String, Value> = [
                "type": "boolean", "default": false, "description": "show what would change, change nothing (faber's --dry-run)",
            ]
            let confirm: KeyValuePairs<String, Value> = [
                "type": "boolean", "default": false,
                "description":
                    "confirm the change in advance (faber's --yes), needed in environments that require confirmation and for destructive operations; only honoured when the server allows mutations",
            ]
            properties[dryRunArgument] = .object(dryRun)
            properties[confirmArgument] = .object(confirm)
        }
        var schema: OrderedDictionary<String, Value> = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        schema["additionalProperties"] = false
        return .object(schema)
    }

    static func property(_ argument: ArgumentSpec) -> Value {
        var item = OrderedDictionary<String, Value>()
        switch argument.type {
        case .string: item["type"] = "string"
        case .integer: item["type"] = "integer"
        case .number: item["type"] = "number"
        case .boolean: item["type"] = "boolean"
        case .duration: item["type"] = "string"
        }
        if let allowed = argument.allowed { item["enum"] = .array(allowed.map(Value.string)) }
        if let minimum = argument.minimum { item["minimum"] = .double(minimum) }
        if let maximum = argument.maximum { item["maximum"] = .double(maximum) }
        var property = OrderedDictionary<String, Value>()
        if argument.repeatable {
            property["type"] = "array"
            property["items"] = .object(item)
        } else {
            property = item
        }
        if let defaultValue = argument.defaultValue { property["default"] = defaultValue }
        var description = argument.description ?? ""
        if argument.type == .duration { description += (description.isEmpty ? "" : "; ") + "a duration such as 30m, 2h or 7d" }
        if argument.repeatable { description += (description.isEmpty ? "" : "; ") + "one value or a list" }
        if !description.isEmpty { property["description"] = .string(description) }
        return .object(property)
    }
}
