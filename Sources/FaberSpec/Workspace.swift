import FaberCore

/// Everything the specs of a workspace say, as loaded by `WorkspaceLoader`, plus every problem
/// found on the way (YAML errors, model errors, unreadable files, bad plugin.json, cross-reference
/// errors and warnings).
public struct Workspace: Sendable {
    public var root: String
    public var plugins: [PluginSpec]
    public var commands: [CommandSpec]
    public var agents: [AgentSpec]
    public var skills: [SkillSpec]
    /// Every workflow of every skill (loaded eagerly; unchanged files come from the loader's cache).
    public var workflows: [WorkflowSpec]
    public var diagnostics: [Diagnostic]

    private var workflowsByPath: [String: Int]

    public init(
        root: String, plugins: [PluginSpec] = [], commands: [CommandSpec] = [], agents: [AgentSpec] = [],
        skills: [SkillSpec] = [], workflows: [WorkflowSpec] = [], diagnostics: [Diagnostic] = []
    ) {
        self.root = root
        self.plugins = plugins
        self.commands = commands
        self.agents = agents
        self.skills = skills
        self.workflows = workflows
        self.diagnostics = diagnostics
        workflowsByPath = Dictionary(workflows.enumerated().map { ($1.file.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Lookups

    /// `/plugin:command`, or `/command`: a workspace command first, else the one plugin command
    /// of that name (nil when several plugins have one; name the plugin then).
    public func command(slash: String) -> CommandSpec? {
        let name = slash.hasPrefix("/") ? String(slash.dropFirst()) : slash
        if let colon = name.firstIndex(of: ":") {
            let plugin = String(name[..<colon])
            let command = String(name[name.index(after: colon)...])
            return commands.first { $0.scope == .plugin(plugin) && $0.name == command }
        }
        if let local = commands.first(where: { $0.scope == .workspace && $0.name == name }) { return local }
        let matches = commands.filter { $0.name == name }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The folder of the plugin of `scope` (nil for the workspace scope).
    public func pluginRoot(of scope: SpecScope) -> String? {
        scope.pluginName.flatMap { name in plugins.first { $0.name == name }?.root }
    }

    /// The agent called `name` as seen from `scope`: same scope first, then the workspace, then any plugin.
    public func agent(named name: String, scope: SpecScope) -> AgentSpec? {
        Self.pick(agents.filter { $0.name == name }, from: scope, scope: \.scope)
    }

    /// The skill called `name` as seen from `scope`: same plugin first, then the workspace, then any plugin.
    public func skill(named name: String, from scope: SpecScope) -> SkillSpec? {
        Self.pick(skills.filter { $0.name == name }, from: scope, scope: \.scope)
    }

    /// Workflow `name` of the skill `skill` as seen from `scope`.
    public func workflow(skill: String, name: String, scope: SpecScope) -> WorkflowSpec? {
        guard let owner = self.skill(named: skill, from: scope) else { return nil }
        return workflow(of: owner, named: name)
    }

    public func workflow(of skill: SkillSpec, named name: String) -> WorkflowSpec? {
        workflowsByPath[skill.workflowPath(name)].map { workflows[$0] }
    }

    public func workflows(of skill: SkillSpec) -> [WorkflowSpec] {
        skill.workflowNames.compactMap { workflow(of: skill, named: $0) }
    }

    /// What an agent's operation runs: the skill, and its workflow or handler. An operation without
    /// `workflow:` runs the skill's operation of the same name (or its workflow of that name).
    public func target(of operation: OperationSpec, in agent: AgentSpec) -> (skill: SkillSpec, target: SkillSpec.OperationTarget)? {
        guard let skillName = operation.skill?.value, let skill = skill(named: skillName, from: agent.scope) else { return nil }
        if let workflow = operation.workflow?.value { return (skill, .workflow(workflow)) }
        if let own = skill.operations.first(where: { $0.name == operation.name }) { return (skill, own.target) }
        if skill.workflowNames.contains(operation.name) { return (skill, .workflow(operation.name)) }
        return nil
    }

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// Every fix the front-matter reader found (values only Claude Code's tolerant reader accepts).
    public var fixes: [SpecFix] {
        commands.flatMap(\.file.fixes) + agents.flatMap(\.file.fixes) + skills.flatMap(\.file.fixes) + workflows.flatMap(\.file.fixes)
    }

    /// Errors of no spec (a plugin folder that does not exist): they keep a whole folder out.
    public var folderErrors: [Diagnostic] { diagnostics.errors.filter { $0.location == nil } }

    /// Errors of plugin.json files: a plugin whose manifest does not load is left out.
    public var pluginManifestErrors: [Diagnostic] {
        diagnostics.errors.filter { $0.location?.path.hasSuffix("/.claude-plugin/plugin.json") == true }
    }

    /// A command whose `agent:` names a subagent (an agent without operations) is that
    /// subagent's prompt, as Claude Code reads it, not a route to operations.
    mutating func settleSubagentCommands() {
        for index in commands.indices {
            guard case .agent(let name)? = commands[index].target,
                agent(named: name.value, scope: commands[index].scope)?.kind == .prompt
            else { continue }
            let file = commands[index].file
            commands[index].kind = .prompt
            commands[index].target = nil
            commands[index].arguments = []
            commands[index].template = PromptTemplate(file: file)
            if commands[index].description == nil { commands[index].description = SpecBuilder.firstLine(of: file.body) }
        }
    }

    /// Fills `workflow` of every operation that leaves it out and whose skill maps an operation of
    /// the same name to a workflow, so callers can read `operation.workflow` directly. The location
    /// is that of the skill's operation, which is where the workflow is named.
    mutating func resolveOperationWorkflows() {
        for agentIndex in agents.indices {
            let agent = agents[agentIndex]
            for operationIndex in agent.operations.indices where agent.operations[operationIndex].workflow == nil {
                let operation = agent.operations[operationIndex]
                guard let skillName = operation.skill?.value,
                    let skill = skill(named: skillName, from: agent.scope),
                    let own = skill.operations.first(where: { $0.name == operation.name }),
                    case .workflow(let name) = own.target
                else { continue }
                agents[agentIndex].operations[operationIndex].workflow = Located(name, at: own.location)
            }
        }
    }

    private static func pick<T>(_ candidates: [T], from scope: SpecScope, scope key: KeyPath<T, SpecScope>) -> T? {
        candidates.first { $0[keyPath: key] == scope }
            ?? candidates.first { $0[keyPath: key] == .workspace }
            ?? candidates.first
    }
}
