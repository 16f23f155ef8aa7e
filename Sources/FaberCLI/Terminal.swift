import CLineEditor
import FaberCore
import FaberRuntime
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's terminal: what is a TTY, whether to colour, where messages go.
struct Terminal: Sendable {
    let stdinIsTTY: Bool
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    let colorAllowed: Bool

    static let current: Terminal = {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        return Terminal(
            stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1, stderrIsTTY: isatty(2) == 1,
            colorAllowed: !noColor && !dumb)
    }()

    func out(_ text: String) {
        Self.write(1, text.hasSuffix("\n") ? text : text + "\n")
    }

    func err(_ text: String) {
        Self.write(2, text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Raw write to stderr without a newline (progress line).
    func errRaw(_ text: String) {
        Self.write(2, text)
    }

    /// Writes all of `text`; a closed or full stream is not an error worth crashing for.
    static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    enum Color: String {
        case red = "31"
        case yellow = "33"
        case green = "32"
        case dim = "2"
        case bold = "1"
        case cyan = "36"
    }

    func paint(_ text: String, _ color: Color, forStderr: Bool = true) -> String {
        guard colorAllowed, forStderr ? stderrIsTTY : stdoutIsTTY else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    /// `path:line:col: error: message` + `  hint: ...`, coloured on a TTY.
    /// Messages may quote what a user typed or a file holds: control characters are shown
    /// escaped, never sent to the terminal as they are.
    func report(_ diagnostic: Diagnostic) {
        var text = diagnostic.location.map { "\($0)".escapingControlCharacters + ": " } ?? ""
        text += diagnostic.severity == .error ? paint("error:", .red) : paint("warning:", .yellow)
        text += " " + diagnostic.message.escapingControlCharacters
        if let hint = diagnostic.hint {
            text += "\n  " + paint("hint:", .cyan) + " " + Diagnostic.indentingContinuationLines(hint.escapingControlCharacters)
        }
        err(text)
    }
}

/// The `Console` handlers see: questions on stderr, answers from stdin.
final class TerminalConsole: Console {
    let terminal: Terminal
    let interactive: Bool

    init(terminal: Terminal, interactive: Bool) {
        self.terminal = terminal
        self.interactive = interactive
    }

    var isInteractive: Bool { interactive }

    func confirm(_ message: String) async -> Bool? {
        guard interactive else { return nil }
        while true {
            // Erase the progress line first, so the question stands on a line of its own.
            terminal.errRaw((terminal.stderrIsTTY ? "\r\u{1B}[K" : "") + "\(message) [y/N] ")
            guard let line = await Self.readAnswer() else { return nil }
            switch line.trimmingWhitespace().lowercased() {
            case "y", "yes": return true
            case "", "n", "no": return false
            default: terminal.err("Please answer yes or no.")
            }
        }
    }

    func diagnostic(_ line: String) {
        terminal.err(line)
    }

    /// One line from stdin, or nil at end of input or when the task is cancelled (Ctrl-C):
    /// stdin is polled, so a question never blocks cancellation.
    static func readAnswer() async -> String? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            if Task.isCancelled { return nil }
            if faber_sigint_count() > 0 {
                // Ctrl-C: stop reading at once, and give the run's watcher the moment it needs to
                // cancel the run, so the question ends as a cancellation (130), not a refusal.
                for _ in 0..<40 where !Task.isCancelled { try? await Task.sleep(for: .milliseconds(25)) }
                return nil
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 && errno != EINTR { return nil }
            guard ready > 0 else { continue }
            let count = read(0, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            for byte in buffer[..<count] {
                if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(byte)
            }
        }
    }
}
