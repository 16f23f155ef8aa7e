import FaberCore
import Synchronization

/// The console of every test: it answers questions with `answer` (nobody answers when nil, as
/// without a terminal), after `delay` (a person takes a moment, so steps at once wait for the same
/// answer), and records the questions asked and every diagnostic line (trace lines included).
public final class TestConsole: Console {
    public let answer: Bool?
    private let delay: Duration
    private let recorded = Mutex<(questions: [String], lines: [String])>(([], []))

    public init(answer: Bool? = nil, delay: Duration = .zero) {
        self.answer = answer
        self.delay = delay
    }

    public var isInteractive: Bool { answer != nil }

    public func confirm(_ message: String) async -> Bool? {
        recorded.withLock { $0.questions.append(message) }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return answer
    }

    public func diagnostic(_ line: String) { recorded.withLock { $0.lines.append(line) } }

    public var questions: [String] { recorded.withLock { $0.questions } }
    public var lines: [String] { recorded.withLock { $0.lines } }
}
