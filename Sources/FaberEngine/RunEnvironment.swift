import FaberCore

/// Time as the executor sees it: injected so tests of retries and timeouts are
/// deterministic and do not sleep.
public protocol StepClock: Sendable {
    func sleep(seconds: Double) async throws
    /// Seconds on a monotonic clock.
    func now() -> Double
}

public struct SystemStepClock: StepClock {
    public init() {}

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    private static let origin = ContinuousClock.now

    public func now() -> Double {
        let elapsed = SystemStepClock.origin.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}

/// What happens during a run, for progress display.
public enum RunEvent: Sendable {
    case stepStarted(workflow: String, step: String, uses: String)
    case stepRetrying(workflow: String, step: String, attempt: Int, delay: Double, error: String)
    case stepFinished(workflow: String, step: String, status: StepStatus, seconds: Double)
}

public enum StepStatus: String, Sendable {
    case succeeded, skipped, failed
}

public protocol RunObserver: Sendable {
    func handle(_ event: RunEvent)
}

/// Everything a run needs besides the plan and its inputs.
public struct RunEnvironment: Sendable {
    public var workspace: String
    public var config: Value
    public var options: RunOptions
    public var console: any Console
    public var scope: RunScope
    public var clock: any StepClock
    public var observer: (any RunObserver)?
    /// for_each iterations run at once when a step gives no `concurrency`.
    public var defaultConcurrency: Int

    public init(workspace: String, config: Value = .null, options: RunOptions = RunOptions(), console: any Console,
                scope: RunScope = RunScope(), clock: any StepClock = SystemStepClock(), observer: (any RunObserver)? = nil,
                defaultConcurrency: Int = 4) {
        self.workspace = workspace
        self.config = config
        self.options = options
        self.console = console
        self.scope = scope
        self.clock = clock
        self.observer = observer
        self.defaultConcurrency = defaultConcurrency
    }
}
