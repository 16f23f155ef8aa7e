import FaberCore
import FaberOpsModel
import FaberTestSupport
import Foundation
import Synchronization
import Testing

@testable import FaberAWS

@Suite("Call trace and --trace output")
struct TraceTests {
    @Test func lineAndSummaryFormats() {
        let trace = AWSCallTrace()
        trace.record(.init(service: "logs", operation: "FilterLogEvents", status: 200, errorCode: nil, start: 1.0, end: 1.012, retries: 0))
        trace.record(.init(service: "ecs", operation: "UpdateService", status: 400, errorCode: "AccessDeniedException", start: 1.005, end: 1.5, retries: 2))
        #expect(
            trace.recorded.map(\.line) == [
                "aws: logs FilterLogEvents 200 12ms",
                "aws: ecs UpdateService 400 495ms retries=2 error=AccessDeniedException",
            ])
        #expect(trace.summary == .init(calls: 2, retried: 1, failed: 1, retries: 2, milliseconds: 500))
        #expect(trace.summary.line == "aws: 2 calls (1 retried, 1 failed) in 500 ms")
    }

    @Test func clientsOfARunPrintEachCallAndAFinalCount() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("faber-trace")).path
        let folder = workspace + "/.fractary/plugins/faber-cloud"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        try await withServer([
            .json(400, #"{"__type":"ThrottlingException"}"#), .json(200, #"{"logGroups":[]}"#),
            .json(200, #"{"clusterArns":[]}"#),
        ]) { server in
            try #"{"environments":{"test":{"region":"eu-west-1","endpoint_url":"\#(server.endpoint)"}}}"#
                .write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
            let console = TestConsole()
            let scope = RunScope()
            let context = HandlerContext.testing(
                workspace: workspace, configuration: try PluginConfiguration.load(file: folder + "/config.json"),
                options: RunOptions(trace: true), console: console, scope: scope, stepID: "s")
            let environment = ["AWS_ACCESS_KEY_ID": "AKIDTRACE", "AWS_SECRET_ACCESS_KEY": "trace-secret-never-printed"]
            let logs = try AWSClients.client(for: "test", context: context, processEnvironment: environment)
            let again = try AWSClients.client(for: "test", context: context, processEnvironment: environment)
            #expect(logs === again)
            _ = try await logs.json(.cloudWatchLogs, "DescribeLogGroups", [:])
            _ = try await logs.json(.ecs, "ListClusters", [:])
            await scope.shutdown()

            let lines = console.lines
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("aws: logs DescribeLogGroups 200 "))
            #expect(lines[0].hasSuffix("ms retries=1"))
            #expect(lines[1].hasPrefix("aws: ecs ListClusters 200 "))
            #expect(lines[2].hasPrefix("aws: 2 calls (1 retried, 0 failed) in "))
            #expect(lines.allSatisfy { !$0.contains("trace-secret") && !$0.contains("AKIDTRACE") })
            #expect(server.requests.first?.header("Authorization")?.contains("/eu-west-1/logs/") == true)
        }
    }

    /// Waits (up to 10 s) until `condition` holds.
    func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        try #require(condition())
    }

    @Test func aCancelledCallIsRecordedWithoutStatusAndCountsInTheSummary() async throws {
        let trace = AWSCallTrace()
        try await withServer([.json(500, #"{"__type":"InternalFailure"}"#), .json(200, "{}", delay: 60)]) { server in
            try await withClient(endpoint: server.endpoint, retry: RetryTests.halfJitter, timeout: 120, trace: trace) { client in
                let call = Task { try await client.json(.cloudWatchLogs, "FilterLogEvents", [:]) }
                try await waitUntil { server.requests.count == 2 }  // the retry hangs
                call.cancel()
                await #expect(throws: CancellationError.self) { try await call.value }
            }
        }
        let calls = trace.recorded
        #expect(calls.count == 1)
        #expect(calls.first?.status == nil)
        #expect(calls.first?.errorCode == "Cancelled")
        #expect(calls.first?.retries == 1)
        #expect(calls.first?.line.hasPrefix("aws: logs FilterLogEvents - ") == true)
        #expect(calls.first?.line.hasSuffix("ms retries=1 error=Cancelled") == true)
        #expect(trace.summary.calls == 1)
        #expect(trace.summary.retried == 1)
        #expect(trace.summary.failed == 1)
    }

    /// As the engine runs a step with `timeout:`: the call races a timer in a task group and is
    /// cancelled when the timer wins, before the run's summary is printed.
    @Test func aStepTimeoutAgainstAHangingEndpointStillListsTheCall() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("faber-trace")).path
        let folder = workspace + "/.fractary/plugins/faber-cloud"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        try await withServer([.json(200, "{}", delay: 60), .json(200, "{}", delay: 60)]) { server in
            try #"{"environments":{"test":{"region":"eu-west-1","endpoint_url":"\#(server.endpoint)"}}}"#
                .write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
            let console = TestConsole()
            let scope = RunScope()
            let context = HandlerContext.testing(
                workspace: workspace, configuration: try PluginConfiguration.load(file: folder + "/config.json"),
                options: RunOptions(trace: true), console: console, scope: scope, stepID: "s")
            let environment = ["AWS_ACCESS_KEY_ID": "AKIDTRACE", "AWS_SECRET_ACCESS_KEY": "trace-secret-never-printed"]
            let client = try AWSClients.client(for: "test", context: context, processEnvironment: environment)

            let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    _ = try await client.json(.cloudWatchLogs, "FilterLogEvents", [:])
                    return true
                }
                group.addTask {  // the step's timer: fires once the call is on the wire
                    try await waitUntil { server.requests.count == 1 }
                    return false
                }
                defer { group.cancelAll() }
                return try await group.next()
            }
            #expect(finished == false)
            await scope.shutdown()

            let lines = console.lines
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("aws: logs FilterLogEvents - ") == true)
            #expect(lines.first?.hasSuffix("ms error=Cancelled") == true)
            #expect(lines.last?.hasPrefix("aws: 1 calls (0 retried, 1 failed) in ") == true)
        }
    }

    /// When one of several concurrent steps fails, the others are cancelled: their calls are listed too.
    @Test func callsOfStepsCancelledByAFailingStepAreListed() async throws {
        let console = TestConsole()
        let trace = AWSCallTrace(onCall: { console.diagnostic($0.line) })
        try await withServer([.json(200, "{}", delay: 60)]) { hanging in
            try await withServer([.json(400, #"{"__type":"AccessDeniedException","message":"no"}"#)]) { denying in
                try await withClient(endpoint: hanging.endpoint, timeout: 120, trace: trace) { slow in
                    try await withClient(endpoint: denying.endpoint, trace: trace) { failing in
                        let error = await awsError {
                            try await withThrowingTaskGroup(of: Void.self) { group in
                                group.addTask { _ = try await slow.json(.ecs, "DescribeServices", [:]) }
                                group.addTask {
                                    try await waitUntil { hanging.requests.count == 1 }
                                    _ = try await failing.json(.ecs, "UpdateService", [:])
                                }
                                while try await group.next() != nil {}  // the first error ends the group and cancels the rest
                            }
                        }
                        #expect(error?.code == "AccessDeniedException")
                    }
                }
            }
        }
        #expect(console.lines.count == 2)
        #expect(console.lines.first?.hasPrefix("aws: ecs UpdateService 400 ") == true)
        #expect(console.lines.last?.hasPrefix("aws: ecs DescribeServices - ") == true)
        #expect(console.lines.last?.hasSuffix("error=Cancelled") == true)
        #expect(trace.summary.line.hasPrefix("aws: 2 calls (0 retried, 2 failed) in "))
    }

    @Test func aCallCancelledBeforeItWasSentIsNotListed() async throws {
        let trace = AWSCallTrace()
        try await withServer([.json(200, "{}")]) { server in
            try await withClient(endpoint: server.endpoint, trace: trace) { client in
                let call = Task {
                    withUnsafeCurrentTask { $0?.cancel() }
                    return try await client.json(.ecs, "ListClusters", [:])
                }
                await #expect(throws: CancellationError.self) { try await call.value }
            }
            #expect(server.requests.isEmpty)
        }
        #expect(trace.recorded.isEmpty)
    }

    @Test func withoutTraceNothingIsPrinted() async throws {
        let console = TestConsole()
        let scope = RunScope()
        let context = HandlerContext.testing(workspace: "/nonexistent", console: console, scope: scope, stepID: "s")
        AWSClients.trace(context: context).record(
            .init(service: "s3", operation: "ListBuckets", status: 200, errorCode: nil, start: 0, end: 0.001, retries: 0))
        await scope.shutdown()
        #expect(console.lines.isEmpty)
        #expect(AWSClients.trace(context: context).recorded.count == 1)
    }

    @Test func timeoutComesFromEnvironmentOrConfig() throws {
        #expect(try AWSClients.timeout(config: .null, processEnvironment: [:]) == 30)
        #expect(try AWSClients.timeout(config: .null, processEnvironment: ["FABER_AWS_TIMEOUT": "45s"]) == 45)
        #expect(try AWSClients.timeout(config: ["handlers": ["hosting": ["aws": ["timeout": "2m"]]]], processEnvironment: [:]) == 120)
        #expect(try AWSClients.timeout(config: ["handlers": ["hosting": ["aws": ["timeout": 12]]]], processEnvironment: [:]) == 12)
    }

    @Test("a timeout out of range is refused, never used (1e19 once crashed converting to an integer)")
    func timeoutOutOfRange() {
        for value: Value in [1e19, 0, -5, "9999999999999d", "inf", "2h", true] {
            #expect(throws: FaberError.self) {
                _ = try AWSClients.timeout(config: ["handlers": ["hosting": ["aws": ["timeout": value]]]], processEnvironment: [:])
            }
        }
        #expect(throws: FaberError.self) { _ = try AWSClients.timeout(config: .null, processEnvironment: ["FABER_AWS_TIMEOUT": "1e400"]) }
    }
}
