import FaberCore
import FaberEngine
import FaberHandlers
import FaberSpec
import Foundation

/// What `faber check` found: every problem of every spec, sorted by place, each once, with paths
/// relative to the workspace.
public struct CheckReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var specCount: Int

    public var errorCount: Int { diagnostics.errors.count }
    public var warningCount: Int { diagnostics.count - errorCount }
    /// Exit 65 when there are errors, else 0.
    public var exitStatus: ExitStatus { errorCount > 0 ? .invalidSpec : .success }

    /// `N errors, M warnings in K specs`
    public var summary: String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        return "\(count(errorCount, "error")), \(count(warningCount, "warning")) in \(count(specCount, "spec"))"
    }
}

extension Runtime {
    /// `faber check`: every problem in every spec, in one run, with the same rules `run` applies
    /// (one validation path: what check accepts, run accepts).
    public func check() -> CheckReport {
        let workspace = workspace()
        var diagnostics = workspace.diagnostics
        var specCount = workspace.commands.count + workspace.agents.count + workspace.skills.count
        // One configuration per scope (plugin or workspace), read once; a broken one is reported once.
        var configs: [SpecScope: PluginConfiguration?] = [:]
        for skill in workspace.skills {
            if configs[skill.scope] == nil {
                do { configs[skill.scope] = .some(try configuration(for: skill.scope, workspace: workspace)) } catch {
                    diagnostics.append(FaberError(describing: error).diagnostic)
                    configs[skill.scope] = .some(nil)
                }
            }
            let config = configs[skill.scope] ?? nil
            let planner = Planner(workspace: workspace, registry: registry, config: config?.document)
            for name in skill.workflowNames {
                guard let workflow = workspace.workflow(skill: skill.name, name: name, scope: skill.scope) else { continue }
                specCount += 1
                // Documentation has no steps to plan (a runnable spec that points at it is an error).
                guard workflow.kind == .runnable else { continue }
                diagnostics += planner.plan(skill: skill, workflow: workflow).diagnostics
            }
        }
        diagnostics += configurationFindings()
        diagnostics += confirmationWarnings(workspace)
        diagnostics += skillWarnings(workspace)
        diagnostics += argumentCoverage(workspace)
        // A prompt skill's templates/ are Claude Code resources for the model, not faber's templates.
        for skill in workspace.skills where skill.kind == .runnable {
            diagnostics += RenderHandler.check(templatesIn: skill.directory + "/templates", workspace: root)
        }
        var seen = Set<String>()
        let unique = diagnostics.sortedByLocation().filter { seen.insert($0.description).inserted }.map(relative)
        return CheckReport(diagnostics: unique, specCount: specCount)
    }

    /// Every plugin configuration file the loader could read: its syntax (the loader's own
    /// errors), then each installed module's rules for its settings.
    func configurationFindings() -> [Diagnostic] {
        PluginConfiguration.files(workspace: root).flatMap(configurationFindings(file:))
    }

    /// The findings of one configuration file: the loader's own errors, then every module's rules.
    /// `run` refuses a configuration with errors here, as `check` reports them.
    func configurationFindings(file path: String) -> [Diagnostic] {
        let document: LocatedJSONValue
        do {
            document = try PluginConfiguration.locatedDocument(bytes: PluginConfiguration.read(file: path), path: path)
        } catch {
            return [FaberError(describing: error).diagnostic]
        }
        return modules.flatMap { $0.checkConfiguration(path: path, document: document) }
    }

    /// A mutating or destructive operation whose workflow never asks for confirmation.
    func confirmationWarnings(_ workspace: Workspace) -> [Diagnostic] {
        var result: [Diagnostic] = []
        // A step whose handler changes live resources, in a workflow that never asks.
        for workflow in workspace.workflows where !workflow.steps.contains(where: { $0.uses.value == "core.confirm" }) {
            for step in workflow.steps {
                guard let handler = registry.handler(step.uses.value), handler.signature.changesResources else { continue }
                result.append(
                    .warning(
                        "step '\(step.id.value)' runs \(handler.id), which changes resources, but workflow '\(workflow.name)' has no core.confirm step",
                        at: step.uses.location,
                        hint:
                            "add a core.confirm step before it that shows the impact; until then faber asks itself (or stops with 75) in environments that require confirmation"
                    ))
            }
        }
        for agent in workspace.agents {
            for operation in agent.operations where operation.risk == .readOnly {
                guard let workflow = workspace.workflow(of: operation, in: agent),
                    let changing = workflow.steps.lazy.compactMap({ self.registry.handler($0.uses.value) }).first(where: { $0.signature.changesResources })
                else { continue }
                result.append(
                    .warning(
                        "operation '\(operation.name)' is read-only (the default) but its workflow runs \(changing.id), which changes resources",
                        at: operation.location, hint: "declare it 'risk: mutating' (or destructive), so faber list and --help say so"))
            }
            for operation in agent.operations where operation.risk != .readOnly {
                guard let workflow = workspace.workflow(of: operation, in: agent) else { continue }
                if !workflow.steps.contains(where: { $0.uses.value == "core.confirm" }) {
                    result.append(
                        .warning(
                            "operation '\(operation.name)' is \(operation.risk.rawValue) but its workflow has no core.confirm step",
                            at: operation.location, hint: "add a core.confirm step before the change, so production is never touched unasked"))
                }
            }
        }
        return result
    }

