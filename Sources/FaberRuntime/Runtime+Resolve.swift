import FaberCore
import FaberEngine
import FaberSpec

/// A slash command resolved to what it runs and the inputs it gives.
public struct ResolvedInvocation: Sendable {
    /// What the invocation runs: a workflow of the skill, or a handler the skill's operation maps
    /// straight to (`handler-hosting-aws`'s operations).
    public enum Target: Sendable {
        case workflow(WorkflowSpec)
        case handler(String, location: SourceLocation)
    }

    public var command: CommandSpec
    public var operation: OperationSpec?
    public var skill: SkillSpec
    public var target: Target
    public var inputs: Value
    public var options: GlobalOptions
    public var risk: Risk
    /// `/plugin:command operation`, for messages.
    public var title: String

    /// The workflow run, when the target is one.
    public var workflow: WorkflowSpec? {
        if case .workflow(let workflow) = target { return workflow }
        return nil
    }

    /// The environment the invocation acts in: its `--env` (or the default of its `env` argument).
    public var environment: String? {
        inputs["env"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    }
}

public enum Resolution: Sendable {
    case run(ResolvedInvocation)
    /// A prompt command (no `agent:` / `workflow:`), rendered as Claude Code would hand it over.
    case prompt(RenderedPrompt)
    /// `--help`, or a command given without an operation: print this and exit 0 (or 64).
    case help(String, ExitStatus)
}

extension Runtime {
    /// Parses `/plugin:command [operation] --flags` against the loaded specs. faber's own options
    /// inside the line (`--output json`, `--yes`) are added to `options`. Throws `FaberError`.
    public func resolve(_ line: String, options base: GlobalOptions, workspace: Workspace) throws -> Resolution {
        do {
            return try resolveUnchecked(line, options: base, workspace: workspace)
        } catch {
            throw relative(FaberError(describing: error))
        }
    }

    /// The same resolution for a front end that has the arguments as JSON values by name (an MCP
    /// tool call): `command` (`/plugin:command`), its `operation` when it routes to an agent, and
    /// the values, checked as their flags would be. A prompt command takes its text as `arguments`.
    public func resolve(
        command: String, operation: String?, values: [(name: String, value: Value)], options: GlobalOptions, workspace: Workspace
    ) throws -> Resolution {
        do {
            return try resolveUnchecked(words: [command] + (operation.map { [$0] } ?? []), values: values, options: options, workspace: workspace)
        } catch {
            throw relative(FaberError(describing: error))
        }
    }

    private func resolveUnchecked(_ line: String, options base: GlobalOptions, workspace: Workspace) throws -> Resolution {
        var options = base
        let words = try options.extract(from: Tokenizer.split(line))
        return try resolveUnchecked(words: words, values: nil, options: options, workspace: workspace)
    }

