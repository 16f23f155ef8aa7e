import FaberCore
import FaberEngine
import FaberSpec

extension Session {
    /// Runs one slash command line; returns the exit status. Errors are printed here.
    func run(_ line: String) async -> Int32 {
        do {
            let workspace = workspace()
            // Folder problems (a --plugin-dir that does not exist) belong to no spec; say so, and go on.
            warn(about: workspace.folderErrors)
            switch try resolve(line, workspace: workspace) {
            case .help(let text, let status):
                if status == .success { terminal.out(text) } else { terminal.err(text) }
                return status.rawValue
            case .run(let invocation):
                return try await execute(invocation, workspace: workspace)
            }
        } catch is CancellationError {
            terminal.err(terminal.paint("cancelled", .yellow) + " (nothing more was started)")
            return 130
        } catch {
            report(error)
            return (error as? any UserFacingError)?.exitStatus.rawValue
                ?? ((error as? Diagnostic) != nil ? ExitStatus.invalidSpec.rawValue : ExitStatus.internalError.rawValue)
        }
    }

    func execute(_ invocation: ResolvedInvocation, workspace: Workspace) async throws -> Int32 {
        let config = try config(for: invocation.skill.scope, workspace: workspace)
        let planner = Planner(workspace: workspace, registry: registry, config: config)
        let (plan, diagnostics) = planner.plan(skill: invocation.skill, workflow: invocation.workflow)
        // Errors in any spec this run reads (the command, its agent, every skill and workflow of
        // the plan) stop it: a step dropped for a YAML error must not silently run without it.
        let files = involvedFiles(invocation, plan: plan, workspace: workspace)
        let loadErrors = workspace.diagnostics.errors.filter { $0.location.map { files.contains($0.path) } ?? false }
        let location = invocation.operation?.location ?? SourceLocation(path: invocation.command.file.path, line: 1, column: 1)
        let uncovered = uncoveredInputs(of: invocation.workflow, arguments: invocation.operation?.arguments ?? invocation.command.arguments,
                                        title: invocation.operation.map { "operation '\($0.name)'" } ?? invocation.command.slashName, at: location)
        guard let plan, loadErrors.isEmpty, uncovered.isEmpty else {
            var seen = Set<String>()
            for diagnostic in (diagnostics.errors + loadErrors + uncovered).sortedByLocation() where seen.insert(diagnostic.description).inserted {
                report(diagnostic)
            }
            terminal.err("\(invocation.title) was not run: its specs have errors (faber check lists them all)")
            return ExitStatus.invalidSpec.rawValue
        }
        let options = invocation.options
        let console = TerminalConsole(terminal: terminal, interactive: terminal.stdinIsTTY && terminal.stderrIsTTY)
        let scope = RunScope()
        if invocation.risk == .destructive && !options.assumeYes && !options.dryRun {
            let question = "\(invocation.title) is destructive. Continue?"
            guard let answer = try await withCancellationOnInterrupt({ await console.confirm(question) }) else {
                throw FaberError(.refused, "\(invocation.title) is destructive and needs confirmation", hint: "run it on a terminal, or add --yes")
            }
            guard answer else { throw FaberError(.refused, "not confirmed; nothing was changed") }
            RunConfirmation.of(scope).recordConfirmed()
        }

        let progress = terminal.stderrIsTTY && !options.trace ? ProgressLine(terminal: terminal, totalSteps: plan.steps.count) : nil
        let environment = RunEnvironment(workspace: root, config: config, options: options.runOptions, console: console,
                                         scope: scope, observer: progress)
        let result: WorkflowResult
        do {
            result = try await withCancellationOnInterrupt {
                try await Executor(environment: environment).run(plan, inputs: invocation.inputs)
            }
            progress?.finish()
            await scope.shutdown()
        } catch {
            progress?.finish()
            await scope.shutdown()
            throw error
        }
        var status: Int32 = 0
        if let code = result.outputs["exit_code"], !code.isNull {
            guard let value = code.int, code.double == Double(value), (0...255).contains(value) else {
                throw FaberError(.invalidSpec, "the workflow's exit_code output must be a whole number from 0 to 255, got \(code.jsonString())",
                                 at: plan.workflow.outputs.first { $0.name == "exit_code" }?.value.location ?? plan.workflow.file.frontMatter?.location)
            }
            status = Int32(value)
        }
        print(result.outputs, format: options.output)
        return status
    }

