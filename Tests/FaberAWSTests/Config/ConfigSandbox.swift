import Foundation

/// A temporary workspace and HOME for configuration tests; removed when the sandbox goes away.
final class ConfigSandbox {
    let root: String
    var workspace: String { root + "/workspace" }
    var home: String { root + "/home" }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("faber-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/workspace", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/home/.aws", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `.fractary/plugins/faber-cloud/<name>` in the workspace and returns its path.
    @discardableResult
    func writeConfig(_ text: String, name: String = "config.json") throws -> String {
        try write(text, to: workspace + "/.fractary/plugins/faber-cloud/" + name)
    }

    func writeCredentials(_ text: String) throws { try write(text, to: home + "/.aws/credentials") }
    func writeAWSConfig(_ text: String) throws { try write(text, to: home + "/.aws/config") }

    /// Writes an executable shell script and returns its path.
    func writeScript(_ name: String, _ body: String) throws -> String {
        let path = try write("#!/bin/sh\n" + body, to: root + "/bin/" + name)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @discardableResult
    func write(_ text: String, to path: String) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A process environment with only HOME (and PATH for scripts) plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ["HOME": home, "PATH": "/usr/bin:/bin"]
        for (key, value) in extra { env[key] = value }
        return env
    }
}
