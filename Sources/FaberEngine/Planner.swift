import FaberCore
import FaberSpec

/// Builds a `Plan` from a workflow and checks it before anything runs: `uses`
/// resolves to a known handler or skill operation, the handler is in the skill's
/// `tools`, `needs` name known steps, no cycles, expressions parse and read only
/// steps they depend on, required handler inputs are given.
public struct Planner {
    public let workspace: Workspace
    public let registry: HandlerRegistry
    /// The plugin configuration, used to resolve `uses:` expressions such as
    /// `handler-hosting-${{ config.handlers.hosting.active }}:query-metrics`.
    /// nil while checking without a configuration.
    public let config: Value?

    public init(workspace: Workspace, registry: HandlerRegistry, config: Value?) {
        self.workspace = workspace
        self.registry = registry
        self.config = config
    }

    /// Plans `workflow` of `skill`. Returns nil when there are errors; diagnostics holds
    /// every problem found (including those of sub-workflows).
    public func plan(skill: SkillSpec, workflow: WorkflowSpec) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var context = PlanningContext()
        let plan = plan(skill: skill, workflow: workflow, context: &context)
        return (context.diagnostics.hasErrors ? nil : plan, context.diagnostics)
    }

    struct PlanningContext {
        var diagnostics: [Diagnostic] = []
        var stack: [String] = []  // workflow files being planned (recursion check)
        var done: [String: Plan] = [:]  // by workflow file path
    }

    func plan(skill: SkillSpec, workflow: WorkflowSpec, context: inout PlanningContext) -> Plan {
        if let existing = context.done[workflow.file.path] { return existing }
        context.stack.append(workflow.file.path)
        defer { context.stack.removeLast() }

        var diagnostics: [Diagnostic] = []
        let stepIDs = workflow.steps.map(\.id.value)
        let stepSet = Set(stepIDs)
        var firstIndex: [String: Int] = [:]
        for (n, id) in stepIDs.enumerated() where firstIndex[id] == nil { firstIndex[id] = n }

        // Dependencies: `needs`, or the step before.
        var needs: [String: [String]] = [:]
        for (n, step) in workflow.steps.enumerated() where firstIndex[step.id.value] == n {
            if let declared = step.needs {
                var list: [String] = []
                for need in declared {
                    if need.value == step.id.value {
                        diagnostics.append(.error("step '\(need.value)' needs itself", at: need.location))
                    } else if firstIndex[need.value] == nil {
                        let others = stepIDs.filter { $0 != step.id.value }
                        diagnostics.append(
                            .error(
                                "step '\(step.id.value)' needs unknown step '\(need.value)'", at: need.location,
                                hint: didYouMean(need.value, among: others)
                                    ?? (others.isEmpty ? "this workflow has no other steps" : "steps in this workflow: \(others.joined(separator: ", "))")))
                    } else if !list.contains(need.value) {
                        list.append(need.value)
                    }
                }
                needs[step.id.value] = list
            } else {
                needs[step.id.value] = n > 0 ? [workflow.steps[n - 1].id.value] : []
            }
        }

        let order = topologicalOrder(workflow: workflow, needs: needs, firstIndex: firstIndex, diagnostics: &diagnostics)
        let declaredInputs = workflow.inputs.map(\.name)

        var planned: [PlannedStep] = []
        // Steps caught in a cycle are not in `order`; check them all the same.
        let placed = Set(order.map(\.id.value))
        let unordered = workflow.steps.enumerated()
            .filter { firstIndex[$0.element.id.value] == $0.offset && !placed.contains($0.element.id.value) }
            .map(\.element)
        for step in order + unordered {
            var stepDiagnostics: [Diagnostic] = []
            let with = step.with.map { Template.compile($0, diagnostics: &stepDiagnostics) }
            let condition = step.condition.map { Template.compileCondition($0, diagnostics: &stepDiagnostics) }
            if let source = step.condition, let condition, stepDiagnostics.isEmpty {
                checkConstant(condition, at: source.location, stepID: step.id.value, diagnostics: &stepDiagnostics)
            }
            let forEach = step.forEach.map { Template.compile($0, diagnostics: &stepDiagnostics) }

            checkPolicies(step, forEach: forEach, diagnostics: &stepDiagnostics)
            // What a step may read is what its needs reach (also for a step caught in a cycle, so the
            // cycle is reported once, not again as "does not depend on it"). Asked per reference,
            // direct needs first: a chain of 10,000 steps stays linear.
            let stepID = step.id.value
            let readable: (String) -> Bool = { id in (needs[stepID] ?? []).contains(id) || Self.reaches(from: stepID, to: id, needs: needs) }
            for (template, allowsItem) in [(with, step.forEach != nil), (condition, false), (forEach, false)] {
                guard let template else { continue }
                for (expression, location) in template.expressions {
                    for problem in expression.staticProblems {
                        stepDiagnostics.append(.error(problem, at: location))
                    }
                    checkReferences(
                        expression, at: location, stepID: step.id.value, readable: readable, allSteps: stepIDs, stepSet: stepSet,
                        inputs: declaredInputs, allowsItem: allowsItem, diagnostics: &stepDiagnostics)
                }
            }
            let target = resolveTarget(step, skill: skill, with: with, context: &context, diagnostics: &stepDiagnostics)
            diagnostics += stepDiagnostics
            if let (target, label) = target {
                planned.append(
                    PlannedStep(
                        spec: step, resolvedUses: label, target: target, needs: needs[step.id.value] ?? [],
                        with: with, condition: condition, forEach: forEach))
            }
        }

        var inputs: [(name: String, required: Bool, defaultValue: Template?, location: SourceLocation)] = []
        for input in workflow.inputs {
            let defaultValue = input.defaultValue.map { Template.compile($0, diagnostics: &diagnostics) }
            inputs.append((input.name, input.required, defaultValue, input.location))
        }
        var outputs: [(name: String, value: Template)] = []
        let allSteps = Set(stepIDs)
        for output in workflow.outputs {
            let template = Template.compile(output.value, diagnostics: &diagnostics)
            for (expression, location) in template.expressions {
                checkReferences(
                    expression, at: location, stepID: nil, readable: { allSteps.contains($0) }, allSteps: stepIDs, stepSet: stepSet,
                    inputs: declaredInputs, allowsItem: false, diagnostics: &diagnostics)
            }
            outputs.append((output.name, template))
        }

        context.diagnostics += diagnostics
        let plan = Plan(workflow: workflow, skill: skill, steps: planned, inputs: inputs, outputs: outputs)
        context.done[workflow.file.path] = plan
        return plan
    }

    /// Kahn's algorithm, keeping document order among ready steps; reports cycles.
    func topologicalOrder(
        workflow: WorkflowSpec, needs: [String: [String]], firstIndex: [String: Int],
        diagnostics: inout [Diagnostic]
    ) -> [StepSpec] {
        let steps = workflow.steps.enumerated().filter { firstIndex[$0.element.id.value] == $0.offset }.map(\.element)
        var placed = Set<String>()
        var order: [StepSpec] = []
        var progress = true
        while progress {
            progress = false
            for step in steps where !placed.contains(step.id.value) {
                if (needs[step.id.value] ?? []).allSatisfy(placed.contains) {
                    placed.insert(step.id.value)
                    order.append(step)
                    progress = true
                }
            }
        }
        let stuck = steps.filter { !placed.contains($0.id.value) }
        var reported = Set<String>()
        for step in stuck where !reported.contains(step.id.value) {
            guard let cycle = findCycle(from: step.id.value, needs: needs) else { continue }
            reported.formUnion(cycle)
            // Start the cycle at the step written first, so the message reads in document order.
            let start = cycle.indices.min { firstIndex[cycle[$0]]! < firstIndex[cycle[$1]]! }!
            let ordered = Array(cycle[start...] + cycle[..<start])
            let first = steps.first { $0.id.value == ordered[0] }!
            diagnostics.append(
                .error(
                    "dependency cycle: \((ordered + [ordered[0]]).joined(separator: " -> "))", at: first.id.location,
                    hint: "remove one of these steps from another's 'needs'"))
        }
        return order
    }

    func findCycle(from start: String, needs: [String: [String]]) -> [String]? {
        var path: [String] = []
        var onPath = Set<String>()
        var visited = Set<String>()
        func visit(_ id: String) -> [String]? {
            if onPath.contains(id) { return Array(path[path.firstIndex(of: id)!...]) }
            if visited.contains(id) { return nil }
            visited.insert(id)
            path.append(id)
            onPath.insert(id)
            for need in needs[id] ?? [] { if let cycle = visit(need) { return cycle } }
            path.removeLast()
            onPath.remove(id)
            return nil
        }
        guard let cycle = visit(start) else { return nil }
        // Read it in the direction of execution: a needs b means b runs first.
        return Array(cycle.reversed())
    }

    /// Whether `start` needs `target`, directly or not (cycles included: each step is visited once).
    static func reaches(from start: String, to target: String, needs: [String: [String]]) -> Bool {
        var seen = Set<String>()
        var pending = needs[start] ?? []
        while let next = pending.popLast() {
            if next == target { return true }
            guard seen.insert(next).inserted else { continue }
            pending += needs[next] ?? []
        }
        return false
    }

    func ancestorSets(order: [StepSpec], needs: [String: [String]]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for step in order {
            var set = Set<String>()
            for need in needs[step.id.value] ?? [] {
                set.insert(need)
                set.formUnion(result[need] ?? [])
            }
            result[step.id.value] = set
        }
        return result
    }

    func checkReferences(
        _ expression: Expression, at location: SourceLocation, stepID: String?, readable: (String) -> Bool,
        allSteps: [String], stepSet: Set<String>, inputs: [String], allowsItem: Bool, diagnostics: inout [Diagnostic]
    ) {
        for reference in expression.references {
            switch reference.root {
            case "steps":
                guard let id = reference.members.first else { continue }
                if !stepSet.contains(id) {
                    diagnostics.append(
                        .error(
                            "unknown step '\(id)' in expression", at: location,
                            hint: didYouMean(id, among: allSteps)
                                ?? (allSteps.isEmpty ? "this workflow has no steps" : "steps in this workflow: \(allSteps.joined(separator: ", "))")))
                } else if let stepID, !readable(id) {
                    diagnostics.append(
                        .error(
                            "step '\(stepID)' reads steps.\(id) but does not depend on it", at: location,
                            hint: "add '\(id)' to the 'needs' of step '\(stepID)'"))
                } else if reference.members.count > 1, !["outputs", "status", "error", "exit_code"].contains(reference.members[1]) {
                    diagnostics.append(
                        .error(
                            "steps.\(id) has no '\(reference.members[1])'", at: location,
                            hint: "use steps.\(id).outputs.<name>, steps.\(id).status, steps.\(id).error or steps.\(id).exit_code"))
                }
            case "inputs":
                if let name = reference.members.first, !inputs.isEmpty, !inputs.contains(name) {
                    diagnostics.append(
                        .error(
                            "unknown input '\(name)'", at: location,
                            hint: didYouMean(name, among: inputs)
                                ?? (inputs.isEmpty
                                    ? "this workflow declares no inputs; add it under 'inputs:'" : "inputs of this workflow: \(inputs.joined(separator: ", "))")
                        ))
                }
            case "item":
                if !allowsItem {
                    diagnostics.append(.error("'item' is only defined in the 'with' of a step with 'for_each'", at: location))
                }
            default:
                break
            }
        }
    }

    /// `timeout`, `concurrency` and `for_each` values that cannot do what the author meant.
    func checkPolicies(_ step: StepSpec, forEach: Template?, diagnostics: inout [Diagnostic]) {
        if let timeout = step.timeout, timeout.value <= 0 {
            diagnostics.append(.error("timeout must be more than 0 (e.g. 30s)", at: timeout.location))
        }
        if let concurrency = step.concurrency {
            if concurrency < 1 {
                diagnostics.append(.error("concurrency must be 1 or more", at: step.id.location))
            } else if step.forEach == nil {
                diagnostics.append(
                    .warning(
                        "concurrency has no effect without for_each", at: step.id.location,
                        hint: "independent steps already run at the same time; concurrency caps for_each items"))
            }
        }
        if case .literal(let value)? = forEach, value.array == nil {
            diagnostics.append(
                .error(
                    "for_each must be a list or an expression that gives one, not \(English.withArticle(value.typeName))",
                    at: step.forEach?.location))
        }
    }
}
