import FaberCore
import FaberSpec

extension Planner {
    /// Resolves `uses:` to a handler or a sub-workflow, checking tools and inputs.
    func resolveTarget(
        _ step: StepSpec, skill: SkillSpec, with: Template?, context: inout PlanningContext,
        diagnostics: inout [Diagnostic]
    ) -> (PlannedStep.Target, String)? {
        guard let uses = resolveUsesText(step.uses, diagnostics: &diagnostics) else { return nil }
        let location = step.uses.location

        if let colon = uses.firstIndex(of: ":") {
            let skillName = String(uses[..<colon])
            let operationName = String(uses[uses.index(after: colon)...])
            guard let callee = workspace.skill(named: skillName, from: skill.scope) else {
                diagnostics.append(
                    .error(
                        "unknown skill '\(skillName)' in 'uses: \(uses)'", at: location,
                        hint: didYouMean(skillName, among: workspace.skills.map(\.name))))
                return nil
            }
            let target: SkillSpec.OperationTarget
            if let operation = callee.operations.first(where: { $0.name == operationName }) {
                target = operation.target
            } else if callee.workflowNames.contains(operationName) {
                target = .workflow(operationName)
            } else {
                var names = callee.operations.map(\.name)
                names += callee.workflowNames.filter { !names.contains($0) }
                diagnostics.append(
                    .error(
                        "skill '\(callee.name)' has no operation '\(operationName)'", at: location,
                        hint: didYouMean(operationName, among: names)
                            ?? (names.isEmpty ? "skill '\(callee.name)' has no operations or workflows yet" : "operations: \(names.joined(separator: ", "))")))
                return nil
            }
            switch target {
            case .handler(let id):
                guard let handler = resolveHandler(id, skill: callee, at: location, diagnostics: &diagnostics) else { return nil }
                checkInputs(with, of: handler, step: step, skillDirectory: callee.directory, diagnostics: &diagnostics)
                return (.handler(handler, skillDirectory: callee.directory), id)
            case .workflow(let name):
                guard let workflow = workspace.workflow(skill: callee.name, name: name, scope: callee.scope) else {
                    diagnostics.append(
                        .error(
                            "skill '\(callee.name)' maps '\(operationName)' to workflow '\(name)', but \(callee.workflowPath(name)) does not exist",
                            at: location))
                    return nil
                }
                if let start = context.stack.firstIndex(of: workflow.file.path) {
                    let loop = context.stack[start...].map(Self.workflowLabel) + [Self.workflowLabel(workflow.file.path)]
                    let message =
                        loop.count == 2
                        ? "workflow '\(loop[0])' calls itself (through 'uses: \(uses)')"
                        : "workflows call each other in a loop: \(loop.joined(separator: " -> "))"
                    diagnostics.append(.error(message, at: location, hint: "a workflow may not call itself, directly or through others"))
                    return nil
                }
                let sub = plan(skill: callee, workflow: workflow, context: &context)
                checkInputs(with, of: sub, step: step, diagnostics: &diagnostics)
                return (.workflow(sub), "\(callee.name)/\(name)")
            }
        }

        guard uses.contains(".") else {
            diagnostics.append(
                .error(
                    "'uses: \(uses)' is neither a handler (namespace.name) nor a skill operation (skill:operation)", at: location,
                    hint: didYouMean(uses, among: registry.ids)))
            return nil
        }
        guard let handler = resolveHandler(uses, skill: skill, at: location, diagnostics: &diagnostics) else { return nil }
        checkInputs(with, of: handler, step: step, skillDirectory: skill.directory, diagnostics: &diagnostics)
        return (.handler(handler, skillDirectory: skill.directory), uses)
    }

