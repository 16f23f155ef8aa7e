import Foundation

/// Temporary folders for tests: all under one folder per test process, which is removed when the
/// process exits (removing each in a deinit could run before the test is done with the path).
public enum TestFolders {
    public static let root: String = {
        let path = FileManager.default.temporaryDirectory.path + "/faber-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestFolders.root) }
        return path
    }()

    /// A new path `<root>/<prefix>-<uuid>` (not created).
    public static func make(_ prefix: String) -> String {
        root + "/" + prefix + "-" + UUID().uuidString
    }
}
