import Foundation

/// A workspace in a fresh temporary folder, for every kind of test: written from inline files, or
/// copied from a fixture. Beside it are a HOME (for `~/.aws`) and a scratch folder (scripts,
/// other files), so configuration tests never read the machine's own settings.
///
/// ```
/// <folder>/workspace   root: the workspace
/// <folder>/home        home: HOME, with .aws/
/// <folder>/scratch     scratch: anything else
/// ```
public struct TestWorkspace: Sendable {
    /// The workspace folder.
    public let root: String
    /// HOME for the code under test (`home/.aws/credentials`, `home/.aws/config`).
    public let home: String
    /// A folder outside the workspace for scripts and other files.
    public let scratch: String

    /// The repository (it is a workspace too: its plugins/, skills/, .fractary/ are the demo's).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // FaberTestSupport
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A workspace holding copies of these folders of the repository (e.g. plugins, .fractary), so
    /// a test can write to it; reports and histories of earlier demo runs are left out.
    public init(copyingRepository folders: [String], prefix: String) throws {
        try self.init(prefix: prefix)
        for folder in folders {
            try FileManager.default.copyItem(atPath: Self.repository + "/" + folder, toPath: path(folder))
        }
        try? FileManager.default.removeItem(atPath: path(".fractary/plugins/faber-cloud/monitoring"))
    }

    /// The workspace folder (the same as `root`, for tests that read better with it).
    public var workspace: String { root }

    /// A workspace made of `files` (path relative to the workspace -> text).
    public init(_ files: [String: String] = [:], prefix: String = "workspace") throws {
        let folder = TestFolders.make(prefix)
        root = folder + "/workspace"
        home = folder + "/home"
        scratch = folder + "/scratch"
        for path in [root, home + "/.aws", scratch] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        for (path, text) in files { try write(path, text) }
    }

    /// A copy of the folder `source` (a fixture), so the test can write to it.
    public init(copying source: String, prefix: String) throws {
        let folder = TestFolders.make(prefix)
        root = folder + "/workspace"
        home = folder + "/home"
        scratch = folder + "/scratch"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: root)
        for path in [home + "/.aws", scratch] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    /// The absolute path of `relative` in the workspace.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `text` to `relative` in the workspace (folders made as needed); returns the path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try Self.write(text, to: path(relative))
    }

    /// Writes `text` to an absolute path (folders made as needed); returns the path.
    @discardableResult
    public func write(_ text: String, to path: String) throws -> String {
        try Self.write(text, to: path)
    }

    /// Replaces `text` in a workspace file, which must contain it.
    public func edit(_ relative: String, replacing text: String, with replacement: String) throws {
        guard let original = read(relative), original.contains(text) else {
            throw TestWorkspaceError(message: "\(relative) does not contain \(text.debugDescription)")
        }
        try write(relative, original.replacingOccurrences(of: text, with: replacement))
    }

    /// The text of a workspace file, or nil when there is none.
    public func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the plugin configuration `.fractary/plugins/<folder>/<name>`; returns its path.
    @discardableResult
    public func writeConfig(_ text: String, name: String = "config.json", folder: String = "faber-cloud") throws -> String {
        try write(".fractary/plugins/\(folder)/\(name)", text)
    }

    public func writeCredentials(_ text: String) throws { try write(text, to: home + "/.aws/credentials") }
    public func writeAWSConfig(_ text: String) throws { try write(text, to: home + "/.aws/config") }

    /// Writes an executable shell script `scratch/bin/<name>`; returns its path.
    public func writeScript(_ name: String, _ body: String) throws -> String {
        let path = try write("#!/bin/sh\n" + body, to: scratch + "/bin/" + name)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A process environment with only HOME (and PATH for scripts) plus `extra`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ["HOME": home, "PATH": "/usr/bin:/bin"]
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs the built `faber --workspace <root> <arguments>`.
    public func faber(_ arguments: String..., stdin: String = "") throws -> FaberBinary.Result {
        try FaberBinary.locate().run(["--workspace", root] + arguments, stdin: stdin)
    }

    private static func write(_ text: String, to path: String) throws -> String {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }
}

public struct TestWorkspaceError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
