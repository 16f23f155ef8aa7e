import FaberCore
import FaberEngine
import FaberRuntime
import FaberSpec
import MCP

/// One `tools/call`: the arguments checked as `faber run` checks its flags, the safety policy
/// applied, the workflow run through the runtime, and the report as an MCP result.
///
/// The policy: a tool that changes resources (risk mutating or destructive) runs for real only
/// when the server allows mutations (`--allow-mutations`) and, where the environment requires
/// confirmation or the operation is destructive, the call says `confirm: true`. Otherwise it is
/// run as a dry run, and the answer is that dry run (the impact) with what would be needed,
/// marked as an error: nothing changed. Whatever a tool declares, a server without
/// `--allow-mutations` refuses every step whose handler changes resources
/// (`RunOptions.changesAllowed`).
struct ToolCall: Sendable {
    let runtime: Runtime
    let allowMutations: Bool
    let console: MCPConsole

    func run(_ entry: ToolCatalog.Entry, arguments: [String: MCP.Value], workspace: Workspace, observer: (any RunObserver)?) async throws
        -> CallTool.Result
    {
        var given = arguments.sorted { $0.key < $1.key }.map { (name: $0.key, value: FaberCore.Value($0.value)) }
        // dry_run and confirm are the server's, not the operation's (when it has none of that name).
        func take(_ name: String) throws -> Bool {
            guard entry.takesSafetyArguments, let index = given.firstIndex(where: { $0.name == name }) else { return false }
            let value = given.remove(at: index).value
            guard value.isNull || value.bool != nil else { throw FaberError.usage("\(name) takes true or false, not \(English.withArticle(value.typeName))") }
            return value.bool ?? false
        }
        let dryRun: Bool
        let confirm: Bool
        do {
            dryRun = try take(ToolCatalog.dryRunArgument)
            confirm = try take(ToolCatalog.confirmArgument)
        } catch {
            return Self.failure(FaberError(describing: error))
        }
        var options = GlobalOptions()
        options.output = .json
        options.changesAllowed = allowMutations
        var invocation: ResolvedInvocation
        do {
            switch try runtime.resolve(command: entry.command, operation: entry.operation, values: given, options: options, workspace: workspace) {
            case .run(let resolved): invocation = resolved
            case .help(let text, _): return Self.failure(FaberError.usage(text))
            case .prompt: return Self.failure(FaberError.usage("\(entry.command) is a prompt, served by prompts/get"))
            }
        } catch {
            return Self.failure(FaberError(describing: error))
        }
        let refusal = dryRun ? nil : self.refusal(invocation, confirm: confirm, workspace: workspace)
        invocation.options.dryRun = dryRun || refusal != nil
        invocation.options.assumeYes = confirm && allowMutations && !invocation.options.dryRun
        if invocation.risk != .readOnly {
            let how = invocation.options.dryRun ? "dry run" : invocation.options.assumeYes ? "confirmed by the call" : "changes allowed"
            console.diagnostic("tools/call \(entry.name): \(invocation.title) (\(how))" + (invocation.environment.map { " in environment '\($0)'" } ?? ""))
        }
        let report = await runtime.run(invocation, workspace: workspace, console: console, observer: observer)
        try Task.checkCancellation()  // cancelled by the client: the protocol sends no answer
        return Self.result(report, refusal: refusal)
    }

    /// Why a call of a tool that changes resources is not run for real, with what would make it run.
    func refusal(_ invocation: ResolvedInvocation, confirm: Bool, workspace: Workspace) -> String? {
        guard invocation.risk != .readOnly else { return nil }
        guard allowMutations else {
            return
                "\(invocation.title) is \(invocation.risk.rawValue), and this server was started without --allow-mutations: nothing was changed. A person can run it with faber run, or restart the server with faber mcp --allow-mutations."
        }
        guard !confirm else { return nil }
        if invocation.risk == .destructive {
            return "\(invocation.title) is destructive: call it again with confirm: true once the impact below is acceptable. Nothing was changed."
        }
        // An environment whose settings cannot be read, or no environment at all, needs confirming (fail closed).
        let needs: Bool
        if let environment = invocation.environment,
            let configuration = try? runtime.configuration(for: invocation.skill.scope, workspace: workspace),
            let required = try? configuration.requiresConfirmation(in: environment)
        {
            needs = required
        } else {
            needs = true
        }
        guard needs else { return nil }
        return
            "\(invocation.title) changes resources in environment '\(invocation.environment ?? "(none)")', which requires confirmation: call it again with confirm: true once the impact below is acceptable. Nothing was changed."
    }

    /// The run's outputs as `faber run --output json` prints them (structured), its text output,
    /// and its exit status (`_meta["faber/exit_status"]` and a last text line).
    static func result(_ report: RunReport, refusal: String?) -> CallTool.Result {
        let filesWritten: MCP.Value = .array(report.filesWritten.map { .string($0) })
        if let error = report.error {
            var failure = failure(error, refusal: refusal)
            failure._meta?.fields["faber/files_written"] = filesWritten
            return failure
        }
        var meta = Metadata()
        meta.fields["faber/exit_status"] = .int(Int(report.exitStatus))
        meta.fields["faber/files_written"] = filesWritten
        let data = OutputSummary.data(report.outputs)
        let text = OutputSummary.render(report.outputs, format: .text)
        var content: [Tool.Content] = []
        if let refusal {
            meta.fields["faber/refused"] = .string(refusal)
            meta.fields["faber/dry_run"] = .bool(true)
            content.append(.text(text: "Not run: \(refusal)\n\nWhat it would do (dry run):", annotations: nil, _meta: nil))
        }
        content.append(.text(text: text, annotations: nil, _meta: nil))
        content.append(.text(text: "exit status \(report.exitStatus)", annotations: nil, _meta: nil))
        let structured: MCP.Value? = data.mcp
        return CallTool.Result(content: content, structuredContent: structured, isError: refusal != nil, _meta: meta)
    }

    /// A tool error with faber's message (`text(of:)`), its exit status and its code.
    static func failure(_ error: FaberError, refusal: String? = nil) -> CallTool.Result {
        let message = text(of: error)
        let lines = refusal.map { ["Not run: \($0) The dry run failed:", message] } ?? [message]
        var meta = Metadata()
        meta.fields["faber/exit_status"] = .int(Int(error.exitStatus.rawValue))
        if !error.code.isEmpty { meta.fields["faber/error_code"] = .string(error.code) }
        return CallTool.Result(
            content: [.text(text: lines.joined(separator: "\n"), annotations: nil, _meta: nil)], isError: true, _meta: meta)
    }

    /// faber's message as `faber run` prints it: the causes (spec errors with file:line), then the
    /// error with its location and hint.
    static func text(of error: FaberError) -> String {
        let last = error.code == "cancelled" ? "cancelled (nothing more was started)" : error.diagnostic.description
        return (error.causes.map(\.description) + [last]).joined(separator: "\n")
    }
}
