import FaberCore
import FaberSpec

/// A step's timeout ran out.
public struct StepTimeout: UserFacingError {
    public var seconds: Double
    public var exitStatus: ExitStatus { .unavailable }
    public var message: String { "timed out after \(DurationText.format(seconds: seconds))" }
    public var hint: String? { "raise the step's 'timeout:' or check what it waits for" }
}

struct StepOutcome: Sendable {
    enum Result: Sendable {
        case succeeded(Value)
        case skipped
        case failed(StepFailure)
    }

    var result: Result
    var stopsWorkflow: Bool
    var record: Value
}

extension Executor {
    func execute(_ step: PlannedStep, plan: Plan, scope: EvaluationScope) async -> StepOutcome {
        let clock = environment.clock
        let started = clock.now()
        environment.observer?.handle(.stepStarted(workflow: plan.name, step: step.id, uses: step.resolvedUses))
        func finish(_ status: StepStatus) {
            environment.observer?.handle(.stepFinished(workflow: plan.name, step: step.id, status: status, seconds: clock.now() - started))
        }
        do {
            if let condition = step.condition, !(try condition.evaluate(in: scope).isTruthy) {
                finish(.skipped)
                return StepOutcome(result: .skipped, stopsWorkflow: false, record: ["status": "skipped", "outputs": [:]])
            }
            let outputs: Value
            if let forEach = step.forEach {
                let items = try forEach.evaluate(in: scope)
                guard case .array(let list) = items else {
                    throw FaberError(.invalidSpec, "for_each must give a list, got \(items.typeName)", at: step.spec.forEach?.location)
                }
                let results = try await runItems(list, step: step, plan: plan, scope: scope)
                outputs = ["results": .array(results), "count": .int(results.count)]
            } else {
                let input = try step.with?.evaluate(in: scope) ?? [:]
                outputs = try await invokeWithPolicy(step, input: input, plan: plan)
            }
            finish(.succeeded)
            return StepOutcome(result: .succeeded(outputs), stopsWorkflow: false, record: ["status": "succeeded", "outputs": outputs])
        } catch {
            let failure = stepFailure(error, step: step)
            finish(.failed)
            let continues = step.spec.onError == .continue && !(error is CancellationError)
            return StepOutcome(
                result: .failed(failure), stopsWorkflow: !continues,
                record: [
                    "status": "failed", "outputs": [:], "error": .string(failure.underlying),
                    "exit_code": .int(Int(failure.exitStatus.rawValue)),
                ])
        }
    }

    /// Runs a `for_each` step once per item, at most `concurrency` at a time; results in item order.
    func runItems(_ items: [Value], step: PlannedStep, plan: Plan, scope: EvaluationScope) async throws -> [Value] {
        let limit = max(1, step.spec.concurrency ?? environment.defaultConcurrency)
        var results = [Value](repeating: .null, count: items.count)
        try await withThrowingTaskGroup(of: (Int, Value).self) { group in
            var next = 0
            func startNext() throws {
                try Task.checkCancellation()  // a cancelled run starts no further item
                let index = next
                next += 1
                var itemScope = scope
                itemScope.item = items[index]
                let input = try step.with?.evaluate(in: itemScope) ?? [:]
                group.addTask { (index, try await self.invokeWithPolicy(step, input: input, plan: plan)) }
            }
            while next < min(limit, items.count) { try startNext() }
            while let (index, value) = try await group.next() {
                results[index] = value
                if next < items.count { try startNext() }
            }
        }
        return results
    }

    /// One invocation with the step's `timeout` and `retry` policy.
    func invokeWithPolicy(_ step: PlannedStep, input: Value, plan: Plan) async throws -> Value {
        let attempts = max(1, step.spec.retry?.attempts ?? 1)
        let backoff = step.spec.retry?.backoff ?? 1
        var attempt = 1
        while true {
            do {
                if let timeout = step.spec.timeout?.value {
                    return try await withTimeout(seconds: timeout) { try await self.invoke(step, input: input) }
                }
                return try await invoke(step, input: input)
            } catch {
                if error is CancellationError || Task.isCancelled { throw error }
                guard attempt < attempts, Self.isRetryable(error) else { throw error }
                let delay = backoff * Double(1 << (attempt - 1))
                environment.observer?.handle(
                    .stepRetrying(
                        workflow: plan.name, step: step.id, attempt: attempt + 1, delay: delay,
                        error: stepFailure(error, step: step).underlying))
                try await environment.clock.sleep(seconds: delay)
                attempt += 1
            }
        }
    }

    func invoke(_ step: PlannedStep, input: Value) async throws -> Value {
        let input: Value = input.isNull ? [:] : input
        switch step.target {
        case .handler(let handler, let skillDirectory):
            return try await invoke(handler, input: input, stepID: step.id, location: step.spec.location, skillDirectory: skillDirectory)
        case .workflow(let sub):
            return try await run(sub, inputs: input).outputs
        }
    }

