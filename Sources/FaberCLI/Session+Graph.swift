import FaberCore
import FaberEngine
import FaberSpec
import Foundation

extension Session {
    enum GraphFormat: String, CaseIterable { case mermaid, dot }

    /// `faber graph <skill>/<workflow> [--format mermaid|dot]`
    func graph(_ name: String, format: GraphFormat) -> Int32 {
        let workspace = workspace()
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            terminal.report(FaberError.usage("faber graph takes <skill>/<workflow>, e.g. ops-monitor/health-check"))
            return ExitStatus.usage.rawValue
        }
        let candidates = workspace.skills.filter { $0.name == parts[0] }
        guard let skill = candidates.first(where: { $0.workflowNames.contains(parts[1]) }) ?? candidates.first else {
            terminal.report(FaberError.usage("unknown skill '\(parts[0])'", hint: didYouMean(parts[0], among: workspace.skills.map(\.name))))
            return ExitStatus.usage.rawValue
        }
        guard let workflow = workspace.workflow(skill: skill.name, name: parts[1], scope: skill.scope) else {
            terminal.report(FaberError.usage("skill '\(skill.name)' has no workflow '\(parts[1])'",
                                             hint: didYouMean(parts[1], among: skill.workflowNames) ?? "workflows: \(skill.workflowNames.joined(separator: ", "))"))
            return ExitStatus.usage.rawValue
        }
        let config = (try? self.config(for: skill.scope, workspace: workspace)) ?? [:]
        let (plan, diagnostics) = Planner(workspace: workspace, registry: registry, config: config).plan(skill: skill, workflow: workflow)
        guard let plan else {
            for diagnostic in diagnostics.errors.sortedByLocation() { terminal.report(relative(diagnostic)) }
            return ExitStatus.invalidSpec.rawValue
        }
        terminal.out(format == .mermaid ? GraphRenderer.mermaid(plan) : GraphRenderer.dot(plan))
        return 0
    }
}

/// The step graph of a plan as Mermaid or Graphviz DOT text.
enum GraphRenderer {
    static func label(_ step: PlannedStep) -> [String] {
        var lines = [step.id, step.resolvedUses]
        if step.forEach != nil { lines.append("for each" + (step.spec.concurrency.map { " (max \($0))" } ?? "")) }
        if let condition = step.spec.condition { lines.append("if " + condition.value) }
        if let retry = step.spec.retry { lines.append("retry \(retry.attempts)x") }
        if let timeout = step.spec.timeout { lines.append("timeout \(DurationText.format(seconds: timeout.value))") }
        if step.spec.onError == .continue { lines.append("on error: continue") }
        return lines
    }

    static func nodeID(_ id: String) -> String {
        "s_" + String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func mermaid(_ plan: Plan) -> String {
        var lines = ["flowchart TD"]
        for step in plan.steps {
            let text = label(step).map { $0.replacingOccurrences(of: "\"", with: "#quot;") }.joined(separator: "<br/>")
            let shape = step.condition != nil ? ("{{\"", "\"}}") : ("[\"", "\"]")
            lines.append("    \(nodeID(step.id))\(shape.0)\(text)\(shape.1)")
        }
        for step in plan.steps {
            for need in step.needs { lines.append("    \(nodeID(need)) --> \(nodeID(step.id))") }
        }
        return lines.joined(separator: "\n")
    }

    static func dot(_ plan: Plan) -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        func quote(_ s: String) -> String { "\"" + escape(s) + "\"" }
        var lines = ["digraph \(quote(plan.name)) {", "    rankdir=TB;", "    node [shape=box];"]
        for step in plan.steps {
            let shape = step.condition != nil ? ", shape=diamond" : ""
            let text = label(step).map(escape).joined(separator: "\\n")
            lines.append("    \(quote(step.id)) [label=\"\(text)\"\(shape)];")
        }
        for step in plan.steps {
            for need in step.needs { lines.append("    \(quote(need)) -> \(quote(step.id));") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