    /// Every spec file a run of `plan` reads: command, agent, skills and workflows (sub-workflows too).
    func involvedFiles(_ invocation: ResolvedInvocation, plan: Plan?, workspace: Workspace) -> Set<String> {
        var files: Set<String> = [invocation.command.file.path, invocation.skill.file.path, invocation.workflow.file.path]
        if case .agent(let name)? = invocation.command.target,
           let agent = workspace.agent(named: name.value, scope: invocation.command.scope) {
            files.insert(agent.file.path)
        }
        var pending = plan.map { [$0] } ?? []
        var seen = Set<String>()
        while let next = pending.popLast() {
            guard seen.insert(next.workflow.file.path).inserted else { continue }
            files.insert(next.workflow.file.path)
            files.insert(next.skill.file.path)
            for step in next.steps {
                switch step.target {
                case .workflow(let sub): pending.append(sub)
                case .handler(_, let directory): files.insert(directory + "/SKILL.md")
                }
            }
        }
        return files
    }

    /// Prints errors that do not stop this command as warnings.
    func warn(about problems: [Diagnostic]) {
        for problem in problems {
            terminal.report(relative(Diagnostic(.warning, at: problem.location, problem.message, hint: problem.hint)))
        }
    }

    /// Prints an error with paths inside the workspace made relative to it.
    func report(_ error: any Error) {
        let diagnostic: Diagnostic
        if let d = error as? Diagnostic { diagnostic = d }
        else if let e = error as? any UserFacingError { diagnostic = Diagnostic(.error, at: e.location, e.message, hint: e.hint) }
        else { terminal.report(error); return }
        terminal.report(relative(diagnostic))
    }

    /// Prints a workflow's outputs: `--output json` one JSON object (without the
    /// presentation keys `text`, `markdown`, `exit_code`); text `outputs.text` or a summary;
    /// markdown `outputs.markdown`, else the text.
    func print(_ outputs: Value, format: RunOptions.OutputFormat) {
        switch format {
        case .json:
            var dict = outputs.object ?? [:]
            for key in ["text", "markdown", "exit_code"] { dict[key] = nil }
            terminal.out(Value.object(dict).jsonString(pretty: true))
        case .markdown:
            if let markdown = outputs["markdown"]?.string { terminal.out(markdown) }
            else if let text = outputs["text"]?.string { terminal.out(text) }
            else { terminal.out(OutputSummary.markdown(outputs)) }
        case .text:
            if let text = outputs["text"]?.string { terminal.out(text) }
            else { terminal.out(OutputSummary.text(outputs)) }
        }
    }
}

/// Readable forms of a workflow's outputs when it renders no text of its own.
enum OutputSummary {
    static func text(_ outputs: Value) -> String {
        guard let dict = outputs.object, !dict.isEmpty else { return "done (no outputs)" }
        return dict.filter { $0.key != "exit_code" }.map { key, value in
            switch value {
            case .array, .object: "\(key):\n" + value.jsonString(pretty: true).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            default: "\(key): \(value.interpolated)"
            }
        }.joined(separator: "\n")
    }

    static func markdown(_ outputs: Value) -> String {
        guard let dict = outputs.object, !dict.isEmpty else { return "_done (no outputs)_" }
        return dict.filter { $0.key != "exit_code" }.map { key, value in
            switch value {
            case .array, .object: "## \(key)\n\n```json\n\(value.jsonString(pretty: true))\n```"
            default: "- **\(key)**: \(value.interpolated)"
            }
        }.joined(separator: "\n\n")
    }
}
