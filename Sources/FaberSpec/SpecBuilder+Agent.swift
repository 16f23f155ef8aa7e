import FaberCore

extension SpecBuilder {
    /// `agents/<name>.md`: `operations:` maps each operation to its skill and workflow.
    ///
    /// An operation needs `skill`; `workflow` may be left out when the skill has an operation
    /// (or a workflow) of the same name: `check-health: {skill: ops-monitor}` runs the skill's
    /// `check-health`. `workflow` takes a workflow name or a path such as `workflow/health-check.md`.
    /// `WorkspaceLoader` fills a left-out `workflow` from the skill's operation once all skills are
    /// loaded; `Workspace.target(of:in:)` resolves it (to a workflow or a handler) for any operation.
    public mutating func agent(from file: SpecFile, name: String, scope: SpecScope) -> AgentSpec {
        let front = file.frontMatter
        let kind: SpecKind = front?["operations"] == nil ? .prompt : .runnable
        checkKeys(front, known: kind == .prompt ? SpecKeys.subagent : SpecKeys.agent, in: "agent", severity: .warning)
        if kind == .prompt, !file.hasFrontMatterErrors, front?["description"] == nil {
            report(
                .warning(
                    "subagent '\(name)' has no 'description'", at: file.frontMatterLocation,
                    hint: "Claude Code picks a subagent by its description; add 'description: Use this agent when ...'"))
        }
        var operations: [OperationSpec] = []
        let map = mapping("operations", in: front, what: "a mapping of operation names to their settings")
        for pair in map?.mappingPairs ?? [] {
            guard let operationName = pair.key.scalarText else { continue }
            operations.append(operation(operationName, at: pair.key.location, node: pair.value, agent: name))
        }
        return AgentSpec(
            name: string("name", in: front)?.value ?? name, scope: scope, file: file, kind: kind,
            description: string("description", in: front)?.value,
            allowedTools: claudeCodeTools(["tools"], in: front), model: string("model", in: front),
            operations: operations)
    }

    private mutating func operation(_ name: String, at location: SourceLocation, node: YAMLNode, agent: String) -> OperationSpec {
        var spec = OperationSpec(
            name: name, location: location, description: nil, skill: nil, workflow: nil, aliases: [],
            risk: .readOnly, arguments: [], next: [])
        let kind = "operation '\(name)'"
        guard node.mappingPairs != nil else {
            if Self.isNull(node) {
                report(
                    .error(
                        "missing required key 'skill' in \(kind)", at: location,
                        hint: "add 'skill: <skill>' and 'workflow: <workflow>' under '\(name):'"))
            } else {
                report(
                    .error(
                        "operation '\(name)' must be a mapping such as {skill: ops-monitor, workflow: health-check}",
                        at: node.location))
            }
            return spec
        }
        checkKeys(node, known: SpecKeys.operation, in: kind, severity: .warning)
        requireKey("skill", in: node, kind: kind, at: location)
        spec.description = string("description", in: node)?.value
        spec.skill = string("skill", in: node, what: "the name of a skill")
        spec.workflow = string("workflow", in: node, what: "the name of a workflow of the skill").map {
            Located(Self.workflowName($0.value), at: $0.location)
        }
        spec.aliases = stringList("aliases", in: node, what: "a list of alternative operation names") ?? []
        spec.risk = choice("risk", in: node, cases: Risk.allCases) ?? .readOnly
        spec.arguments = arguments(in: node, owner: kind)
        spec.next = stringList("next", in: node, what: "a list of operation names") ?? []
        return spec
    }

    /// `workflow/health-check.md` -> `health-check`; a bare name stays as it is.
    static func workflowName(_ text: String) -> String {
        var name = Substring(text)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if name.hasSuffix(".md") { name = name.dropLast(3) }
        return String(name)
    }
}
