import FaberAWS
import FaberCore
import FaberTestSupport
import Foundation

@testable import FaberAWSHandlers

/// A workspace whose environment `test` points at the shared moto server, and helpers to seed moto
/// and run one handler the way a workflow step does (a fresh run scope each time, shut down after).
struct HandlerHarness: Sendable {
    let moto: MotoServer
    let workspace: String
    let region: String
    /// Unique per harness: prefix every AWS name with it (tests share one moto server).
    let prefix: String

    /// The result of one handler run: its outputs and every console line (trace lines included).
    struct Run: Sendable {
        var output: Value
        var lines: [String]

        func calls(_ operation: String) -> Int {
            lines.filter { $0.hasPrefix("aws: ") && $0.split(separator: " ").dropFirst(2).first.map(String.init) == operation }.count
        }
    }

    /// The process environment the handlers see: this process's, without any AWS setting of the
    /// machine, plus moto's dummy credentials (set per run scope, never on the process).
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        return environment
    }()

    static func make(region: String = "us-east-1") async throws -> HandlerHarness {
        let moto = try await MotoServer.shared()
        let prefix = "t" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10))
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("faber-handlers-\(prefix)").path
        let folder = workspace + "/.fractary/plugins/faber-cloud"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config: Value = [
            "handlers": ["hosting": ["active": "aws", "aws": ["region": .string(region)]]],
            "environments": [
                "test": ["region": .string(region), "endpoint_url": .string(moto.endpoint), "require_confirmation": false]
            ],
        ]
        try Data(config.jsonString(pretty: true).utf8).write(to: URL(fileURLWithPath: folder + "/config.json"))
        return HandlerHarness(moto: moto, workspace: workspace, region: region, prefix: prefix)
    }

    /// `<prefix>-<suffix>`: a name no other test uses.
    func name(_ suffix: String) -> String { "\(prefix)-\(suffix)" }

    func seed(_ plan: Value) async throws -> Value {
        try await MotoSeed.run(endpoint: moto.endpoint, region: region, plan: plan)
    }

    /// Runs `handlerID` with `input` (`env: test` added) and `--trace` on; `environment` adds
    /// process variables (e.g. one service's `AWS_ENDPOINT_URL_<SERVICE>`).
    func run(_ handlerID: String, _ input: Value, dryRun: Bool = false, environment: [String: String] = [:]) async throws -> Run {
        guard let handler = AWSHandlers.handlers.first(where: { $0.id == handlerID }) else {
            throw FaberError(.internalError, "no handler \(handlerID)")
        }
        var with = input
        if with["env"] == nil { with["env"] = "test" }
        let console = TestConsole()
        let scope = RunScope()
        AWSClients.useProcessEnvironment(Self.environment.merging(environment) { $1 }, in: scope)
        let context = HandlerContext.testing(
            workspace: workspace, configuration: try configuration(), environment: "test",
            options: RunOptions(output: .json, dryRun: dryRun, trace: true), console: console, scope: scope)
        do {
            let output = try await handler.run(with, context: context)
            await scope.shutdown()
            return Run(output: output, lines: console.lines)
        } catch {
            await scope.shutdown()
            throw error
        }
    }

    /// One AWS call outside any handler (to read back what a handler changed), in a run scope of its own.
    func call(_ body: @Sendable (AWSClient) async throws -> Value) async throws -> Value {
        let scope = RunScope()
        AWSClients.useProcessEnvironment(Self.environment, in: scope)
        let context = HandlerContext.testing(workspace: workspace, configuration: try configuration(), scope: scope, stepID: "check")
        do {
            let output = try await body(try AWSClients.client(for: "test", context: context))
            await scope.shutdown()
            return output
        } catch {
            await scope.shutdown()
            throw error
        }
    }

    /// The configuration the plugin's steps read in the harness workspace (the one loader).
    func configuration() throws -> PluginConfiguration {
        try PluginConfiguration.load(workspace: workspace, plugin: "fractary-faber-cloud", loadedPlugins: [])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: workspace)
    }

    /// A registry entry.
}
