import FaberCore
import FaberEngine
import FaberSpec

/// A slash command resolved to the workflow it runs and the inputs it gives.
struct ResolvedInvocation {
    var command: CommandSpec
    var operation: OperationSpec?
    var skill: SkillSpec
    var workflow: WorkflowSpec
    var inputs: Value
    var options: GlobalOptions
    var risk: Risk
    /// `/plugin:command operation`, for messages.
    var title: String
}

enum Resolution {
    case run(ResolvedInvocation)
    /// `--help`, or a command given without an operation: print this and exit 0 (or 64).
    case help(String, ExitStatus)
}

extension Session {
    /// Parses `/plugin:command [operation] --flags` against the loaded specs.
    func resolve(_ line: String, workspace: Workspace) throws -> Resolution {
        var options = baseOptions
        let words = try options.extract(from: Tokenizer.split(line))
        guard var name = words.first else { throw FaberError.usage("empty command", hint: "try /help or faber list") }
        if !name.hasPrefix("/") { name = "/" + name }
        guard let command = workspace.findCommand(name) else {
            // A plugin whose plugin.json does not load is missing from the workspace: say why.
            let brokenPlugins = workspace.pluginManifestErrors
            if !brokenPlugins.isEmpty {
                for problem in brokenPlugins { report(problem) }
                throw FaberError(.invalidSpec, "unknown command '\(name)'; \(brokenPlugins.count == 1 ? "a plugin" : "\(brokenPlugins.count) plugins") could not be loaded (above)",
                                 hint: "fix the plugin.json; faber check lists every problem")
            }
            let names = workspace.commands.map(\.slashName)
            throw FaberError.usage("unknown command '\(name)'", hint: didYouMean(name, among: names)
                                   ?? (names.isEmpty ? "no commands found under \(root); see faber list" : "commands: \(names.joined(separator: ", "))"))
        }
        var rest = Array(words.dropFirst())
        try refuseBroken([command.file.path], title: command.slashName, workspace: workspace)
        switch command.target {
        case .agent(let agentName):
            guard let agent = workspace.agent(named: agentName.value, scope: command.scope) else {
                throw FaberError(.invalidSpec, "command \(command.slashName) routes to unknown agent '\(agentName.value)'", at: agentName.location)
            }
            try refuseBroken([agent.file.path], title: command.slashName, workspace: workspace)
            guard let word = rest.first, !word.hasPrefix("-") else {
                let help = HelpText.command(command, agent: agent)
                return .help(help, options.help ? .success : .usage)
            }
            rest.removeFirst()
            guard let operation = agent.operation(named: word) else {
                let names = agent.operations.map(\.name)
                throw FaberError.usage("unknown operation '\(word)' for \(command.slashName)",
                                       hint: didYouMean(word, among: names + agent.operations.flatMap { $0.aliases.map(\.value) })
                                       ?? "operations: \(names.joined(separator: ", "))")
            }
            let title = "\(command.slashName) \(operation.name)"
            if options.help { return .help(HelpText.operation(operation, command: command), .success) }
            guard let skillName = operation.skill else {
                throw FaberError(.invalidSpec, "operation '\(operation.name)' names no skill", at: operation.location)
            }
            guard let skill = workspace.skill(named: skillName.value, from: agent.scope) else {
                throw FaberError(.invalidSpec, "operation '\(operation.name)' uses unknown skill '\(skillName.value)'", at: skillName.location)
            }
            let workflowName = operation.workflow?.value ?? operation.name
            guard let workflow = workspace.workflow(skill: skill.name, name: workflowName, scope: skill.scope) else {
                throw FaberError(.invalidSpec, "skill '\(skill.name)' has no workflow '\(workflowName)'",
                                 at: operation.workflow?.location ?? operation.location)
            }
            let inputs = try ArgumentParser(arguments: operation.arguments, commandName: title).parse(rest)
            return .run(ResolvedInvocation(command: command, operation: operation, skill: skill, workflow: workflow,
                                           inputs: inputs, options: options, risk: operation.risk, title: title))
        case .workflow(let reference):
            if options.help { return .help(HelpText.command(command, agent: nil), .success) }
            guard let (skill, workflow) = workspace.workflow(reference: reference.value, from: command.scope) else {
                throw FaberError(.invalidSpec, "command \(command.slashName) runs unknown workflow '\(reference.value)'", at: reference.location)
            }
            let inputs = try ArgumentParser(arguments: command.arguments, commandName: command.slashName).parse(rest)
            return .run(ResolvedInvocation(command: command, operation: nil, skill: skill, workflow: workflow,
                                           inputs: inputs, options: options, risk: .readOnly, title: command.slashName))
        case nil:
            throw FaberError(.invalidSpec, "command \(command.slashName) names neither 'agent' nor 'workflow'",
                             at: SourceLocation(path: command.file.path, line: 1, column: 1))
        }
    }

    /// A command or agent file with errors (a YAML error may have dropped the very key the
    /// lookup needs) is reported as it is, with exit 65, instead of as a missing operation.
    func refuseBroken(_ paths: [String], title: String, workspace: Workspace) throws {
        let errors = workspace.diagnostics.errors.filter { $0.location.map { paths.contains($0.path) } ?? false }
        guard !errors.isEmpty else { return }
        for problem in errors.sortedByLocation() { report(problem) }
        throw FaberError(.invalidSpec, "\(title) was not run: its specs have errors (faber check lists them all)")
    }
}
