import FaberCore

/// Spec-level cross-reference checks over a loaded workspace: the names one spec uses for another
/// must exist. Graph-level checks (handlers, `needs`, cycles, expressions, tools) belong to the engine.
public struct SpecChecker {
    public let workspace: Workspace
    private var diagnostics: [Diagnostic] = []

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Every cross-reference problem of `workspace`.
    public static func check(_ workspace: Workspace) -> [Diagnostic] {
        var checker = SpecChecker(workspace: workspace)
        for command in workspace.commands { checker.check(command) }
        for agent in workspace.agents { checker.check(agent) }
        for skill in workspace.skills { checker.check(skill) }
        checker.checkUniqueNames()
        return checker.diagnostics
    }

    private mutating func check(_ command: CommandSpec) {
        if command.kind == .runnable, command.file.frontMatter?["description"] == nil, !command.file.hasFrontMatterErrors, !command.file.readFailed {
            diagnostics.append(
                .error(
                    "missing required key 'description' in command", at: command.file.frontMatterLocation,
                    hint: "add 'description: ...'"))
        }
        switch command.target {
        case .agent(let agent)?:
            // (A route to a subagent was made a prompt by `settleSubagentCommands`.)
            guard workspace.agent(named: agent.value, scope: command.scope) == nil else { return }
            let names = workspace.agents.map(\.name)
            diagnostics.append(
                .error(
                    "unknown agent '\(agent.value)' in command '\(command.slashName)'", at: agent.location,
                    hint: didYouMean(agent.value, among: names) ?? Self.known("agents", names)))
        case .workflow(let path)?:
            let parts = path.value.split(separator: "/").map(String.init)
            checkWorkflow(
                skill: parts[0], workflow: parts[1], at: path.location, from: command.scope,
                user: "command '\(command.slashName)'")
        case nil:
            checkFileReferences(of: command)
        }
    }

    /// The `@path` files a prompt command inlines: one under `${CLAUDE_PLUGIN_ROOT}` must be in
    /// the plugin, a relative one of a workspace command in the workspace. (A relative one of a
    /// plugin command names a file of the project it runs in, which the plugin cannot hold.)
    private mutating func checkFileReferences(of command: CommandSpec) {
        guard let template = command.template else { return }
        let pluginRoot = workspace.pluginRoot(of: command.scope)
        for reference in template.fileReferences where !reference.isDynamic {
            let path = reference.path
            if path.hasPrefix("/") || path.hasPrefix("~") || reference.isInPlugin && pluginRoot == nil {
                diagnostics.append(
                    .warning(
                        "@\(path) names a file outside the plugin and the workspace; faber never reads it", at: reference.location,
                        hint: "keep the file in the plugin and write @${CLAUDE_PLUGIN_ROOT}/<path>"))
                continue
            }
            guard reference.isInPlugin || command.scope == .workspace else { continue }
            // The same resolution `faber run` renders with: what check accepts, run inlines.
            do {
                _ = try PromptTemplate.resolveFile(path, at: reference.location, workspace: workspace.root, pluginRoot: pluginRoot)
            } catch {
                diagnostics.append(error)
            }
        }
    }

    private mutating func check(_ agent: AgentSpec) {
        let names = agent.operations.map(\.name)
        let aliases = agent.operations.flatMap(\.aliases).map(\.value)
        var aliasOwner: [String: String] = [:]
        for operation in agent.operations {
            checkTarget(of: operation, in: agent)
            for alias in operation.aliases {
                if names.contains(alias.value) {
                    diagnostics.append(
                        .error(
                            "alias '\(alias.value)' of operation '\(operation.name)' clashes with operation '\(alias.value)'",
                            at: alias.location, hint: "remove the alias or rename one of them"))
                } else if let owner = aliasOwner[alias.value], owner != operation.name {
                    diagnostics.append(
                        .error(
                            "alias '\(alias.value)' of operation '\(operation.name)' is already an alias of operation '\(owner)'",
                            at: alias.location, hint: "an alias can lead to one operation only"))
                } else {
                    aliasOwner[alias.value] = operation.name
                }
            }
            for next in operation.next where !names.contains(next.value) && !aliases.contains(next.value) {
                diagnostics.append(
                    .error(
                        "'next' of operation '\(operation.name)' names unknown operation '\(next.value)'", at: next.location,
                        hint: didYouMean(next.value, among: names) ?? Self.known("operations", names)))
            }
        }
    }

