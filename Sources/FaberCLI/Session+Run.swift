import FaberCore
import FaberRuntime

extension Session {
    /// Runs one slash command line; returns the exit status. Everything is printed here.
    /// `base`: faber's options outside the line (default: the session's).
    func run(_ line: String, base: GlobalOptions? = nil) async -> Int32 {
        let baseOptions = base ?? self.baseOptions
        let workspace = workspace()
        // Folder problems (a --plugin-dir that does not exist) belong to no spec; say so, and go on.
        warn(about: runtime.loadWarnings(workspace))
        let invocation: ResolvedInvocation
        do {
            switch try runtime.resolve(line, options: baseOptions, workspace: workspace) {
            case .help(let text, let status):
                if status == .success { terminal.out(text) } else { terminal.err(text) }
                return status.rawValue
            case .run(let resolved):
                invocation = resolved
            case .prompt(let rendered):
                show(rendered)
                return ExitStatus.success.rawValue
            }
        } catch {
            let failure = FaberError(describing: error)
            report(failure)
            return failure.exitStatus.rawValue
        }
        let options = invocation.options
        let console = TerminalConsole(terminal: terminal, interactive: terminal.stdinIsTTY && terminal.stderrIsTTY)
        let progress = terminal.stderrIsTTY && !options.trace ? ProgressLine(terminal: terminal) : nil
        let runtime = self.runtime
        let report: RunReport
        do {
            report = try await withCancellationOnInterrupt {
                await runtime.run(invocation, workspace: workspace, console: console, observer: progress)
            }
        } catch {
            progress?.finish()
            self.report(FaberError(describing: error))
            return ExitStatus.interrupted.rawValue
        }
        progress?.finish()
        if let error = report.error {
            self.report(error)
        } else if let text = report.text {
            terminal.out(text)
        }
        if report.error == nil, options.output == .text, let followUp = report.followUp {
            return await follow(followUp, console: console) ?? report.exitStatus
        }
        return report.exitStatus
    }

    /// A rendered prompt command: the prompt (or, with --output json, the prompt with its model,
    /// tools and files) on stdout, and a note on stderr that faber ran no model.
    private func show(_ rendered: RenderedPrompt) {
        if rendered.options.output == .json {
            terminal.out(rendered.json.jsonString(pretty: true))
        } else {
            terminal.out(rendered.prompt)
            terminal.err(terminal.paint("note: ", .bold, forStderr: true) + rendered.note)
        }
    }

    /// What the workflow suggests next: on a terminal a question, and the command on yes; in
    /// scripts a hint line. A suggestion that would not resolve is not offered. Returns the
    /// follow-up's exit status when it ran.
    private func follow(_ followUp: FollowUp, console: TerminalConsole) async -> Int32? {
        guard (try? runtime.resolve(followUp.line, options: baseOptions, workspace: workspace())) != nil else { return nil }
        guard console.isInteractive else {
            terminal.err("hint: next: faber run '\(followUp.line)'")
            return nil
        }
        guard await console.confirm(followUp.question) == true else { return nil }
        terminal.out("")
        // The yes was to the question, not to what the follow-up may ask itself (a remediation in
        // prod asks again, after showing its impact): --yes is not passed on; --dry-run is.
        var options = baseOptions
        options.assumeYes = false
        return await run(followUp.line, base: options)
    }
}
