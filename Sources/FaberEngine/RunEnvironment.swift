import FaberCore

/// What happens during a run, for progress display.
public enum RunEvent: Sendable {
    /// The run is about to start `steps` steps (the top-level plan's).
    case runStarted(steps: Int)
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
    /// The plugin configuration of the run (`config.*`, `env.*`, the confirmation policy), handed
    /// to every handler.
    public var configuration: PluginConfiguration
    /// The environment the run acts in (the invocation's `--env`), when it names one.
    public var environment: String?
    public var options: RunOptions
    public var console: any Console
    public var scope: RunScope
    public var clock: any FaberClock
    public var observer: (any RunObserver)?
    /// for_each iterations run at once when a step gives no `concurrency`.
    public var defaultConcurrency: Int

    public init(
        workspace: String, configuration: PluginConfiguration = PluginConfiguration(), environment: String? = nil,
        options: RunOptions = RunOptions(), console: any Console,
        scope: RunScope = RunScope(), clock: any FaberClock = SystemClock(), observer: (any RunObserver)? = nil,
        defaultConcurrency: Int = 4
    ) {
        self.workspace = workspace
        self.configuration = configuration
        self.environment = environment
        self.options = options
        self.console = console
        self.scope = scope
        self.clock = clock
        self.observer = observer
        self.defaultConcurrency = defaultConcurrency
    }
}