    /// Skill-level checks that need the handler registry: `tools` naming no known namespace,
    /// operations mapped to handlers that do not exist.
    func skillWarnings(_ workspace: Workspace) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let namespaces = registry.namespaces.sorted()
        for skill in workspace.skills {
            for tool in skill.tools ?? [] where !namespaces.contains(tool.value) && registry.handler(tool.value) == nil {
                // `Bash`, `Read`, `Bash(git:*)`: a Claude Code tool where faber expects a namespace.
                let claudeCodeTool = tool.value.first?.isUppercase == true || tool.value.contains("(")
                result.append(
                    .warning(
                        "no handler namespace '\(tool.value)' in tools of skill '\(skill.name)'", at: tool.location,
                        hint: claudeCodeTool
                            ? "'\(tool.value)' is a Claude Code tool: list it under 'allowed-tools'; 'tools' of a skill with operations names the handler namespaces its workflows call (\(namespaces.joined(separator: ", ")))"
                            : didYouMean(tool.value, among: namespaces) ?? "namespaces: \(namespaces.joined(separator: ", "))"))
            }
            for operation in skill.operations {
                guard case .handler(let id) = operation.target, registry.handler(id) == nil else { continue }
                result.append(
                    .error(
                        "operation '\(operation.name)' of skill '\(skill.name)' maps to unknown handler '\(id)'",
                        at: operation.location, hint: didYouMean(id, among: registry.ids)))
            }
        }
        return result
    }

    /// A workflow input that is required and has no default must come from an argument of the
    /// command or operation that runs it, or every run fails.
    func argumentCoverage(_ workspace: Workspace) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func check(_ arguments: [ArgumentSpec], runs workflow: WorkflowSpec?, title: String, at location: SourceLocation) {
            guard let workflow else { return }
            result += uncoveredInputs(of: workflow, arguments: arguments, title: title, at: location)
        }
        for command in workspace.commands {
            if case .workflow(let reference)? = command.target {
                check(
                    command.arguments, runs: workspace.workflow(reference: reference.value, from: command.scope)?.workflow,
                    title: command.slashName, at: reference.location)
            }
        }
        for agent in workspace.agents {
            for operation in agent.operations {
                check(
                    operation.arguments, runs: workspace.workflow(of: operation, in: agent),
                    title: "operation '\(operation.name)'", at: operation.location)
            }
        }
        return result
    }

    /// Required inputs (without a default) of `workflow` that none of `arguments` provides.
    public func uncoveredInputs(of workflow: WorkflowSpec, arguments: [ArgumentSpec], title: String, at location: SourceLocation) -> [Diagnostic] {
        let given = Set(arguments.map(\.name))
        return workflow.inputs.filter { $0.required && $0.defaultValue == nil && !given.contains($0.name) }.map { input in
            .error(
                "\(title) runs workflow \(workflow.skill)/\(workflow.name), which needs input '\(input.name)', but takes no --\(input.name)",
                at: location, hint: "add '\(input.name)' to its arguments (required: true), or give the input a default")
        }
    }
}

/// What `faber check --fix` changed: each fix applied (paths relative to the workspace), and the
/// files it could not write.
public struct FixReport: Sendable {
    public var applied: [SpecFix] = []
    /// Fixes left out: one overlapping another, or of a file that changed since it was read.
    public var skipped: [SpecFix] = []
    public var failures: [Diagnostic] = []
}

extension Runtime {
    /// `faber check --fix`: rewrites every value that only Claude Code's tolerant reader accepts so
    /// that strict YAML reads the same value, and changes nothing else: each file keeps every
    /// other byte (line breaks included), and is replaced atomically.
    public func fix() -> FixReport {
        var report = FixReport()
        let byPath = Dictionary(grouping: workspace().fixes, by: \.path)
        for path in byPath.keys.sorted() {
            let fixes = byPath[path] ?? []
            do {
                let bytes = try RegularFile.read(path, limit: RegularFile.maximumBytes)
                guard let text = String(validating: bytes, as: UTF8.self), !Self.hasLoneCarriageReturn(text) else {
                    report.skipped += fixes
                    continue
                }
                let result = SpecFix.apply(fixes, to: text)
                report.skipped += result.skipped
                guard !result.applied.isEmpty else { continue }
                try AtomicFile.write(result.text, to: path)
                report.applied += result.applied
            } catch {
                report.failures.append(relative(FaberError(describing: error).diagnostic))
            }
        }
        // Paths as the report shows them: relative to the workspace.
        for index in report.applied.indices { report.applied[index].path = relative(report.applied[index].path) }
        for index in report.skipped.indices { report.skipped[index].path = relative(report.skipped[index].path) }
        return report
    }

    private static func hasLoneCarriageReturn(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") { return true }
            previous = byte
        }
        return previous == UInt8(ascii: "\r")
    }
}
