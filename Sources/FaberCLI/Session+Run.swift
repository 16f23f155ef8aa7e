import FaberCore
import FaberRuntime

extension Session {
    /// Runs one slash command line; returns the exit status. Everything is printed here.
    func run(_ line: String) async -> Int32 {
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
        return report.exitStatus
    }
}
