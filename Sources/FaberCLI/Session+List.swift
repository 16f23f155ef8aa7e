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
            lines.append("  \(command.slashName)" + (command.argumentHint.map { " " + $0 } ?? ""))
            if let description = command.description { lines.append("      \(description)") }
            if case .agent(let name)? = command.target, let agent = workspace.agent(named: name.value, scope: command.scope) {
                let width = agent.operations.map(\.name.count).max() ?? 0
                for operation in agent.operations {
                    let pad = String(repeating: " ", count: width - operation.name.count)
                    let risk = operation.risk == .readOnly ? "" : " [\(operation.risk.rawValue)]"
                    lines.append("    \(operation.name)\(pad)  \(operation.description ?? "")\(risk)")
                }
            }
        }
        lines.append("")
        lines.append(terminal.paint("Skills", .bold, forStderr: false))
        if workspace.skills.isEmpty { lines.append("  (none)") }
        for skill in workspace.skills.sorted(by: { $0.name < $1.name }) {
            let origin = skill.scope.pluginName ?? "workspace"
            lines.append("  \(skill.name) (\(origin))" + (skill.description.map { ": \($0)" } ?? ""))
            let operations = skill.operations.map(\.name)
            if !operations.isEmpty { lines.append("      operations: \(operations.joined(separator: ", "))") }
            if !skill.workflowNames.isEmpty { lines.append("      workflows: \(skill.workflowNames.joined(separator: ", "))") }
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
}
