import Synchronization

/// The files a run wrote (reports, histories), in the order they were written, so a front end can
/// list them in its run report. Handlers that write a file record it here.
public final class WrittenFiles: Sendable {
    private let paths = Mutex<[String]>([])

    /// The record of `scope`'s run.
    public static func of(_ scope: RunScope) -> WrittenFiles {
        scope.shared("faber.written-files") { WrittenFiles() }
    }

    /// Records `path` (relative to the workspace), once.
    public func record(_ path: String) {
        paths.withLock { if !$0.contains(path) { $0.append(path) } }
    }

    public var all: [String] { paths.withLock { $0 } }
}
