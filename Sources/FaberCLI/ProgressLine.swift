import FaberCore
import FaberEngine
import FaberRuntime
import Synchronization

/// One line on stderr (only on a TTY) saying which steps run: redrawn in place,
/// erased when the run ends.
final class ProgressLine: RunObserver {
    private struct State {
        var running: [String] = []
        var done = 0
        var retries: [String: Int] = [:]
        var drawn = false
        var total = 0
    }

    private let terminal: Terminal
    private let state = Mutex(State())
    init(terminal: Terminal) {
        self.terminal = terminal
    }

    func handle(_ event: RunEvent) {
        let line: String? = state.withLock { state in
            switch event {
            case .runStarted(let steps):
                state.total = steps
                return nil
            case .stepStarted(_, let step, _):
                state.running.append(step)
            case .stepFinished(_, let step, _, _):
                if let i = state.running.firstIndex(of: step) { state.running.remove(at: i) }
                state.done += 1
            case .stepRetrying(_, let step, let attempt, _, _):
                state.retries[step] = attempt
            }
            state.drawn = true
            let names = state.running.map { name in state.retries[name].map { "\(name) (try \($0))" } ?? name }
            let shown = names.prefix(4).joined(separator: ", ") + (names.count > 4 ? ", +\(names.count - 4)" : "")
            return "\(state.done)/\(max(state.total, state.done)) steps" + (shown.isEmpty ? "" : " · running \(shown)")
        }
        guard let line else { return }
        terminal.errRaw("\r\u{1B}[K" + terminal.paint(line, .dim))
    }

    /// Erases the line.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if drawn { terminal.errRaw("\r\u{1B}[K") }
    }
}
