import FaberCore
import FaberEngine
import FaberSpec

/// What a run gave: the workflow's outputs, the text to show in the requested format, the exit
/// status, the files written, and the error when it failed (with the spec errors that stopped it
/// as `error.causes`).
public struct RunReport: Sendable {
    public var title: String
    /// The workflow's outputs (`[:]` when it did not finish).
    public var outputs: Value
    /// The outputs in the invocation's `--output` format; nil when the run failed.
    public var text: String?
    /// The process exit status: the workflow's `exit_code` output, 0, or the error's status.
    public var exitStatus: Int32
    public var error: FaberError?
    /// Files the run wrote, relative to the workspace.
    public var filesWritten: [String]
    /// What the workflow suggests doing next (its `follow_up` output), as a slash command line.
    public var followUp: FollowUp? = nil
}

/// A workflow's suggestion of what to run next: its `follow_up` output
/// `{when, question, command}`, where `command` is an operation with its arguments of the same
/// slash command (`investigate --env prod --service orders-api`). A front end on a terminal
/// asks `question` and runs `line` on yes; elsewhere it shows `line` as a hint.
public struct FollowUp: Sendable, Equatable {
    public var question: String
    /// The whole slash command line: `/fractary-faber-cloud:ops-manage investigate --env prod`.
    public var line: String

    public init(question: String, line: String) {
        self.question = question
        self.line = line
    }

    /// From the outputs of a run of `command`; nil when there is none or its `when` is false.
    static func from(_ outputs: Value, command: String) -> FollowUp? {
        guard let entry = outputs["follow_up"], let rest = entry["command"]?.string, !rest.isEmpty else { return nil }
        // A `when` that is not true (false, or null because what it reads is missing) offers nothing.
        if let when = entry["when"], when.bool != true { return nil }
        return FollowUp(question: entry["question"]?.string ?? "Run \(rest)?", line: "\(command) \(rest)")
    }
}

extension Runtime {
    /// Runs an invocation: plans it, refuses it when any spec it reads has errors or a required
    /// input no argument provides, asks (through `console`) before a destructive operation, runs
    /// it with the run's plugin configuration, and reports. Never throws: every failure is in the
    /// report, translated once by `FaberError(describing:)`.
    public func run(
        _ invocation: ResolvedInvocation, workspace: Workspace, console: any Console,
        observer: (any RunObserver)? = nil
    ) async -> RunReport {
        let scope = RunScope()
        var report = RunReport(title: invocation.title, outputs: [:], text: nil, exitStatus: 0, error: nil, filesWritten: [])
        do {
            let (outputs, status) = try await execute(invocation, workspace: workspace, console: console, scope: scope, observer: observer)
            report.outputs = outputs
            report.exitStatus = status
            report.text = OutputSummary.render(outputs, format: invocation.options.output)
            report.followUp = FollowUp.from(outputs, command: invocation.command.slashName)
        } catch {
            let failure = relative(FaberError(describing: error))
            report.error = failure
            report.exitStatus = failure.exitStatus.rawValue
        }
        await scope.shutdown()
        report.filesWritten = WrittenFiles.of(scope).all
        return report
    }