    private mutating func checkTarget(of operation: OperationSpec, in agent: AgentSpec) {
        guard let skillName = operation.skill else { return }
        if let workflow = operation.workflow {
            checkWorkflow(
                skill: skillName.value, workflow: workflow.value, at: workflow.location, from: agent.scope,
                user: "operation '\(operation.name)'", skillLocation: skillName.location)
            return
        }
        guard
            let skill = unknownSkillCheck(
                skillName.value, at: skillName.location, from: agent.scope,
                user: "operation '\(operation.name)'")
        else { return }
        if workspace.target(of: operation, in: agent) == nil {
            var choices = skill.operations.map(\.name)
            choices += skill.workflowNames.filter { !choices.contains($0) }
            diagnostics.append(
                .error(
                    "operation '\(operation.name)' has no 'workflow' and skill '\(skill.name)' has no operation or workflow of that name",
                    at: skillName.location,
                    hint: "add 'workflow: <name>' to the operation; " + Self.known("choices", choices)))
        }
    }

    private mutating func check(_ skill: SkillSpec) {
        for operation in skill.operations {
            guard case .workflow(let name) = operation.target else { continue }
            if let found = workspace.workflow(of: skill, named: name), found.kind == .documentation {
                diagnostics.append(documentationOnly(found, at: operation.location, user: "operation '\(operation.name)'"))
                continue
            }
            guard !skill.workflowNames.contains(name) else { continue }
            diagnostics.append(
                .error(
                    "workflow file '\(skill.workflowPath(name))' of operation '\(operation.name)' does not exist",
                    at: operation.location,
                    hint: didYouMean(name, among: skill.workflowNames) ?? "create it, or point the operation at an existing workflow"))
        }
    }

    /// A command, skill or agent name defined twice in one scope: the later one can never be reached.
    private mutating func checkUniqueNames() {
        reportTwice(
            workspace.commands, key: { "\($0.scope)/\($0.name)" }, at: { SourceLocation(path: $0.file.path, line: 1, column: 1) },
            message: { "command '\($0.slashName)' is defined twice (first in \($1))" },
            hint: "folders under commands/ only organise commands: the name is the file name; rename one of them")
        reportTwice(
            workspace.skills, key: { "\($0.scope)/\($0.name)" }, at: { $0.file.frontMatterLocation },
            message: { "skill '\($0.name)' is defined twice (first in \($1))" }, hint: "rename one of them in its 'name:'")
        reportTwice(
            workspace.agents, key: { "\($0.scope)/\($0.name)" }, at: { $0.file.frontMatterLocation },
            message: { "agent '\($0.name)' is defined twice (first in \($1))" }, hint: "rename one of them in its 'name:'")
    }

    /// An error at every one of `specs` whose key an earlier one has (the message gets the path of the first).
    private mutating func reportTwice<Spec>(
        _ specs: [Spec], key: (Spec) -> String, at location: (Spec) -> SourceLocation, message: (Spec, String) -> String, hint: String
    ) {
        var seen: [String: SourceLocation] = [:]
        for spec in specs {
            if let first = seen[key(spec)] {
                diagnostics.append(.error(message(spec, first.path), at: location(spec), hint: hint))
            } else {
                seen[key(spec)] = location(spec)
            }
        }
    }

    private mutating func checkWorkflow(
        skill name: String, workflow: String, at location: SourceLocation, from scope: SpecScope, user: String,
        skillLocation: SourceLocation? = nil
    ) {
        guard let skill = unknownSkillCheck(name, at: skillLocation ?? location, from: scope, user: user) else { return }
        guard !skill.workflowNames.contains(workflow) else {
            if let found = workspace.workflow(of: skill, named: workflow), found.kind == .documentation {
                diagnostics.append(documentationOnly(found, at: location, user: user))
            }
            return
        }
        diagnostics.append(
            .error(
                "skill '\(name)' has no workflow '\(workflow)' (used by \(user))", at: location,
                hint: didYouMean(workflow, among: skill.workflowNames)
                    ?? "add \(skill.workflowPath(workflow)); " + Self.known("workflows", skill.workflowNames)))
    }

    private mutating func unknownSkillCheck(_ name: String, at location: SourceLocation, from scope: SpecScope, user: String) -> SkillSpec? {
        if let skill = workspace.skill(named: name, from: scope) { return skill }
        let names = workspace.skills.map(\.name)
        diagnostics.append(
            .error(
                "unknown skill '\(name)' (used by \(user))", at: location,
                hint: didYouMean(name, among: names) ?? Self.known("skills", names)))
        return nil
    }

    private func documentationOnly(_ workflow: WorkflowSpec, at location: SourceLocation, user: String) -> Diagnostic {
        .error(
            "workflow '\(workflow.skill)/\(workflow.name)' (used by \(user)) has no ```step block: it is documentation, with nothing to run",
            at: location, hint: "add steps to \(workflow.file.path) (docs/workflows.md), or point \(user) at a workflow that has them")
    }

    private static func known(_ what: String, _ names: [String]) -> String {
        names.isEmpty ? "there are no \(what)" : "\(what): \(names.joined(separator: ", "))"
    }
}
