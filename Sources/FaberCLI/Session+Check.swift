import FaberCore
import FaberRuntime

extension Session {
    /// `faber check`: prints every problem the runtime finds, then the summary. Exit 65 on errors.
    /// With `fix`, first rewrites the values only Claude Code's tolerant reader accepts, says what
    /// it changed, then checks what is left.
    func check(fix: Bool = false) -> Int32 {
        if fix {
            let fixed = runtime.fix()
            for change in fixed.applied {
                terminal.out("fixed \(change.path):\(change.lines.lowerBound): \(change.summary)")
            }
            for skipped in fixed.skipped {
                terminal.err(
                    "not fixed \(skipped.path):\(skipped.lines.lowerBound): \(skipped.summary) (the file changed, or another fix covers these lines; run faber check --fix again)"
                )
            }
            for failure in fixed.failures { terminal.report(failure) }
            let files = Set(fixed.applied.map(\.path)).count
            terminal.out("faber check --fix: \(fixed.applied.count) fix\(fixed.applied.count == 1 ? "" : "es") in \(files) file\(files == 1 ? "" : "s")")
            if !fixed.failures.isEmpty { return ExitStatus.internalError.rawValue }
        }
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