    func execute(
        _ invocation: ResolvedInvocation, workspace: Workspace, console: any Console, scope: RunScope,
        observer: (any RunObserver)?
    ) async throws -> (Value, Int32) {
        let configuration = try self.configuration(for: invocation.skill.scope, workspace: workspace)
        let options = invocation.options
        let environment = RunEnvironment(
            workspace: root, configuration: configuration, environment: invocation.environment,
            options: options.runOptions, console: console, scope: scope, observer: observer)
        let plan: Plan?
        // What check says of the configuration file the run reads, the run says too: a setting of
        // the wrong type stops it instead of silently falling back to a default.
        var problems: [Diagnostic] = configuration.path.map { configurationFindings(file: $0).errors } ?? []
        switch invocation.target {
        case .workflow(let workflow):
            let planned = Planner(workspace: workspace, registry: registry, config: configuration.document).plan(skill: invocation.skill, workflow: workflow)
            plan = planned.plan
            problems += planned.diagnostics.errors
            let location = invocation.operation?.location ?? SourceLocation(path: invocation.command.file.path, line: 1, column: 1)
            problems += uncoveredInputs(
                of: workflow, arguments: invocation.operation?.arguments ?? invocation.command.arguments,
                title: invocation.operation.map { "operation '\($0.name)'" } ?? invocation.command.slashName, at: location)
        case .handler(let id, let location):
            plan = nil
            if registry.handler(id) == nil {
                problems.append(
                    .error(
                        "operation '\(invocation.operation?.name ?? id)' of skill '\(invocation.skill.name)' maps to unknown handler '\(id)'",
                        at: location, hint: didYouMean(id, among: registry.ids)))
            }
        }
        // Errors in any spec this run reads (the command, its agent, every skill and workflow of
        // the plan) stop it: a step dropped for a YAML error must not silently run without it.
        let files = involvedFiles(invocation, plan: plan, workspace: workspace)
        problems += workspace.diagnostics.errors.filter { $0.location.map { files.contains($0.path) } ?? false }
        if case .workflow = invocation.target, plan == nil, problems.isEmpty {
            problems.append(.error("\(invocation.title) could not be planned", at: invocation.operation?.location))
        }
        guard problems.isEmpty else {
            var seen = Set<String>()
            let unique = problems.sortedByLocation().filter { seen.insert($0.description).inserted }
            throw FaberError(
                .invalidSpec, "\(invocation.title) was not run: its specs have errors (faber check lists them all)",
                code: "spec-errors", causes: unique)
        }
        if invocation.risk == .destructive && !options.assumeYes && !options.dryRun {
            let question = "\(invocation.title) is destructive. Continue?"
            guard let answer = await console.confirm(question) else {
                try Task.checkCancellation()
                throw FaberError(
                    .refused, "\(invocation.title) is destructive and needs confirmation", hint: "run it on a terminal, or add --yes",
                    code: "confirmation-required")
            }
            try Task.checkCancellation()
            guard answer else { throw FaberError(.refused, "not confirmed; nothing was changed", code: "not-confirmed") }
            RunConfirmation.of(scope).recordConfirmed()
        }
        let executor = Executor(environment: environment)
        switch invocation.target {
        case .handler(let id, let location):
            observer?.handle(.runStarted(steps: 1))
            let handler = registry.handler(id)!  // checked above
            let outputs = try await executor.invoke(
                handler, input: invocation.inputs, stepID: invocation.operation?.name ?? id,
                location: location, skillDirectory: invocation.skill.directory)
            return (outputs, 0)
        case .workflow:
            let plan = plan!  // nil plans stopped above
            observer?.handle(.runStarted(steps: plan.steps.count))
            let result = try await executor.run(plan, inputs: invocation.inputs)
            return (result.outputs, try exitStatus(of: result, plan: plan))
        }
    }

    /// A workflow's `exit_code` output (check-health's 0-3), else 0.
    func exitStatus(of result: WorkflowResult, plan: Plan) throws -> Int32 {
        guard let code = result.outputs["exit_code"], !code.isNull else { return 0 }
        guard let value = code.int, code.double == Double(value), (0...255).contains(value) else {
            throw FaberError(
                .invalidSpec, "the workflow's exit_code output must be a whole number from 0 to 255, got \(code.jsonString())",
                at: plan.workflow.outputs.first { $0.name == "exit_code" }?.value.location ?? plan.workflow.file.frontMatter?.location,
                code: "invalid-exit-code")
        }
        return Int32(value)
    }

    /// Every spec file a run of `plan` reads: command, agent, skills and workflows (sub-workflows too).
    func involvedFiles(_ invocation: ResolvedInvocation, plan: Plan?, workspace: Workspace) -> Set<String> {
        var files: Set<String> = [invocation.command.file.path, invocation.skill.file.path]
        if let workflow = invocation.workflow { files.insert(workflow.file.path) }
        if case .agent(let name)? = invocation.command.target,
            let agent = workspace.agent(named: name.value, scope: invocation.command.scope)
        {
            files.insert(agent.file.path)
        }
        var pending = plan.map { [$0] } ?? []
        var seen = Set<String>()
        while let next = pending.popLast() {
            guard seen.insert(next.workflow.file.path).inserted else { continue }
            files.insert(next.workflow.file.path)
            files.insert(next.skill.file.path)
            for step in next.steps {
                switch step.target {
                case .workflow(let sub): pending.append(sub)
                case .handler(_, let directory): files.insert(directory + "/SKILL.md")
                }
            }
        }
        return files
    }
}
