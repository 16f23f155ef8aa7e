import FaberCore

extension SpecBuilder {
    /// `commands/<name>.md`: a runnable command has `description` and exactly one of `agent` /
    /// `workflow: <skill>/<workflow>`; a command with neither is a Claude Code prompt, whose
    /// description defaults to the first line of its body, as in Claude Code.
    public mutating func command(from file: SpecFile, name: String, scope: SpecScope) -> CommandSpec {
        let front = file.frontMatter
        // `context: fork`, or an `agent` that is one of Claude Code's own subagent types, is Claude
        // Code's: that `agent` names the subagent that runs the prompt, not an agent of operations.
        // (`plugin:agent`, a plugin-qualified subagent, is Claude Code's too.)
        let claudeCodeAgent = front?["agent"]?.scalarText.map { Self.claudeCodeSubagentTypes.contains($0) || $0.contains(":") } == true
        let kind: SpecKind =
            front?["agent"] == nil && front?["workflow"] == nil || front?["context"] != nil || claudeCodeAgent ? .prompt : .runnable
        checkKeys(front, known: kind == .prompt ? SpecKeys.promptCommand : SpecKeys.command, in: "command", severity: .warning)
        // A runnable command's `description` is required; `SpecChecker` says so once it knows the
        // command routes to operations, not to a subagent (`Workspace.settleSubagentCommands`).

        var target: CommandSpec.Target?
        let agent = kind == .prompt ? nil : string("agent", in: front, what: "the name of an agent")
        let workflow = kind == .prompt ? nil : string("workflow", in: front, what: "'<skill>/<workflow>'")
        switch (agent, workflow) {
        case (let agent?, let workflow?):
            report(
                .error(
                    "a command runs either an 'agent' or a 'workflow', not both", at: workflow.location,
                    hint: "remove 'workflow:' to route to agent '\(agent.value)', or remove 'agent:'"))
            target = .agent(agent)
        case (let agent?, nil):
            target = .agent(agent)
        case (nil, let workflow?):
            let parts = workflow.value.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                target = .workflow(workflow)
            } else {
                report(
                    .error(
                        "'workflow' must be '<skill>/<workflow>', not '\(workflow.value)'", at: workflow.location,
                        hint: "for example 'workflow: ops-monitor/health-check'"))
            }
        case (nil, nil):
            break  // a prompt command, or a value of the wrong type (reported)
        }
        if kind == .prompt, front?["arguments"] != nil, let node = front?["arguments"] {
            report(
                .warning(
                    "'arguments' of a prompt command are not used; Claude Code fills $ARGUMENTS and $1..$9", at: node.location,
                    hint: "add 'workflow: <skill>/<workflow>' (or 'agent:') to make it a command faber runs with these arguments"))
        }

        return CommandSpec(
            name: name, scope: scope, file: file, kind: kind,
            description: string("description", in: front)?.value ?? (kind == .prompt ? Self.firstLine(of: file.body) : nil),
            argumentHint: string("argument-hint", in: front)?.value,
            target: target,
            allowedTools: claudeCodeTools(["allowed-tools", "tools"], in: front),
            model: string("model", in: front),
            template: kind == .prompt ? PromptTemplate(file: file) : nil,
            arguments: kind == .prompt ? [] : arguments(in: front, owner: "command '\(name)'"))
    }

    /// The subagent types Claude Code itself provides.
    static let claudeCodeSubagentTypes: Set<String> = ["Explore", "Plan", "general-purpose"]

    /// `arguments:` of an operation or a command: name -> {type, required, default, enum, description}
    /// or name -> "description".
    mutating func arguments(in map: YAMLNode?, owner: String) -> [ArgumentSpec] {
        guard let node = mapping("arguments", in: map, what: "a mapping of argument names to their settings")
        else { return [] }
        var result: [ArgumentSpec] = []
        for pair in node.mappingPairs ?? [] {
            guard let name = pair.key.scalarText else { continue }
            result.append(argument(name, at: pair.key.location, node: pair.value, owner: owner))
        }
        return result
    }

    private mutating func argument(_ name: String, at location: SourceLocation, node: YAMLNode, owner: String) -> ArgumentSpec {
        var spec = ArgumentSpec(
            name: name, location: location, type: .string, required: false, defaultValue: nil, allowed: nil,
            description: nil)
        if Self.isNull(node) { return spec }
        if let text = node.scalarText {
            spec.description = text
            return spec
        }
        guard node.mappingPairs != nil else {
            report(.error("argument '\(name)' must be a mapping such as {type: string, required: true}", at: node.location))
            return spec
        }
        let kind = "argument '\(name)' of \(owner)"
        checkKeys(node, known: SpecKeys.argument, in: kind, severity: .warning)
        spec.type = choice("type", in: node, cases: ArgumentSpec.ArgumentType.allCases) ?? .string
        spec.required = bool("required", in: node) ?? false
        spec.repeatable = bool("repeatable", in: node) ?? false
        for key in ["minimum", "maximum"] {
            guard let bound = node[key], !Self.isNull(bound) else { continue }
            guard spec.type == .integer || spec.type == .number, let number = bound.value.double else {
                report(.error("'\(key)' of argument '\(name)' must be a number, for an integer or number argument", at: bound.location))
                continue
            }
            if key == "minimum" { spec.minimum = number } else { spec.maximum = number }
        }
        spec.description = string("description", in: node)?.value
        if let allowed = stringList("enum", in: node, what: "a list of allowed values", scalarAllowed: false) {
            spec.allowed = allowed.map(\.value)
        }
        if let defaultNode = node["default"], !Self.isNull(defaultNode) {
            let value = defaultNode.value
            spec.defaultValue = value
            checkDefault(value, at: defaultNode.location, of: spec)
        }
        return spec
    }

    private mutating func checkDefault(_ value: Value, at location: SourceLocation, of spec: ArgumentSpec) {
        let fits: Bool
        switch spec.type {
        case .string: fits = value.array == nil && value.object == nil
        case .integer: fits = value.int != nil
        case .number: fits = value.double != nil
        case .boolean: fits = value.bool != nil
        case .duration: fits = DurationText.seconds(value.interpolated) != nil
        }
        if !fits {
            report(
                .error(
                    "default '\(value.interpolated)' of argument '\(spec.name)' is not \(English.withArticle(spec.type.rawValue))",
                    at: location))
        }
        if let allowed = spec.allowed, !allowed.contains(value.interpolated) {
            report(
                .error(
                    "default '\(value.interpolated)' of argument '\(spec.name)' is not one of its enum values: "
                        + allowed.joined(separator: ", "),
                    at: location, hint: didYouMean(value.interpolated, among: allowed)))
        }
    }
}