    /// `uses:` text with `${{ config.* }}` expressions resolved.
    func resolveUsesText(_ uses: Located<String>, diagnostics: inout [Diagnostic]) -> String? {
        guard uses.value.contains("${{") else { return uses.value }
        var local: [Diagnostic] = []
        let template = Template.compile(text: uses.value, at: uses.location, diagnostics: &local)
        diagnostics += local
        if local.hasErrors { return nil }
        for (expression, location) in template.expressions {
            for reference in expression.references where reference.root != "config" {
                diagnostics.append(.error("'uses' may only read config.* (it is resolved before the workflow runs), not \(reference.root)", at: location))
                return nil
            }
        }
        guard let config else { return nil }  // checking without a configuration: nothing more to say
        do {
            let text = try template.evaluate(in: EvaluationScope(config: config)).interpolated
            for (expression, location) in template.expressions where (try? expression.evaluate(in: EvaluationScope(config: config)))?.isNull ?? true {
                let path = expression.references.first.map { ([$0.root] + $0.members).joined(separator: ".") } ?? "expression"
                diagnostics.append(
                    .error(
                        "'uses' needs \(path), which the configuration does not set", at: location,
                        hint: "set it in .fractary/plugins/<plugin>/config.json"))
                return nil
            }
            return text
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    func resolveHandler(_ id: String, skill: SkillSpec, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> (any Handler)? {
        guard let handler = registry.handler(id) else {
            diagnostics.append(
                .error(
                    "unknown handler '\(id)'", at: location,
                    hint: didYouMean(id, among: registry.ids) ?? "handlers: \(registry.ids.joined(separator: ", "))"))
            return nil
        }
        if let tools = skill.tools, !tools.contains(where: { $0.value == handler.namespace || $0.value == id }) {
            let listed = tools.map(\.value).joined(separator: ", ")
            diagnostics.append(
                .error(
                    "handler '\(id)' is not in the tools of skill '\(skill.name)' (tools: [\(listed)])", at: location,
                    hint: "add '\(handler.namespace)' to 'tools' in \(skill.file.path)"))
            return nil
        }
        return handler
    }

    func checkInputs(_ with: Template?, of handler: any Handler, step: StepSpec, skillDirectory: String, diagnostics: inout [Diagnostic]) {
        let location = step.with?.location ?? step.uses.location
        let required = handler.signature.inputs.filter(\.required).map(\.name)
        let given = Self.keys(of: with)
        if with == nil, !required.isEmpty {
            diagnostics.append(.error("step '\(step.id.value)' needs 'with:' for \(handler.id) (required: \(required.joined(separator: ", ")))", at: location))
        } else if let given {
            for name in required where !given.contains(name) {
                diagnostics.append(.error("step '\(step.id.value)' does not give required input '\(name)' of \(handler.id)", at: location))
            }
        }
        checkLiteralValues(with, of: handler, step: step, diagnostics: &diagnostics)
        checkHandlerRules(with, of: handler, step: step, skillDirectory: skillDirectory, diagnostics: &diagnostics)
        guard !handler.signature.acceptsOtherInputs, let given, let pairs = step.with?.mappingPairs else { return }
        let known = handler.signature.inputs.map(\.name)
        for pair in pairs {
            guard let key = pair.key.scalarText, !given.isEmpty, !known.contains(key) else { continue }
            diagnostics.append(
                .error(
                    "\(handler.id) has no input '\(key)'", at: pair.key.location,
                    hint: didYouMean(key, among: known) ?? "inputs: \(known.joined(separator: ", "))"))
        }
    }

    /// An `if:` that reads nothing (`if: 3`, `if: false`) decides the same way on every run: say so.
    func checkConstant(_ condition: Template, at location: SourceLocation, stepID: String, diagnostics: inout [Diagnostic]) {
        guard condition.expressions.allSatisfy({ $0.0.references.isEmpty }),
            let value = try? condition.evaluate(in: EvaluationScope())
        else { return }
        diagnostics.append(
            .warning(
                "step '\(stepID)' \(value.isTruthy ? "always runs" : "never runs"): its 'if' reads no input, step, env or config value",
                at: location, hint: "write a condition such as ${{ inputs.env == 'prod' }}, or remove the 'if'"))
    }

    /// A value written as it is (no `${{ }}`) must be of the kind the handler takes: `keep: -1`
    /// or `append: yes` is an error now, not a surprise when the step runs.
    func checkLiteralValues(_ with: Template?, of handler: any Handler, step: StepSpec, diagnostics: inout [Diagnostic]) {
        guard case .object(let entries)? = with, let pairs = step.with?.mappingPairs else { return }
        for parameter in handler.signature.inputs where parameter.kind != .any {
            guard let entry = entries.first(where: { $0.key == parameter.name }), case .literal(let value) = entry.value,
                let problem = parameter.kind.problem(with: value)
            else { continue }
            let node = pairs.first { $0.key.scalarText == parameter.name }?.value
            diagnostics.append(
                .error(
                    "\(handler.id) input '\(parameter.name)' \(problem)", at: node?.location ?? step.uses.location,
                    hint: parameter.description.isEmpty ? nil : "\(parameter.name): \(parameter.description)"))
        }
    }

    /// The handler's own rules for values written as they are (`core.render`: the template exists),
    /// so that `faber check` finds what the run would find only after the steps before it ran.
    func checkHandlerRules(_ with: Template?, of handler: any Handler, step: StepSpec, skillDirectory: String, diagnostics: inout [Diagnostic]) {
        guard case .object(let entries)? = with, let pairs = step.with?.mappingPairs else { return }
        var literals = OrderedDictionary<String, Value>()
        for entry in entries { if case .literal(let value) = entry.value { literals[entry.key] = value } }
        for problem in handler.check(literals: .object(literals), skillDirectory: skillDirectory, workspace: workspace.root) {
            let node = problem.input.flatMap { input in pairs.first { $0.key.scalarText == input }?.value }
            diagnostics.append(.error(problem.message, at: node?.location ?? step.uses.location, hint: problem.hint))
        }
    }

    func checkInputs(_ with: Template?, of plan: Plan, step: StepSpec, diagnostics: inout [Diagnostic]) {
        let given = Self.keys(of: with) ?? []
        let location = step.with?.location ?? step.uses.location
        for input in plan.inputs where input.required && input.defaultValue == nil && !given.contains(input.name) {
            diagnostics.append(.error("step '\(step.id.value)' does not give required input '\(input.name)' of workflow \(plan.name)", at: location))
        }
        let known = plan.inputs.map(\.name)
        for pair in step.with?.mappingPairs ?? [] {
            guard let key = pair.key.scalarText, !known.isEmpty, !known.contains(key) else { continue }
            diagnostics.append(
                .error(
                    "workflow \(plan.name) has no input '\(key)'", at: pair.key.location,
                    hint: didYouMean(key, among: known) ?? "inputs: \(known.joined(separator: ", "))"))
        }
    }

    /// Keys of a `with:` object; nil when `with` is absent or not a literal mapping (e.g. one expression).
    static func keys(of with: Template?) -> Set<String>? {
        guard case .object(let pairs)? = with else { return with == nil ? [] : nil }
        return Set(pairs.map(\.key))
    }

    /// `<skill>/<workflow>` for `.../skills/<skill>/workflow/<workflow>.md`.
    static func workflowLabel(_ path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count >= 3 else { return path }
        let name = parts[parts.count - 1].hasSuffix(".md") ? String(parts[parts.count - 1].dropLast(3)) : String(parts[parts.count - 1])
        return "\(parts[parts.count - 3])/\(name)"
    }
}
