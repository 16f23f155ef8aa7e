import FaberTestSupport
import Foundation
import Testing

/// A copy of a fixture workspace in a fresh temporary folder, so tests can write to it.
struct Fixture {
    let root: String

    init(_ name: String) throws {
        let source = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)").path
        root = TestFolders.make("e2e-\(name)")
        try FileManager.default.copyItem(atPath: source, toPath: root)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    /// Replaces `text` in a fixture file (which must contain it).
    func edit(_ relative: String, replacing text: String, with replacement: String) throws {
        let original = try #require(read(relative))
        try #require(original.contains(text))
        try write(relative, original.replacingOccurrences(of: text, with: replacement))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `faber --workspace <fixture> <arguments>`.
    func faber(_ arguments: String..., stdin: String = "") throws -> FaberBinary.Result {
        try FaberBinary.locate().run(["--workspace", root] + arguments, stdin: stdin)
    }
}
