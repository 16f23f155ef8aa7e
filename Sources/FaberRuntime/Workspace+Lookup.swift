import FaberSpec

/// Lookups the command line, the REPL's completion and `faber check` share.
extension Workspace {
    /// `/plugin:command`, or `/command` when exactly one plugin has it.
    public func findCommand(_ name: String) -> CommandSpec? {
        if let exact = command(slash: name) { return exact }
        let bare = String(name.dropFirst())
        let matches = commands.filter { $0.name == bare }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The skill and workflow that a command's `workflow: <skill>/<workflow>` names, seen from `scope`.
    public func workflow(reference: String, from scope: SpecScope) -> (skill: SkillSpec, workflow: WorkflowSpec)? {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let skill = skill(named: parts[0], from: scope),
            let workflow = workflow(of: skill, named: parts[1])
        else { return nil }
        return (skill, workflow)
    }

    /// The workflow an agent's operation runs; nil when it runs a handler or names nothing that exists.
    public func workflow(of operation: OperationSpec, in agent: AgentSpec) -> WorkflowSpec? {
        guard let (skill, target) = target(of: operation, in: agent), case .workflow(let name) = target else { return nil }
        return workflow(of: skill, named: name)
    }
}
