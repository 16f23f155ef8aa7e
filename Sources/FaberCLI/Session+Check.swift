import FaberCore
import FaberRuntime

extension Session {
    /// `faber check`: prints every problem the runtime finds, then the summary. Exit 65 on errors.
    func check() -> Int32 {
        let report = runtime.check()
        for diagnostic in report.diagnostics { terminal.report(diagnostic) }
        if report.errorCount > 0 {
            terminal.err("faber check: \(report.summary)")
        } else {
            terminal.out("faber check: \(report.summary)")
        }
        return report.exitStatus.rawValue
    }
}
