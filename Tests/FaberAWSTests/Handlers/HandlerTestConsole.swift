import FaberCore
import Synchronization

/// A console that nobody answers and that keeps every diagnostic line (trace lines included).
final class HandlerTestConsole: Console {
    private let recorded = Mutex<[String]>([])

    var isInteractive: Bool { false }
    func confirm(_ message: String) async -> Bool? { nil }
    func diagnostic(_ line: String) { recorded.withLock { $0.append(line) } }

    var lines: [String] { recorded.withLock { $0 } }

}
