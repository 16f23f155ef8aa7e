import FaberCore
import FaberSpec

/// The outcome of a workflow: its evaluated `outputs` and the record of every step.
public struct WorkflowResult: Sendable {
    public var outputs: Value
    /// `steps.<id>` as expressions see them: `{status, outputs, error}`.
    public var steps: OrderedDictionary<String, Value>
}

/// A step failed and the workflow stopped. Keeps the exit status of the cause.
public struct StepFailure: UserFacingError, CustomStringConvertible {
    public var stepID: String
    public var uses: String
    public var location: SourceLocation?
    public var underlying: String
    public var hint: String?
    public var exitStatus: ExitStatus
    public var code: String

    public var message: String { "step '\(stepID)' (\(uses)) failed: \(underlying)" }
    public var description: String { (location.map { "\($0): " } ?? "") + "error: " + message }
}

/// Runs a plan: every step as soon as the steps it needs are done, independent
/// steps concurrently; `if`, `for_each` with a concurrency cap, `retry` with
/// exponential backoff, `timeout`, `on_error`. Cancelling the calling task
/// cancels the running steps.
public struct Executor: Sendable {
    public let environment: RunEnvironment

    public init(environment: RunEnvironment) {
        self.environment = environment
    }

    public func run(_ plan: Plan, inputs given: Value) async throws -> WorkflowResult {
        let inputs = try resolveInputs(plan, given: given)
        var scope = EvaluationScope(inputs: inputs, config: environment.configuration.document, env: environmentConfig(inputs))
        for step in plan.steps { scope.steps[step.id] = ["status": "pending", "outputs": [:]] }

        try await withThrowingTaskGroup(of: (String, StepOutcome).self) { group in
            var pending = plan.steps
            var finished = Set<String>()
            var running = 0

            func startReady(_ scope: EvaluationScope) {
                var stillPending: [PlannedStep] = []
                for step in pending {
                    if step.needs.allSatisfy(finished.contains) {
                        running += 1
                        let snapshot = scope
                        group.addTask { (step.id, await self.execute(step, plan: plan, scope: snapshot)) }
                    } else {
                        stillPending.append(step)
                    }
                }
                pending = stillPending
            }

            startReady(scope)
            while running > 0, let (id, outcome) = try await group.next() {
                running -= 1
                finished.insert(id)
                scope.steps[id] = outcome.record
                if case .failed(let failure) = outcome.result, outcome.stopsWorkflow {
                    group.cancelAll()
                    throw failure
                }
                // A cancelled run starts nothing more: the steps running finish or stop, no new one begins.
                try Task.checkCancellation()
                startReady(scope)
            }
        }
        try Task.checkCancellation()

        var outputs = OrderedDictionary<String, Value>()
        for output in plan.outputs {
            do { outputs[output.name] = try output.value.evaluate(in: scope) } catch {
                throw FaberError(.invalidSpec, "output '\(output.name)' of \(plan.name): \(error.message)", at: error.location)
            }
        }
        return WorkflowResult(outputs: .object(outputs), steps: scope.steps)
    }

    /// Given inputs plus declared defaults; a missing required input is a usage error.
    func resolveInputs(_ plan: Plan, given: Value) throws -> Value {
        var inputs = given.object ?? [:]
        let defaultsScope = EvaluationScope(inputs: given, config: environment.configuration.document, env: environmentConfig(given))
        for input in plan.inputs where inputs[input.name] == nil || inputs[input.name] == .null {
            if let defaultValue = input.defaultValue {
                do { inputs[input.name] = try defaultValue.evaluate(in: defaultsScope) } catch {
                    throw FaberError(.invalidSpec, "default of input '\(input.name)': \(error.message)", at: error.location)
                }
            } else if input.required {
                throw FaberError(
                    .usage, "missing required input '\(input.name)' of workflow \(plan.name)",
                    hint: "pass it as --\(input.name) VALUE, or give the input a default", at: input.location)
            } else {
                inputs[input.name] = .null
            }
        }
        return .object(inputs)
    }

    /// `env.*`: the configuration of the environment named by `inputs.env`, plus its `name`.
    func environmentConfig(_ inputs: Value) -> Value {
        guard let name = inputs["env"]?.string else { return .null }
        return environment.configuration.environmentValue(name)
    }
}