    /// `values`: the arguments as JSON values instead of the words after the operation.
    private func resolveUnchecked(
        words: [String], values: [(name: String, value: Value)]?, options: GlobalOptions, workspace: Workspace
    ) throws -> Resolution {
        func inputs(_ parser: ArgumentParser, _ rest: [String]) throws -> Value {
            guard let values else { return try parser.parse(rest) }
            return try parser.parse(values: values)
        }
        guard var name = words.first else { throw FaberError.usage("empty command", hint: "try /help or faber list", code: "empty-command") }
        if !name.hasPrefix("/") { name = "/" + name }
        guard let command = workspace.findCommand(name) else {
            // A plugin whose plugin.json does not load is missing from the workspace: say why.
            let brokenPlugins = workspace.pluginManifestErrors
            if !brokenPlugins.isEmpty {
                throw FaberError(
                    .invalidSpec,
                    "unknown command '\(name)'; \(brokenPlugins.count == 1 ? "a plugin" : "\(brokenPlugins.count) plugins") could not be loaded (above)",
                    hint: "fix the plugin.json; faber check lists every problem", code: "unknown-command", causes: brokenPlugins)
            }
            let names = workspace.commands.map(\.slashName)
            throw FaberError.usage(
                "unknown command '\(name)'",
                hint: didYouMean(name, among: names)
                    ?? (names.isEmpty ? "no commands found under \(root); see faber list" : "commands: \(names.joined(separator: ", "))"),
                code: "unknown-command")
        }
        var rest = Array(words.dropFirst())
        try refuseBroken([command.file.path], title: command.slashName, workspace: workspace)
        switch command.target {
        case .agent(let agentName):
            guard let agent = workspace.agent(named: agentName.value, scope: command.scope) else {
                throw FaberError(
                    .invalidSpec, "command \(command.slashName) routes to unknown agent '\(agentName.value)'", at: agentName.location,
                    code: "unknown-agent")
            }
            try refuseBroken([agent.file.path], title: command.slashName, workspace: workspace)
            guard let word = rest.first, !word.hasPrefix("-") else {
                let help = HelpText.command(command, agent: agent)
                return .help(help, options.help ? .success : .usage)
            }
            rest.removeFirst()
            guard let operation = agent.operation(named: word) else {
                let names = agent.operations.map(\.name)
                throw FaberError.usage(
                    "unknown operation '\(word)' for \(command.slashName)",
                    hint: didYouMean(word, among: names + agent.operations.flatMap { $0.aliases.map(\.value) })
                        ?? (names.isEmpty ? "\(command.slashName)'s agent has no operations" : "operations: \(names.joined(separator: ", "))"),
                    code: "unknown-operation")
            }
            let title = "\(command.slashName) \(operation.name)"
            if options.help { return .help(HelpText.operation(operation, command: command), .success) }
            guard let skillName = operation.skill else {
                throw FaberError(.invalidSpec, "operation '\(operation.name)' names no skill", at: operation.location, code: "operation-without-skill")
            }
            guard let skill = workspace.skill(named: skillName.value, from: agent.scope) else {
                throw FaberError(
                    .invalidSpec, "operation '\(operation.name)' uses unknown skill '\(skillName.value)'", at: skillName.location,
                    code: "unknown-skill")
            }
            let target: ResolvedInvocation.Target
            switch workspace.target(of: operation, in: agent)?.target {
            case .handler(let id)?:
                let location = skill.operations.first { $0.name == operation.name }?.location ?? operation.location
                target = .handler(id, location: location)
            case .workflow(let name)?:
                guard let workflow = workspace.workflow(of: skill, named: name) else { throw missingWorkflow(name, skill: skill, operation: operation) }
                target = .workflow(workflow)
            case nil:
                throw missingWorkflow(operation.workflow?.value ?? operation.name, skill: skill, operation: operation)
            }
            let inputs = try inputs(ArgumentParser(arguments: operation.arguments, commandName: title), rest)
            return .run(
                ResolvedInvocation(
                    command: command, operation: operation, skill: skill, target: target,
                    inputs: inputs, options: options, risk: operation.risk, title: title))
        case .workflow(let reference):
            if options.help { return .help(HelpText.command(command, agent: nil), .success) }
            guard let (skill, workflow) = workspace.workflow(reference: reference.value, from: command.scope) else {
                throw FaberError(
                    .invalidSpec, "command \(command.slashName) runs unknown workflow '\(reference.value)'", at: reference.location,
                    code: "unknown-workflow")
            }
            let inputs = try inputs(ArgumentParser(arguments: command.arguments, commandName: command.slashName), rest)
            return .run(
                ResolvedInvocation(
                    command: command, operation: nil, skill: skill, target: .workflow(workflow),
                    inputs: inputs, options: options, risk: .readOnly, title: command.slashName))
        case nil where command.kind == .prompt:
            if options.help { return .help(HelpText.prompt(command), .success) }
            if let values {
                // One free-text `arguments` value, split into words as a command line would be.
                let text = values.first { $0.name == "arguments" }?.value.interpolated ?? ""
                let words = (try? Tokenizer.split(text)) ?? text.split(whereSeparator: \.isWhitespace).map(String.init)
                return .prompt(try renderPrompt(command, words: words, options: options, workspace: workspace))
            }
            return .prompt(try renderPrompt(command, words: rest, options: options, workspace: workspace))
        case nil:
            throw FaberError(
                .invalidSpec, "command \(command.slashName) names neither 'agent' nor 'workflow'",
                at: SourceLocation(path: command.file.path, line: 1, column: 1), code: "command-without-target")
        }
    }

    private func missingWorkflow(_ name: String, skill: SkillSpec, operation: OperationSpec) -> FaberError {
        FaberError(
            .invalidSpec, "skill '\(skill.name)' has no workflow '\(name)'",
            hint: didYouMean(name, among: skill.workflowNames + skill.operations.map(\.name)),
            at: operation.workflow?.location ?? operation.location, code: "unknown-workflow")
    }

    /// A command or agent file with errors (a YAML error may have dropped the very key the
    /// lookup needs) is reported as it is, with exit 65, instead of as a missing operation.
    func refuseBroken(_ paths: [String], title: String, workspace: Workspace) throws {
        let errors = workspace.diagnostics.errors.filter { $0.location.map { paths.contains($0.path) } ?? false }
        guard !errors.isEmpty else { return }
        throw FaberError(
            .invalidSpec, "\(title) was not run: its specs have errors (faber check lists them all)",
            code: "spec-errors", causes: errors.sortedByLocation())
    }
}
