import Synchronization

/// How the user asked faber to run.
public struct RunOptions: Sendable {
    public enum OutputFormat: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    public var output: OutputFormat
    /// `--yes`: confirmations count as given (needed without a TTY).
    public var assumeYes: Bool
    /// `--dry-run`: mutating handlers say what they would do and change nothing.
    public var dryRun: Bool
    /// `--trace`: every AWS call is printed to stderr, with a final count.
    public var trace: Bool
    /// False where the front end forbids changes (`faber mcp` without `--allow-mutations`): a step
    /// whose handler changes resources is refused before it runs, whatever the operation declares;
    /// a dry run still shows what it would do.
    public var changesAllowed: Bool

    public init(output: OutputFormat = .text, assumeYes: Bool = false, dryRun: Bool = false, trace: Bool = false, changesAllowed: Bool = true) {
        self.output = output
        self.assumeYes = assumeYes
        self.dryRun = dryRun
        self.trace = trace
        self.changesAllowed = changesAllowed
    }
}

/// The terminal, as handlers see it.
public protocol Console: Sendable {
    /// True when stdin is a terminal, so a question can be asked.
    var isInteractive: Bool { get }
    /// Asks a yes/no question; nil when nobody can answer (no TTY, end of input).
    func confirm(_ message: String) async -> Bool?
    /// A diagnostic line on stderr (trace output, warnings).
    func diagnostic(_ line: String)
}

/// Everything a handler may use besides its input.
public struct HandlerContext: Sendable {
    /// Absolute path of the workspace.
    public var workspace: String
    /// Folder of the skill whose workflow contains the step (for `templates/`).
    public var skillDirectory: String?
    /// Id and location of the step being run, for messages.
    public var stepID: String
    public var stepLocation: SourceLocation?
    /// The plugin configuration the run read (`config.*` in expressions): the one source of
    /// environments, thresholds and handler settings. Handlers never read the file again.
    public var configuration: PluginConfiguration
    /// The environment the run acts in (its `--env`), when it names one.
    public var environment: String?
    public var options: RunOptions
    public var console: any Console
    /// Objects shared by all steps of one run (HTTP clients, caches, call counters).
    public var scope: RunScope

    public init(
        workspace: String, skillDirectory: String? = nil, stepID: String, stepLocation: SourceLocation? = nil,
        configuration: PluginConfiguration = PluginConfiguration(), environment: String? = nil,
        options: RunOptions = RunOptions(), console: any Console, scope: RunScope
    ) {
        self.workspace = workspace
        self.skillDirectory = skillDirectory
        self.stepID = stepID
        self.stepLocation = stepLocation
        self.configuration = configuration
        self.environment = environment
        self.options = options
        self.console = console
        self.scope = scope
    }

    /// The configuration document (`config.*`).
    public var config: Value { configuration.document }

    /// A path inside the workspace; absolute paths are kept as they are.
    public func workspacePath(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (workspace.hasSuffix("/") ? workspace + relative : workspace + "/" + relative)
    }
}

/// Objects that live for one run (one command) and are shared by its steps.
/// `shutdown()` runs the registered clean-ups in reverse order.
public final class RunScope: Sendable {
    private struct State {
        var objects: [String: any Sendable] = [:]
        var cleanups: [@Sendable () async -> Void] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The object stored under `key`, made on first use.
    public func shared<T: Sendable>(_ key: String, make: () throws -> T) rethrows -> T {
        try state.withLock { state in
            if let existing = state.objects[key] as? T { return existing }
            let made = try make()
            state.objects[key] = made
            return made
        }
    }

    /// Runs `cleanup` when the run ends (successfully or not).
    public func onShutdown(_ cleanup: @escaping @Sendable () async -> Void) {
        state.withLock { $0.cleanups.append(cleanup) }
    }

    public func shutdown() async {
        let cleanups = state.withLock { state in
            defer { state.cleanups = [] }
            return state.cleanups
        }
        for cleanup in cleanups.reversed() { await cleanup() }
    }
}
