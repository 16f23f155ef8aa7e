import AsyncHTTPClient
import FaberCore
import Foundation
import Synchronization

/// The AWS clients of one run. Every handler call of the run shares one `HTTPClient` (connection
/// pool), one rate limiter, one retry quota per environment and one trace; all live in
/// `context.scope` and are shut down with it.
///
/// With `--trace`, each call is printed to stderr as it ends (`aws: logs FilterLogEvents 200 12ms`)
/// and, when the run ends, a count: `aws: N calls (M retried, K failed) in T ms`.
public enum AWSClients {
    /// The client for faber environment `environment` (e.g. `test`), configured from the run's
    /// plugin configuration (`context.configuration`), the AWS profile files and the process environment.
    public static func client(for environment: String, context: HandlerContext) throws -> AWSClient {
        try client(for: environment, context: context, processEnvironment: processEnvironment(context.scope))
    }

    /// Makes the clients of this run read AWS settings (credentials, `AWS_ENDPOINT_URL*`, `AWS_REGION`, ...)
    /// from `environment` instead of the process environment. Call it before the first client is made;
    /// tests use it to run handlers with their own credentials without touching the process.
    public static func useProcessEnvironment(_ environment: [String: String], in scope: RunScope) {
        _ = scope.shared(processEnvironmentKey) { ProcessEnvironment(values: environment) }
    }

    private static let processEnvironmentKey = "faber.aws.process-environment"

    private struct ProcessEnvironment: Sendable {
        var values: [String: String]
    }

    private static func processEnvironment(_ scope: RunScope) -> [String: String] {
        scope.shared(processEnvironmentKey) { ProcessEnvironment(values: ProcessInfo.processInfo.environment) }.values
    }

    /// As above, with the process environment given (tests).
    public static func client(
        for environment: String, context: HandlerContext, processEnvironment: [String: String]
    ) throws -> AWSClient {
        let run = runResources(context)
        return try context.scope.shared("faber.aws.client.\(environment)") {
            let connection = try AWSConnection.resolve(
                environment: environment, configuration: context.configuration, processEnvironment: processEnvironment)
            return AWSClient(
                connection: connection, http: run.http, retry: .standard, trace: run.trace, limiter: run.limiter,
                timeout: try timeout(config: context.config, processEnvironment: processEnvironment))
        }
    }

    /// The run's trace (every AWS call so far), e.g. for benchmarks and tests counting calls.
    public static func trace(context: HandlerContext) -> AWSCallTrace {
        runResources(context).trace
    }

    /// Per-call timeout: `FABER_AWS_TIMEOUT` or `handlers.hosting.aws.timeout` in config.json
    /// (`30`, `45s`, `2m`, at most an hour), else 30 seconds. A setting out of that range is refused
    /// (as `faber check` refuses it), never used.
    static func timeout(config: Value, processEnvironment: [String: String]) throws -> Double {
        if let text = processEnvironment["FABER_AWS_TIMEOUT"], !text.isEmpty {
            guard let seconds = timeoutSeconds(.string(text)) else {
                throw FaberError(.usage, "FABER_AWS_TIMEOUT must be a number of seconds or a duration from 1ms to 1h, not '\(text)'")
            }
            return seconds
        }
        if let value = config.lookup("handlers.hosting.aws.timeout"), !value.isNull {
            guard let seconds = timeoutSeconds(value) else {
                throw FaberError(
                    .invalidSpec, "'handlers.hosting.aws.timeout' must be a number of seconds or a duration from 1ms to 1h, not \(value.jsonString())",
                    hint: "faber check shows where it is set")
            }
            return seconds
        }
        return 30
    }

    /// The longest per-call timeout faber takes.
    public static let maximumTimeout: Double = 3600

    /// Seconds of a timeout setting (a number or a duration), nil when it is not one in (0, 1h].
    public static func timeoutSeconds(_ value: Value) -> Double? {
        let seconds: Double?
        switch value {
        case .int, .double: seconds = value.double
        case .string(let text): seconds = DurationText.seconds(text)
        default: seconds = nil
        }
        guard let seconds, seconds.isFinite, seconds > 0, seconds <= maximumTimeout else { return nil }
        return seconds
    }

    private static func runResources(_ context: HandlerContext) -> RunResources {
        let console = context.console
        let tracing = context.options.trace
        var printer: (@Sendable (AWSCallTrace.Call) -> Void)?
        if tracing {
            printer = { (call: AWSCallTrace.Call) in console.diagnostic(call.line) }
        }
        let run: RunResources = context.scope.shared(
            "faber.aws.run",
            make: {
                let http: HTTPClient = AWSClient.makeHTTPClient()
                let trace = AWSCallTrace(onCall: printer)
                let limiter = AWSRateLimiter()
                return RunResources(http: http, trace: trace, limiter: limiter)
            })
        if run.claimShutdown() {
            let scope = context.scope
            scope.onShutdown {
                if tracing { console.diagnostic(run.trace.summary.line) }
                try? await run.http.shutdown()
            }
        }
        return run
    }

    /// What one run shares; `claimShutdown` is true exactly once, for whoever registers the clean-up.
    final class RunResources: Sendable {
        let http: HTTPClient
        let trace: AWSCallTrace
        let limiter: AWSRateLimiter
        private let shutdownClaimed = Mutex(false)

        init(http: HTTPClient, trace: AWSCallTrace, limiter: AWSRateLimiter) {
            self.http = http
            self.trace = trace
            self.limiter = limiter
        }

        func claimShutdown() -> Bool {
            shutdownClaimed.withLock { claimed in
                defer { claimed = true }
                return !claimed
            }
        }
    }
}
