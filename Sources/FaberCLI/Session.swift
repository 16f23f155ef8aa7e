import FaberCore
import FaberRuntime
import FaberSpec

/// One faber process on a terminal: the runtime (which loads the workspace, resolves, checks and
/// runs), the terminal it prints to and asks on, and faber's options from the command line. The
/// CLI and the REPL both run commands through it; it only prints and asks.
final class Session: Sendable {
    let runtime: Runtime
    let terminal: Terminal
    let baseOptions: GlobalOptions

    init(root: String, pluginDirs: [String], baseOptions: GlobalOptions, terminal: Terminal = .current) {
        self.runtime = Runtime(root: root, pluginDirs: pluginDirs)
        self.terminal = terminal
        self.baseOptions = baseOptions
    }

    var root: String { runtime.root }

    /// The workspace as it is on disk now.
    func workspace() -> Workspace { runtime.workspace() }

    /// Prints warnings that do not stop a command.
    func warn(about problems: [Diagnostic]) {
        for problem in problems { terminal.report(problem) }
    }

    /// Prints an error: the findings that caused it first, then the error itself.
    func report(_ error: FaberError) {
        for cause in error.causes { terminal.report(runtime.relative(cause)) }
        if error.code == "cancelled" {
            terminal.err(terminal.paint("cancelled", .yellow) + " (nothing more was started)")
            return
        }
        terminal.report(runtime.relative(error.diagnostic))
    }
}
