import FaberCore
import Foundation

/// Runs `scripts/moto-seed.py` (boto3) against moto with a JSON plan; see the script for the plan's keys.
/// The demo (`scripts/demo`) seeds moto with the same script.
public enum MotoSeed {
    static let script = TestWorkspace.repository + "/scripts/moto-seed.py"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// At most two seeding processes at once: each starts a Python interpreter with boto3, and the
    /// machine has two cores shared with every other test of the process.
    private static let slots = SeedSlots(2)

    /// The script's JSON answer (`lambdas`, `services`, `db_instances`, `buckets`, `rest_apis`,
    /// `security_groups`, `now_ms`).
    public static func run(endpoint: String, region: String = "us-east-1", plan: Value) async throws -> Value {
        await slots.acquire()
        do {
            let answer = try await launch(endpoint: endpoint, region: region, plan: plan)
            await slots.release()
            return answer
        } catch {
            await slots.release()
            throw error
        }
    }

    /// Seeds with the plan in a file of the repository (`scripts/demo-data/environments.json`).
    public static func run(endpoint: String, region: String = "us-east-1", planFile relative: String) async throws -> Value {
        let text = try String(contentsOfFile: TestWorkspace.repository + "/" + relative, encoding: .utf8)
        return try await run(endpoint: endpoint, region: region, plan: Value.parseJSON(text))
    }

    private static func launch(endpoint: String, region: String, plan: Value) async throws -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("faber-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("plan.json")
        let output = folder.appendingPathComponent("out.json")
        let errors = folder.appendingPathComponent("err.txt")
        try Data(plan.jsonString().utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--endpoint", endpoint, "--region", region]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let why = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "moto-seed.py exited \(status): \(why.suffix(2000))")
        }
        return try Value.parseJSON(text)
    }
}

/// A counting semaphore for async code.
actor SeedSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
