import FaberCore
import FaberEngine
import FaberSpec

extension Runtime {
    /// The checked plan of `<skill>/<workflow>` (for `faber graph`). Throws a usage error for an
    /// unknown skill or workflow and an invalid-spec error, with every problem as its causes, when
    /// the workflow does not plan.
    public func plan(reference name: String, workspace: Workspace) throws -> Plan {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw FaberError.usage("faber graph takes <skill>/<workflow>, e.g. ops-monitor/health-check", code: "bad-workflow-reference")
        }
        let candidates = workspace.skills.filter { $0.name == parts[0] }
        guard let skill = candidates.first(where: { $0.workflowNames.contains(parts[1]) }) ?? candidates.first else {
            throw FaberError.usage("unknown skill '\(parts[0])'", hint: didYouMean(parts[0], among: workspace.skills.map(\.name)), code: "unknown-skill")
        }
        guard let workflow = workspace.workflow(skill: skill.name, name: parts[1], scope: skill.scope) else {
            throw FaberError.usage(
                "skill '\(skill.name)' has no workflow '\(parts[1])'",
                hint: didYouMean(parts[1], among: skill.workflowNames)
                    ?? (skill.workflowNames.isEmpty ? "skill '\(skill.name)' has no workflows" : "workflows: \(skill.workflowNames.joined(separator: ", "))"),
                code: "unknown-workflow")
        }
        let configuration = try self.configuration(for: skill.scope, workspace: workspace)
        let (plan, diagnostics) = Planner(workspace: workspace, registry: registry, config: configuration.document).plan(skill: skill, workflow: workflow)
        guard let plan else {
            throw relative(
                FaberError(
                    .invalidSpec, "\(skill.name)/\(workflow.name) has errors (faber check lists them all)",
                    code: "spec-errors", causes: diagnostics.errors.sortedByLocation()))
        }
        return plan
    }
}
