import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// The check-health benchmark's generated environment still works (docs/benchmarks.md): N = 10
/// resources from scripts/bench/bench_env.py, seeded into a private moto, checked by the faber
/// binary within the benchmark's call budget. Not a timed test: speed is the benchmark's job.
@Suite("The check-health benchmark's environment, smoke test", .timeLimit(.minutes(5)))
struct BenchmarkSmokeTests {
    /// `python3 scripts/bench/bench_env.py <arguments>` with `input` on stdin; its stdout.
    func benchEnv(_ arguments: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestWorkspace.repository + "/scripts/bench/bench_env.py"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: output, as: UTF8.self)
    }

    @Test("check-health reads a generated environment of 10 resources in at most 10 AWS calls, GetRestApis once")
    func tenResources() async throws {
        let plan = try Value.parseJSON(benchEnv(["plan", "10", "5"]))
        #expect(plan["lambdas"]?.array?.count == 4)
        #expect(plan["services"]?.array?.count == 2)
        #expect(plan["db_instances"]?.array?.count == 2)
        #expect(plan["metrics"]?.array?.count == 47)

        let moto = try await MotoServer.launchPrivate()
        defer { moto.stop() }
        let seeded = try await MotoSeed.run(endpoint: moto.endpoint, plan: plan)
        let registry = try benchEnv(["registry"], input: seeded.jsonString())
        let workspace = try TestWorkspace(copyingRepository: ["plugins"], prefix: "bench-smoke")
        try workspace.write(".fractary/plugins/faber-cloud/deployments/bench/registry.json", registry)
        _ = try workspace.writeConfig(
            """
            {"version": "1.0", "handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1"}}},
             "environments": {"bench": {"region": "us-east-1", "require_confirmation": false}}}
            """)
        let result = try FaberBinary.locate().run(
            ["--workspace", workspace.root, "run", "/fractary-faber-cloud:ops-manage check-health --env bench --timeframe 1h --output json --trace"],
            environment: moto.clientEnvironment())
        #expect([0, 1, 2].contains(result.status), "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        #expect(report["resources"]?["total"] == 10)
        #expect(report["resource_status"]?.array?.allSatisfy { $0["status"]?.string != "UNKNOWN" } == true, "\(result.stdout)")
        let calls = result.stderr.split(separator: "\n").filter { $0.hasPrefix("aws: ") && !$0.contains(" calls (") }
        #expect(calls.count <= 10, "\(calls)")
        #expect(calls.filter { $0.contains("GetRestApis") }.count == 1, "the status and metrics steps share one read: \(calls)")
        #expect(!calls.contains { $0.contains("error=") }, "\(calls)")
    }
}
