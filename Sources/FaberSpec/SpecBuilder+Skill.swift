import FaberCore

extension SpecBuilder {
    /// `skills/<skill>/SKILL.md`: `name`, `description`, `tools`, `operations:`.
    ///
    /// An operation maps to a string or to `{workflow: x}` / `{handler: id}` with an optional
    /// `description`. A string ending in `.md` or holding a `/` is a workflow file
    /// (`workflow/health-check.md`); one holding a `.` is a native handler (`aws.query-metrics`);
    /// anything else names a workflow of the skill.
    public mutating func skill(
        from file: SpecFile, directory: String, scope: SpecScope, workflowNames: [String]
    ) -> SkillSpec {
        let front = file.frontMatter
        let kind: SpecKind = front?["operations"] == nil ? .prompt : .runnable
        checkKeys(front, known: kind == .prompt ? SpecKeys.promptSkill : SpecKeys.skill, in: "skill", severity: .warning)
        if !file.hasFrontMatterErrors, kind == .runnable {
            requireKey("name", in: front, kind: "skill", at: file.frontMatterLocation)
            requireKey("description", in: front, kind: "skill", at: file.frontMatterLocation)
        }
        let folderName = String(directory.split(separator: "/").last ?? Substring(directory))
        // A runnable skill's `tools` are handler namespaces, a prompt skill's are Claude Code's
        // tools: both readings are kept until the loader knows which it is (`settle`).
        let allowedTools = claudeCodeTools(["allowed-tools"], in: front)
        var tools = stringList("tools", in: front, what: "a list of handler namespaces such as [core, report, aws]")
        let toolsAsPermissions = (tools ?? []).flatMap { Self.splitTools($0.value, at: $0.location) }
        if let only = tools?.first, tools?.count == 1, only.value.contains(",") {
            // Claude Code style `tools: core, aws`.
            tools = only.value.split(separator: ",").map {
                Located(String($0).trimmingWhitespace(), at: only.location)
            }
        }
        var operations: [SkillSpec.Operation] = []
        let map = mapping("operations", in: front, what: "a mapping of operation names to workflows or handlers")
        for pair in map?.mappingPairs ?? [] {
            guard let name = pair.key.scalarText else { continue }
            if let operation = skillOperation(name, at: pair.key.location, node: pair.value) {
                operations.append(operation)
            }
        }
        var spec = SkillSpec(
            name: string("name", in: front)?.value ?? folderName, scope: scope, file: file, kind: kind, directory: directory,
            description: string("description", in: front)?.value ?? (kind == .prompt ? Self.firstLine(of: file.body) : nil),
            tools: tools, allowedTools: allowedTools, operations: operations,
            workflowNames: workflowNames)
        spec.toolsAsPermissions = toolsAsPermissions
        return spec
    }

    private mutating func skillOperation(_ name: String, at location: SourceLocation, node: YAMLNode) -> SkillSpec.Operation? {
        if let text = node.scalarText, !Self.isNull(node) {
            return SkillSpec.Operation(name: name, location: node.location, target: Self.operationTarget(text), description: nil)
        }
        let kind = "skill operation '\(name)'"
        guard node.mappingPairs != nil else {
            report(
                .error(
                    "\(kind) must name a workflow file or a handler, such as 'workflow/\(name).md' or {handler: aws.\(name)}",
                    at: node.location))
            return nil
        }
        checkKeys(node, known: SpecKeys.skillOperation, in: kind, severity: .warning)
        let workflow = string("workflow", in: node, what: "a workflow name or file")
        let handler = string("handler", in: node, what: "a native handler id such as aws.query-metrics")
        let target: SkillSpec.OperationTarget
        switch (workflow, handler) {
        case (let workflow?, nil): target = .workflow(Self.workflowName(workflow.value))
        case (nil, let handler?): target = .handler(handler.value)
        case (_?, let handler?):
            report(.error("\(kind) has both 'workflow' and 'handler'; keep one", at: handler.location))
            return nil
        case (nil, nil):
            report(.error("missing required key 'workflow' or 'handler' in \(kind)", at: node.location))
            return nil
        }
        return SkillSpec.Operation(
            name: name, location: node.location, target: target, description: string("description", in: node)?.value)
    }

    static func operationTarget(_ text: String) -> SkillSpec.OperationTarget {
        if text.hasSuffix(".md") || text.contains("/") { return .workflow(workflowName(text)) }
        if text.contains(".") { return .handler(text) }
        return .workflow(text)
    }
}
