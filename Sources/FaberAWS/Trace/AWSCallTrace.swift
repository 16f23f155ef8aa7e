import Synchronization

/// Every AWS call of a run: service, operation, final status, latency and retries.
/// Never holds headers or bodies, so no secret can reach it. Shared by all steps of one run.
public final class AWSCallTrace: Sendable {
    public struct Call: Sendable, Equatable {
        /// The service's short id (e.g. `logs`, `cloudwatch`, `s3`).
        public var service: String
        public var operation: String
        /// HTTP status of the last attempt; nil when no response came (unreachable, timeout).
        public var status: Int?
        /// AWS error code when the call failed (e.g. `AccessDeniedException`, `Unreachable`).
        public var errorCode: String?
        /// Clock seconds when the call started and ended (retries and their waits included).
        public var start: Double
        public var end: Double
        /// Attempts after the first.
        public var retries: Int

        public init(service: String, operation: String, status: Int?, errorCode: String?, start: Double, end: Double, retries: Int) {
            self.service = service
            self.operation = operation
            self.status = status
            self.errorCode = errorCode
            self.start = start
            self.end = end
            self.retries = retries
        }

        public var failed: Bool { errorCode != nil }
        public var latencyMilliseconds: Int { Int(((end - start) * 1000).rounded()) }

        /// `aws: <service> <Operation> <status> <latency>ms [retries=N] [error=Code]`
        public var line: String {
            var text = "aws: \(service) \(operation) \(status.map(String.init) ?? "-") \(latencyMilliseconds)ms"
            if retries > 0 { text += " retries=\(retries)" }
            if let errorCode { text += " error=\(errorCode)" }
            return text
        }
    }

    public struct Summary: Sendable, Equatable {
        public var calls: Int
        public var retried: Int
        public var failed: Int
        public var retries: Int
        /// Wall time from the first call's start to the last call's end.
        public var milliseconds: Int

        /// `aws: N calls (M retried, K failed) in T ms`
        public var line: String { "aws: \(calls) calls (\(retried) retried, \(failed) failed) in \(milliseconds) ms" }
    }

    private let calls = Mutex<[Call]>([])
    private let onCall: (@Sendable (Call) -> Void)?

    /// `onCall` sees each call as it is recorded (the `--trace` printer).
    public init(onCall: (@Sendable (Call) -> Void)? = nil) {
        self.onCall = onCall
    }

    public func record(_ call: Call) {
        calls.withLock { $0.append(call) }
        onCall?(call)
    }

    /// Every call recorded so far, in the order they ended.
    public var recorded: [Call] { calls.withLock { $0 } }

    public var summary: Summary {
        let all = recorded
        let first = all.map(\.start).min() ?? 0
        let last = all.map(\.end).max() ?? 0
        return Summary(
            calls: all.count,
            retried: all.filter { $0.retries > 0 }.count,
            failed: all.filter(\.failed).count,
            retries: all.reduce(0) { $0 + $1.retries },
            milliseconds: all.isEmpty ? 0 : Int(((last - first) * 1000).rounded())
        )
    }
}
