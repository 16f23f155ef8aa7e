import CLineEditor
import FaberCore
import FaberRuntime
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive loop: `faber` with no arguments. On a terminal it uses libedit
/// (line editing, persistent history, tab completion); with stdin not a terminal
/// it reads one command per line, so it can be scripted.
struct REPL {
    let session: Session

    static let help = """
        Type a slash command, exactly as after 'faber run', e.g.
          /<plugin>:<command> <operation> --flag value
        Tab completes commands, operations, flags and their values.
        REPL commands:
          /help            this text (and '<command> --help' for a command)
          /list            commands, operations, skills and handlers
          /check           validate every spec
          /quit, /exit     leave (Ctrl-D too)
        Specs are re-read before each command: edit a SKILL.md or workflow and run again.
        """

    func run() async -> Int32 {
        session.terminal.stdinIsTTY ? await interactive() : await scripted()
    }

    /// One command per line from stdin; the exit status is the last command's.
    func scripted() async -> Int32 {
        var status: Int32 = 0
        while let line = readLine() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let result = await handle(trimmed) else { break }
            status = result
        }
        return status
    }

    /// Runs one line; nil means quit.
    func handle(_ line: String) async -> Int32? {
        switch line.split(separator: " ").first.map(String.init) ?? "" {
        case "/quit", "/exit", "quit", "exit": return nil
        case "/help", "help", "?":
            let commands = session.workspace().commands.map { command in
                "  \(command.slashName)" + (command.description.map { "  \($0)" } ?? "")
            }.sorted()
            session.terminal.out(
                REPL.help + "\nCommands in this workspace:\n"
                    + (commands.isEmpty ? "  (none)" : commands.joined(separator: "\n")))
            return 0
        case "/list", "list": return session.list()
        case "/check", "check": return session.check()
        default: return await session.run(line)
        }
    }

    func interactive() async -> Int32 {
        let editor = LineEditor(historyPath: LineEditor.defaultHistoryPath(), session: session)
        session.terminal.err("faber \(FaberMain.version) — workspace \(session.root)\nType /help for help, Tab to complete, /quit to leave.")
        var status: Int32 = 0
        while let line = editor.readLine(prompt: "faber> ") {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            editor.remember(trimmed)
            guard let result = await handle(trimmed) else { break }
            status = result
            if result != 0 && result != 130 {
                session.terminal.err(session.terminal.paint("exit \(result)", .dim))
            }
        }
        editor.close()
        return status
    }
}

/// libedit behind a small Swift type. One per process (the C callbacks reach it
/// through a process-wide reference).
final class LineEditor: @unchecked Sendable {
    private let historyPath: String?
    private let history: OpaquePointer?
    private var editLine: OpaquePointer?
    fileprivate let session: Session
    fileprivate static let current = Mutex<LineEditor?>(nil)
    fileprivate static let prompt = Mutex<UnsafeMutablePointer<CChar>?>(nil)

    static func defaultHistoryPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["FABER_HISTORY"] { return path.isEmpty ? nil : path }
        guard let home = environment["HOME"] else { return nil }
        return home + "/.faber_history"
    }

    init(historyPath: String?, session: Session) {
        self.historyPath = historyPath
        self.session = session
        history = faber_history_init(1000)
        if let historyPath, let history { _ = faber_history_load(history, historyPath) }
        LineEditor.current.withLock { $0 = self }
        faber_sigint_install()
        editLine = faber_el_init(
            "faber", { _ in LineEditor.prompt.withLock { $0 } ?? strdup("faber> ") },
            { el, _ in LineEditor.complete(el) }, history)
    }

    func readLine(prompt: String) -> String? {
        LineEditor.prompt.withLock { old in
            free(old)
            old = strdup(prompt)
        }
        guard let editLine else { return Swift.readLine() }
        var count: Int32 = 0
        errno = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            if errno == EINTR {  // Ctrl-C at the prompt: drop the line, prompt again
                session.terminal.errRaw("^C\n")
                return ""
            }
            return nil
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }

    func remember(_ line: String) {
        guard let history else { return }
        _ = faber_history_enter(history, line)
        if let historyPath { _ = faber_history_save(history, historyPath) }
    }

    func close() {
        faber_el_end(editLine)
        editLine = nil
        faber_history_end(history)
        session.terminal.errRaw("\n")
    }

    /// Tab: complete the word at the cursor, or list the choices.
    fileprivate static func complete(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let editor = current.withLock({ $0 }), let raw = faber_el_line_to_cursor(el) else { return UInt8(CC_ERROR) }
        let line = String(cString: raw)
        free(raw)
        let completer = Completer(workspace: editor.session.workspace())
        let candidates = completer.candidates(for: line)
        let endsWithSpace = line.last?.isWhitespace ?? false
        let word = endsWithSpace ? "" : String(line.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
        guard !candidates.isEmpty else { return UInt8(CC_ERROR) }
        if candidates.count == 1 {
            let completion = String(candidates[0].dropFirst(word.count)) + (candidates[0].hasSuffix("=") ? "" : " ")
            _ = faber_el_insert(el, completion)
            return UInt8(CC_REFRESH)
        }
        let common = Completer.commonPrefix(candidates)
        if common.count > word.count {
            _ = faber_el_insert(el, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        editor.session.terminal.errRaw("\n" + candidates.joined(separator: "  ") + "\n")
        return UInt8(CC_REDISPLAY)
    }
}
