@testable import FaberAWS
import FaberCore
import FaberTestSupport
import Foundation
import Synchronization
import Testing

/// A console that keeps its diagnostic lines.
final class RecordingConsole: Console {
    private let lines = Mutex<[String]>([])
    var isInteractive: Bool { false }
    func confirm(_ message: String) async -> Bool? { nil }
    func diagnostic(_ line: String) { lines.withLock { $0.append(line) } }
    var recorded: [String] { lines.withLock { $0 } }
}

@Suite("Call trace and --trace output")
struct TraceTests {
    @Test func lineAndSummaryFormats() {
        let trace = AWSCallTrace()
        trace.record(.init(service: "logs", operation: "FilterLogEvents", status: 200, errorCode: nil, start: 1.0, end: 1.012, retries: 0))
        trace.record(.init(service: "ecs", operation: "UpdateService", status: 400, errorCode: "AccessDeniedException", start: 1.005, end: 1.5, retries: 2))
        #expect(trace.recorded.map(\.line) == [
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
            let console = RecordingConsole()
            let scope = RunScope()
            let context = HandlerContext(
                workspace: workspace, stepID: "s", options: RunOptions(trace: true), console: console, scope: scope)
            let environment = ["AWS_ACCESS_KEY_ID": "AKIDTRACE", "AWS_SECRET_ACCESS_KEY": "trace-secret-never-printed"]
            let logs = try AWSClients.client(for: "test", context: context, processEnvironment: environment)
            let again = try AWSClients.client(for: "test", context: context, processEnvironment: environment)
            #expect(logs === again)
            _ = try await logs.json(.cloudWatchLogs, "DescribeLogGroups", [:])
            _ = try await logs.json(.ecs, "ListClusters", [:])
            await scope.shutdown()

            let lines = console.recorded
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("aws: logs DescribeLogGroups 200 "))
            #expect(lines[0].hasSuffix("ms retries=1"))
            #expect(lines[1].hasPrefix("aws: ecs ListClusters 200 "))
            #expect(lines[2].hasPrefix("aws: 2 calls (1 retried, 0 failed) in "))
            #expect(lines.allSatisfy { !$0.contains("trace-secret") && !$0.contains("AKIDTRACE") })
            #expect(server.requests.first?.header("Authorization")?.contains("/eu-west-1/logs/") == true)
        }
    }

    @Test func withoutTraceNothingIsPrinted() async throws {
        let console = RecordingConsole()
        let scope = RunScope()
        let context = HandlerContext(workspace: "/nonexistent", stepID: "s", console: console, scope: scope)
        AWSClients.trace(context: context).record(
            .init(service: "s3", operation: "ListBuckets", status: 200, errorCode: nil, start: 0, end: 0.001, retries: 0))
        await scope.shutdown()
        #expect(console.recorded.isEmpty)
        #expect(AWSClients.trace(context: context).recorded.count == 1)
    }

    @Test func timeoutComesFromEnvironmentOrConfig() {
        #expect(AWSClients.timeout(config: .null, processEnvironment: [:]) == 30)
        #expect(AWSClients.timeout(config: .null, processEnvironment: ["FABER_AWS_TIMEOUT": "45s"]) == 45)
        #expect(AWSClients.timeout(config: ["handlers": ["hosting": ["aws": ["timeout": "2m"]]]], processEnvironment: [:]) == 120)
        #expect(AWSClients.timeout(config: ["handlers": ["hosting": ["aws": ["timeout": 12]]]], processEnvironment: [:]) == 12)
    }
}