    /// One handler call, as a step makes it: inputs checked against the signature's kinds, the
    /// production guard, then the handler. Outputs that are not an object come back as `{value}`.
    /// A skill operation that maps straight to a handler runs through here too.
    public func invoke(
        _ handler: any Handler, input: Value, stepID: String, location: SourceLocation?,
        skillDirectory: String?
    ) async throws -> Value {
        try Task.checkCancellation()  // a handler that never waits (report.save) would otherwise run anyway
        let input: Value = input.isNull ? [:] : input
        try checkKinds(of: input, for: handler, location: location)
        if handler.signature.changesResources {
            try ensureChangesAllowed(stepID: stepID, location: location, handler: handler)
            try await ensureConfirmed(stepID: stepID, location: location, handler: handler, input: input)
        }
        let context = HandlerContext(
            workspace: environment.workspace, skillDirectory: skillDirectory, stepID: stepID,
            stepLocation: location, configuration: environment.configuration, environment: environment.environment,
            options: environment.options, console: environment.console, scope: environment.scope)
        let output = try await handler.run(input, context: context)
        return output.object != nil ? output : ["value": output]
    }

    /// Values computed by `${{ }}` must be of the kinds the handler declares, as literal values
    /// must for `faber check` (same message), so handlers need not check them again.
    func checkKinds(of input: Value, for handler: any Handler, location: SourceLocation?) throws {
        guard let (name, problem) = handler.signature.inputProblems(input).first else { return }
        let parameter = handler.signature.inputs.first { $0.name == name }
        throw FaberError(
            .invalidSpec, "\(handler.id) input '\(name)' \(problem)",
            hint: parameter.map { $0.description.isEmpty ? nil : "\(name): \($0.description)" } ?? nil,
            at: location, code: "input-kind")
    }

    /// A front end that forbids changes (`RunOptions.changesAllowed` false) refuses every step
    /// whose handler changes resources, before it runs (exit 75); a dry run changes nothing and goes on.
    func ensureChangesAllowed(stepID: String, location: SourceLocation?, handler: any Handler) throws {
        let options = environment.options
        guard !options.changesAllowed, !options.dryRun else { return }
        throw FaberError(
            .refused, "step '\(stepID)' (\(handler.id)) changes resources, which this front end does not allow; nothing was changed by it",
            hint: "faber mcp runs changes only when started with --allow-mutations", at: location, code: "changes-not-allowed")
    }

    /// Before a step that changes resources in an environment that requires confirmation
    /// (`require_confirmation`, true for prod and production unless set): the run must have been
    /// confirmed (`--yes`, a `core.confirm` step, the question for a destructive operation), else
    /// the user is asked here, once for all such steps; without a terminal the run stops with exit
    /// 75. The environment is the one the handler's `environmentInput` names, else the run's
    /// `--env`; a step whose environment cannot be determined is refused (exit 65): the guard fails
    /// closed. `--dry-run` changes nothing, so it is not asked.
    func ensureConfirmed(stepID: String, location: SourceLocation?, handler: any Handler, input: Value) async throws {
        let options = environment.options
        guard !options.dryRun else { return }
        let named = handler.signature.environmentInput.flatMap { input[$0]?.string }.flatMap { $0.isEmpty ? nil : $0 }
        guard let name = named ?? environment.environment else {
            let via = handler.signature.environmentInput.map { "its '\($0)' input" } ?? "its inputs"
            throw FaberError(
                .invalidSpec,
                "step '\(stepID)' (\(handler.id)) changes resources, but neither \(via) nor the run's --env says in which environment",
                hint: handler.signature.environmentInput.map { "add `\($0): ${{ inputs.env }}` to the step's with:, and an env argument to the command" }
                    ?? "run it with --env", at: location, code: "environment-unknown")
        }
        let record = RunConfirmation.of(environment.scope)
        if options.assumeYes { record.recordConfirmed() }
        guard try environment.configuration.requiresConfirmation(in: name), !record.isConfirmed else { return }
        let console = environment.console
        let question = "Step '\(stepID)' (\(handler.id)) changes resources in environment '\(name)'. Continue?"
        let answer = await record.confirm { console.isInteractive ? await console.confirm(question) : nil }
        try Task.checkCancellation()
        switch answer {
        case true?: return
        case false?:
            throw FaberError(
                .refused, "not confirmed: step '\(stepID)' (\(handler.id)) in environment '\(name)'", hint: "nothing was changed by it",
                code: "not-confirmed")
        case nil:
            throw FaberError(
                .refused,
                "step '\(stepID)' (\(handler.id)) changes resources in environment '\(name)', which requires confirmation, and nothing in this run confirmed it",
                hint: "run it on a terminal to answer, or add --yes; a workflow that changes resources should ask first with a core.confirm step",
                at: location, code: "confirmation-required")
        }
    }

    /// Races `operation` against the clock.
    func withTimeout(seconds: Double, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let clock = environment.clock
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await clock.sleep(seconds: seconds)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw StepTimeout(seconds: seconds) }
            return value
        }
    }

    /// Retrying cannot fix a usage error, an invalid spec, a refusal or denied access.
    static func isRetryable(_ error: any Error) -> Bool {
        switch FaberError(describing: error).exitStatus {
        case .usage, .invalidSpec, .refused, .accessDenied, .interrupted: return false
        default: return true
        }
    }

    func stepFailure(_ error: any Error, step: PlannedStep) -> StepFailure {
        if let failure = error as? StepFailure { return failure }
        let described = FaberError(describing: error)
        return StepFailure(
            stepID: step.id, uses: step.resolvedUses, location: described.location ?? step.spec.location,
            underlying: described.message, hint: described.hint, exitStatus: described.exitStatus, code: described.code)
    }
}
