import FaberCore
import Testing

@testable import FaberSpec

/// The model built from `Fixtures/workspace`: every key of every kind lands in its field.
@Suite struct SpecModelTests {
    let root = Fixtures.path("workspace")
    var workspace: Workspace { WorkspaceLoader(workspace: root).load() }

    @Test func commandRoutesToAnAgent() throws {
        let command = try #require(workspace.command(slash: "/ops-tools:ops-manage"))
        #expect(command.description == "Runtime operations on deployed resources")
        #expect(command.argumentHint == "<operation> --env <env>")
        #expect(command.slashName == "/ops-tools:ops-manage")
        guard case .agent(let agent)? = command.target else {
            Issue.record("no agent target")
            return
        }
        #expect(agent.value == "ops-manager")
        #expect(agent.location.line == 4 && agent.location.column == 8)
    }

    @Test func agentOperationsWithArgumentsAliasesRiskAndNext() throws {
        let agent = try #require(workspace.agent(named: "ops-manager", scope: .plugin("ops-tools")))
        #expect(agent.operations.map(\.name) == ["check-health", "query-metrics"])
        let check = try #require(agent.operation(named: "hc"))
        #expect(check.name == "check-health")
        #expect(check.skill?.value == "ops-monitor")
        #expect(check.workflow?.value == "health-check")
        #expect(check.aliases.map(\.value) == ["health", "hc"])
        #expect(check.risk == .readOnly)
        #expect(check.next.map(\.value) == ["query-metrics"])
        #expect(check.location.line == 6)
        let arguments = check.arguments
        #expect(arguments.map(\.name) == ["env", "service", "timeframe"])
        #expect(arguments[0].required && arguments[0].allowed == ["test", "prod"] && arguments[0].type == .string)
        #expect(arguments[1].description == "Only this service" && !arguments[1].required)
        #expect(arguments[2].type == .duration && arguments[2].defaultValue == "1h")
        let query = try #require(agent.operation(named: "query-metrics"))
        // Left out, and the skill maps `query-metrics` to a handler: stays nil.
        #expect(query.workflow == nil)
        #expect(query.arguments.first?.defaultValue == 2)
        let target = try #require(workspace.target(of: query, in: agent))
        #expect(target.skill.name == "handler-hosting-aws" && target.target == .handler("aws.query-metrics"))
        #expect(workspace.target(of: check, in: agent)?.target == .workflow("health-check"))
    }

    @Test func aLeftOutWorkflowIsTakenFromTheSkillsOperation() throws {
        let agent = try #require(workspace.agent(named: "helper", scope: .workspace))
        let summary = try #require(agent.operation(named: "summary"))
        #expect(summary.workflow?.value == "health-check")
        #expect(
            summary.workflow?.location
                == SourceLocation(
                    path: "\(root)/plugins/ops/skills/ops-monitor/SKILL.md", line: 8, column: 5))
    }

    @Test func skillOperationsToolsAndWorkflowNames() throws {
        let skill = try #require(workspace.skill(named: "ops-monitor", from: .plugin("ops-tools")))
        #expect(skill.description == "Health monitoring of deployed resources")
        #expect(skill.tools?.map(\.value) == ["core", "report", "aws"])
        #expect(skill.operations.map(\.name) == ["check-health", "summary"])
        #expect(skill.operations.map(\.target) == [.workflow("health-check"), .workflow("health-check")])
        #expect(skill.operations[1].description == "Same workflow, another name")
        #expect(skill.workflowNames == ["health-check"])
        #expect(skill.directory == "\(root)/plugins/ops/skills/ops-monitor")
        let handler = try #require(workspace.skill(named: "handler-hosting-aws", from: .workspace))
        #expect(handler.tools == nil)
        #expect(handler.operations.map(\.target) == [.handler("aws.query-metrics"), .handler("aws.get-resource-status")])
    }

    @Test func workflowInputsOutputsAndSteps() throws {
        let workflow = try #require(workspace.workflow(skill: "ops-monitor", name: "health-check", scope: .plugin("ops-tools")))
        #expect(workflow.name == "health-check" && workflow.skill == "ops-monitor")
        #expect(workflow.inputs.map(\.name) == ["env", "service", "timeframe"])
        #expect(workflow.inputs[0].required && workflow.inputs[0].description == "Environment to check")
        #expect(workflow.inputs[1].description == "Only this service")
        #expect(workflow.inputs[2].defaultValue?.value == "1h")
        #expect(workflow.outputs.map(\.name) == ["overall", "text"])
        #expect(workflow.outputs[1].value.scalarText == "${{ steps.render.outputs.text }}")

        let steps = workflow.steps
        #expect(steps.map(\.id.value) == ["resources", "query-metrics-for-every-resource", "classify-health-per-resource", "render"])
        #expect(steps.map(\.location.line) == [23, 34, 49, 60])
        #expect(steps.map(\.location.column) == [1, 1, 1, 3])
        #expect(steps[0].id.location == SourceLocation(path: workflow.file.path, line: 23, column: 5))
        #expect(steps[0].uses.value == "handler-hosting-aws:get-resource-status")
        #expect(steps[0].with?["env"]?.scalarText == "${{ inputs.env }}")
        #expect(steps[0].needs == nil)
        #expect(steps[1].heading == "Query metrics for every resource")
        #expect(steps[1].id.location == steps[1].location)
        #expect(steps[1].needs?.map(\.value) == ["resources"])
        #expect(steps[1].retry == StepSpec.Retry(attempts: 3, backoff: 2, location: SourceLocation(path: workflow.file.path, line: 36, column: 8)))
        #expect(steps[1].timeout?.value == 30)
        #expect(steps[1].with?["resources"]?.location == SourceLocation(path: workflow.file.path, line: 39, column: 14))
        #expect(steps[2].needs?.map(\.value) == ["query-metrics-for-every-resource"])
        #expect(steps[2].condition?.value == "${{ inputs.env != 'prod' }}")
        #expect(steps[2].forEach?.scalarText == "${{ steps.resources.outputs.resources }}")
        #expect(steps[2].concurrency == 4 && steps[2].onError == .continue)
        #expect(steps[3].uses.location == SourceLocation(path: workflow.file.path, line: 61, column: 9))
        #expect(steps[3].retry?.attempts == 2 && steps[3].retry?.backoff == 1)
        #expect(steps[3].condition?.value == "inputs.service == ''")
        #expect(steps[3].onError == .fail)
    }
}
