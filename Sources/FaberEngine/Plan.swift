import FaberCore
import FaberSpec

/// A checked workflow, ready to run: steps resolved to handlers or sub-workflows,
/// templates compiled, dependencies known, in an order where every step comes
/// after the steps it needs.
public final class Plan: Sendable {
    public let workflow: WorkflowSpec
    public let skill: SkillSpec
    public let steps: [PlannedStep]
    public let inputs: [(name: String, required: Bool, defaultValue: Template?, location: SourceLocation)]
    public let outputs: [(name: String, value: Template)]

    init(
        workflow: WorkflowSpec, skill: SkillSpec, steps: [PlannedStep],
        inputs: [(name: String, required: Bool, defaultValue: Template?, location: SourceLocation)],
        outputs: [(name: String, value: Template)]
    ) {
        self.workflow = workflow
        self.skill = skill
        self.steps = steps
        self.inputs = inputs
        self.outputs = outputs
    }

    /// `<skill>/<workflow>`
    public var name: String { "\(skill.name)/\(workflow.name)" }
}

/// One step of a plan.
public struct PlannedStep: Sendable {
    public enum Target: Sendable {
        /// A native handler; `skillDirectory` is the folder of the skill it runs for.
        case handler(any Handler, skillDirectory: String)
        /// A workflow of a skill (`uses: <skill>:<operation>` mapped to a workflow).
        case workflow(Plan)
    }

    public var spec: StepSpec
    public var id: String { spec.id.value }
    /// What `uses:` resolved to, e.g. `aws.query-metrics` or `ops-monitor/health-check`.
    public var resolvedUses: String
    public var target: Target
    public var needs: [String]
    public var with: Template?
    public var condition: Template?
    public var forEach: Template?
}
