import FaberCore
import FaberRuntime
import FaberSpec

extension Session {
    /// `faber list`: commands with their operations, skills, handlers.
    func list() -> Int32 {
        let workspace = workspace()
        // What keeps a plugin out of the list (a missing --plugin-dir, a plugin.json that does not load).
        warn(about: runtime.loadWarnings(workspace, manifests: true))
        var lines: [String] = []
        lines.append(terminal.paint("Commands", .bold, forStderr: false))
        if workspace.commands.isEmpty { lines.append("  (none in \(root))") }
        for command in workspace.commands.sorted(by: { $0.slashName < $1.slashName }) {
            let mark = command.kind == .prompt ? "  [prompt]" : ""
            lines.append("  \(command.slashName)" + (command.argumentHint.map { " " + $0 } ?? "") + mark)
            if let description = command.description { lines.append("      \(Self.oneLine(description))") }
            if case .agent(let name)? = command.target, let agent = workspace.agent(named: name.value, scope: command.scope) {
                let width = agent.operations.map(\.name.count).max() ?? 0
                for operation in agent.operations {
                    let pad = String(repeating: " ", count: width - operation.name.count)
                    let risk = operation.risk == .readOnly ? "" : " [\(operation.risk.rawValue)]"
                    lines.append("    \(operation.name)\(pad)  \(operation.description ?? "")\(risk)")
                }
            }
        }
        // Subagents (prompts); an agent with operations is shown under its command above.
        let subagents = workspace.agents.filter { $0.kind == .prompt }.sorted { ($0.scope.pluginName ?? "", $0.name) < ($1.scope.pluginName ?? "", $1.name) }
        if !subagents.isEmpty {
            lines.append("")
            lines.append(terminal.paint("Subagents", .bold, forStderr: false))
            for agent in subagents {
                let origin = agent.scope.pluginName ?? "workspace"
                lines.append("  \(agent.name) (\(origin))" + (agent.description.map { ": \(Self.oneLine($0))" } ?? ""))
            }
        }
        lines.append("")
        lines.append(terminal.paint("Skills", .bold, forStderr: false))
        if workspace.skills.isEmpty { lines.append("  (none)") }
        for skill in workspace.skills.sorted(by: { $0.name < $1.name }) {
            let origin = skill.scope.pluginName ?? "workspace"
            let mark = skill.kind == .prompt ? " [instructions]" : ""
            lines.append("  \(skill.name) (\(origin))\(mark)" + (skill.description.map { ": \(Self.oneLine($0))" } ?? ""))
            let operations = skill.operations.map(\.name)
            if !operations.isEmpty { lines.append("      operations: \(operations.joined(separator: ", "))") }
            let runnable = workspace.workflows(of: skill).filter { $0.kind == .runnable }.map(\.name)
            if !runnable.isEmpty { lines.append("      workflows: \(runnable.joined(separator: ", "))") }
        }
        lines.append("")
        lines.append(terminal.paint("Handlers", .bold, forStderr: false))
        let width = runtime.registry.ids.map(\.count).max() ?? 0
        for id in runtime.registry.ids {
            let summary = runtime.registry.handler(id)?.signature.summary ?? ""
            lines.append("  \(id)\(String(repeating: " ", count: width - id.count))  \(summary)")
        }
        terminal.out(lines.joined(separator: "\n"))
        return 0
    }

    /// The first line of a description, at most 120 characters (Claude Code's run to paragraphs).
    static func oneLine(_ text: String) -> String {
        let first = String(text.split(separator: "\n").first ?? "").trimmingWhitespace()
        return first.count <= 120 ? first : String(first.prefix(119)) + "…"
    }
}
