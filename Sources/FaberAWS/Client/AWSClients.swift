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
                timeout: timeout(config: context.config, processEnvironment: processEnvironment))
        }
    }

    /// The run's trace (every AWS call so far), e.g. for benchmarks and tests counting calls.
    public static func trace(context: HandlerContext) -> AWSCallTrace {
        runResources(context).trace
    }

    /// Per-call timeout: `FABER_AWS_TIMEOUT` or `handlers.hosting.aws.timeout` in config.json
    /// (`30`, `45s`, `2m`), else 30 seconds.
    static func timeout(config: Value, processEnvironment: [String: String]) -> Double {
        if let text = processEnvironment["FABER_AWS_TIMEOUT"], let seconds = DurationText.seconds(text), seconds > 0 {
            return seconds
        }
        if let value = config.lookup("handlers.hosting.aws.timeout") {
            if let seconds = value.double, seconds > 0 { return seconds }
            if let text = value.string, let seconds = DurationText.seconds(text), seconds > 0 { return seconds }
        }
        return 30
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
