import FaberCore
import FaberTestSupport
import Foundation
import Testing

@testable import FaberSpec

/// Files a workspace may hold, from colleagues, the internet or generators: none of them crashes or
/// hangs the loader; each is a located error.
@Suite("Hostile spec files", .timeLimit(.minutes(1)))
struct HostileInputTests {
    func load(_ files: [String: String], extra: (TestWorkspace) throws -> Void = { _ in }) throws -> Workspace {
        let ws = try TestWorkspace(files, prefix: "hostile")
        try extra(ws)
        return WorkspaceLoader(workspace: ws.root, pluginDirs: []).load()
    }

    static let skill = "---\nname: s\ndescription: d\n---\n"

    @Test("100,000 nested '[' in front matter is an error at its place, not a stack overflow")
    func deepFlowNesting() throws {
        let deep = String(repeating: "[", count: 100_000)
        let workspace = try load(["skills/s/SKILL.md": "---\nname: s\ndescription: \(deep)\n---\n"])
        let error = try #require(workspace.diagnostics.errors.first)
        #expect(error.message.contains("nested deeper than 200 levels"), "\(error)")
        #expect(error.location?.line == 3)
    }

    @Test("a 1,000-level block map is an error, not a stack overflow")
    func deepBlockNesting() throws {
        let deep = (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x"
        let workspace = try load([
            "skills/s/SKILL.md": "---\nname: s\ndescription: d\nextra:\n" + deep.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n---\n"
        ])
        #expect(workspace.diagnostics.errors.contains { $0.message.contains("nested deeper than 200 levels") }, "\(workspace.diagnostics.errors.prefix(2))")
    }

    @Test("an alias bomb (nine levels of nine-fold aliases) in a step is refused at once")
    func aliasBomb() throws {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let step = "```step\nid: boom\nuses: core.render\nwith:\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n```\n"
        let started = Date()
        let workspace = try load(["skills/s/SKILL.md": Self.skill, "skills/s/workflow/w.md": "---\nname: w\n---\n## Boom\n" + step])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(workspace.diagnostics.errors.contains { $0.message.contains("expands to more than 1000000 nodes through its aliases") })
    }

    @Test("a spec file linked to /dev/zero, a FIFO and a folder are located errors, read no further")
    func notRegularFiles() throws {
        let workspace = try load(["skills/s/SKILL.md": Self.skill]) { ws in
            try FileManager.default.createDirectory(atPath: ws.path("skills/s/workflow"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: ws.path("skills/s/workflow/zero.md"), withDestinationPath: "/dev/zero")
            #expect(mkfifo(ws.path("skills/s/workflow/pipe.md"), 0o644) == 0)
            try FileManager.default.createDirectory(atPath: ws.path("skills/s/workflow/folder.md"), withIntermediateDirectories: true)
        }
        let messages = workspace.diagnostics.errors.map(\.message)
        #expect(messages.contains { $0.hasSuffix("zero.md is a character device, not a file") }, "\(messages)")
        #expect(messages.contains { $0.hasSuffix("pipe.md is a FIFO (named pipe), not a file") }, "\(messages)")
        #expect(messages.contains { $0.hasSuffix("folder.md is a folder, not a spec file") }, "\(messages)")
    }

    @Test("a file larger than 4 MiB is refused unread; invalid UTF-8 is reported where it is")
    func largeAndInvalidText() throws {
        let workspace = try load(["skills/s/SKILL.md": Self.skill, "skills/s/workflow/ok.md": "---\nname: ok\n---\n"]) { ws in
            try Data(repeating: UInt8(ascii: "a"), count: (4 << 20) + 1).write(to: URL(fileURLWithPath: ws.path("skills/s/workflow/big.md")))
            var bytes = Array("---\nname: w\n---\n## Step\nok \u{e9}\n".utf8)
            bytes += [0x62, 0xFF, 0x0A]
            try Data(bytes).write(to: URL(fileURLWithPath: ws.path("skills/s/workflow/bad.md")))
        }
        let errors = workspace.diagnostics.errors
        #expect(errors.contains { $0.message.contains("big.md is larger than 4 MiB") })
        let invalid = try #require(errors.first { $0.message.hasPrefix("the file is not valid UTF-8") })
        #expect(invalid.location?.line == 6)
        #expect(invalid.location?.column == 2)
    }

    @Test("durations beyond 3650 days, infinite or not numbers are errors at their place")
    func hugeDurations() throws {
        for value in ["1e400", "9999999999999d", "inf", "nan"] {
            let step = "```step\nid: s\nuses: core.render\ntimeout: \(value)\nwith: {template: t}\n```\n"
            let workspace = try load(["skills/s/SKILL.md": Self.skill, "skills/s/workflow/w.md": "---\nname: w\n---\n## S\n" + step])
            let error = try #require(workspace.diagnostics.errors.first { $0.message.hasPrefix("'timeout' must be a duration") }, "\(value)")
            #expect(error.location?.line == 8)
        }
    }

    @Test("a SKILL.md that is a folder, and a plugin.json whose name is not text, say what is wrong with the file")
    func wrongKindsOfFiles() throws {
        let workspace = try load(["plugins/p/.claude-plugin/plugin.json": #"{"name": 5}"#]) { ws in
            try FileManager.default.createDirectory(atPath: ws.path("skills/s/SKILL.md"), withIntermediateDirectories: true)
        }
        let messages = workspace.diagnostics.errors.map(\.message)
        #expect(messages.contains { $0.hasSuffix("SKILL.md is a folder, not a spec file") }, "\(messages)")
        #expect(messages.contains("'name' in plugin.json must be a string, not 5"), "\(messages)")
        #expect(!messages.contains { $0.hasPrefix("missing required key") }, "\(messages)")
    }
}
