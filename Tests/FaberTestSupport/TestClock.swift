import FaberCore
import Synchronization

/// The clock of every test that waits: nothing really sleeps, and every sleep asked is recorded.
/// - `.advancing`: a sleep returns at once and moves time forward by its length.
/// - `.standing`: a sleep returns at once; time stands still.
/// - `.blocking`: a sleep never ends (until cancelled), so timeouts never fire.
public final class TestClock: FaberClock {
    public enum Mode: Sendable { case advancing, standing, blocking }

    public let mode: Mode
    private let state = Mutex<(now: Double, sleeps: [Double])>((0, []))

    public init(_ mode: Mode = .advancing) {
        self.mode = mode
    }

    public func now() -> Double { state.withLock { $0.now } }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        guard seconds > 0 else { return }
        state.withLock { state in
            state.sleeps.append(seconds)
            if mode == .advancing { state.now += seconds }
        }
        if mode == .blocking { try await Task.sleep(for: .seconds(86_400)) }
    }

    public var sleeps: [Double] { state.withLock { $0.sleeps } }
}
