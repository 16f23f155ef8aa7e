import FaberCore
import FaberSpec

/// Help generated from the markdown specs.
public enum HelpText {
    public static func command(_ command: CommandSpec, agent: AgentSpec?) -> String {
        var lines: [String] = []
        lines.append("\(command.slashName)" + (command.argumentHint.map { " \($0)" } ?? ""))
        if let description = command.description {
            lines.append("")
            lines.append(description)
        }
        if let agent {
            lines.append("")
            lines.append("Operations:")
            let width = agent.operations.map(\.name.count).max() ?? 0
            for operation in agent.operations {
                let pad = String(repeating: " ", count: width - operation.name.count)
                var line = "  \(operation.name)\(pad)  \(operation.description ?? "")"
                if operation.risk != .readOnly { line += " [\(operation.risk.rawValue)]" }
                lines.append(line)
            }
            lines.append("")
            lines.append("Run '\(command.slashName) <operation> --help' for an operation's options.")
        } else if !command.arguments.isEmpty {
            lines.append("")
            lines.append(contentsOf: options(command.arguments))
        }
        lines.append(contentsOf: faberOptions)
        return lines.joined(separator: "\n")
    }

    /// `--help` of a prompt command: what it is, its arguments hint, model and tools.
    public static func prompt(_ command: CommandSpec) -> String {
        var lines: [String] = []
        lines.append("\(command.slashName)" + (command.argumentHint.map { " \($0)" } ?? ""))
        if let description = command.description {
            lines.append("")
            lines.append(description)
        }
        lines.append("")
        lines.append("A prompt command: faber run prints the prompt as Claude Code would hand it to the model")
        lines.append("($ARGUMENTS and $1..$9 filled, @files inlined); it runs no model and no !`command`.")
        if let model = command.model { lines.append("Model: \(model.value)") }
        if !command.allowedTools.isEmpty { lines.append("Allowed tools: \(command.allowedTools.map(\.value).joined(separator: ", "))") }
        lines.append("")
        lines.append("faber options (also accepted here):")
        lines.append("  --output text|json|markdown  output format (default text)")
        return lines.joined(separator: "\n")
    }

    public static func operation(_ operation: OperationSpec, command: CommandSpec) -> String {
        var lines: [String] = []
        let usage = operation.arguments.map { argument -> String in
            let value = argument.type == .boolean ? "" : " <\(argument.allowed?.joined(separator: "|") ?? argument.name)>"
            return argument.required ? "--\(argument.name)\(value)" : "[--\(argument.name)\(value)]"
        }
        lines.append("Usage: \(command.slashName) \(operation.name) \(usage.joined(separator: " "))")
        if let description = operation.description {
            lines.append("")
            lines.append(description)
        }
        lines.append("")
        lines.append("Risk: \(operation.risk.rawValue)")
        if !operation.aliases.isEmpty { lines.append("Aliases: \(operation.aliases.map(\.value).joined(separator: ", "))") }
        if !operation.arguments.isEmpty {
            lines.append("")
            lines.append(contentsOf: options(operation.arguments))
        }
        if !operation.next.isEmpty {
            lines.append("")
            lines.append("Next: \(operation.next.map(\.value).joined(separator: ", "))")
        }
        lines.append(contentsOf: faberOptions)
        return lines.joined(separator: "\n")
    }

    static func options(_ arguments: [ArgumentSpec]) -> [String] {
        var lines = ["Options:"]
        let labels = arguments.map { argument in
            "--\(argument.name)" + (argument.type == .boolean ? "" : " <\(argument.type.rawValue)>")
        }
        let width = labels.map(\.count).max() ?? 0
        for (argument, label) in zip(arguments, labels) {
            var text = "  \(label)\(String(repeating: " ", count: width - label.count))  \(argument.description ?? "")"
            var notes: [String] = []
            if argument.required { notes.append("required") }
            if argument.repeatable { notes.append("repeatable, or comma-separated") }
            if argument.minimum != nil || argument.maximum != nil {
                notes.append(
                    [argument.minimum.map { "at least \(Value.double($0).interpolated)" }, argument.maximum.map { "at most \(Value.double($0).interpolated)" }]
                        .compactMap { $0 }.joined(separator: ", "))
            }
            if let allowed = argument.allowed { notes.append("one of: \(allowed.joined(separator: ", "))") }
            if let value = argument.defaultValue { notes.append("default: \(value.interpolated)") }
            if !notes.isEmpty { text += " (\(notes.joined(separator: "; ")))" }
            lines.append(text)
        }
        return lines
    }

    static let faberOptions = [
        "",
        "faber options (also accepted here):",
        "  --output text|json|markdown  output format (default text)",
        "  --yes                        confirm in advance (needed without a terminal)",
        "  --dry-run                    show what would change, change nothing",
        "  --trace                      print every AWS call to stderr",
    ]
}
