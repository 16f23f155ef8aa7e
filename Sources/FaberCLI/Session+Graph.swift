import FaberCore
import FaberEngine
import FaberRuntime
import FaberSpec
import Foundation

extension Session {
    enum GraphFormat: String, CaseIterable { case mermaid, dot }

    /// `faber graph <skill>/<workflow> [--format mermaid|dot]`
    func graph(_ name: String, format: GraphFormat) -> Int32 {
        do {
            let plan = try runtime.plan(reference: name, workspace: workspace())
            terminal.out(format == .mermaid ? GraphRenderer.mermaid(plan) : GraphRenderer.dot(plan))
            return 0
        } catch {
            let failure = FaberError(describing: error)
            report(failure)
            return failure.exitStatus.rawValue
        }
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
