import FaberCore
import Foundation

/// `report.save`: writes `data` as pretty JSON to `path` (relative to the workspace),
/// atomically. With `append: true` the file holds a JSON list and `data` is added to
/// it under a lock, so two runs at once lose nothing; `keep: N` keeps the newest N.
public struct SaveReportHandler: Handler {
    public let id = "report.save"
    public let signature = HandlerSignature(
        summary: "Write a JSON report atomically (temp file + rename)",
        inputs: [
            .init("path", required: true, .text, "file path, relative to the workspace"),
            .init("data", required: true, .any, "the value to write"),
            .init("append", .flag, "add data to the JSON list in the file instead of replacing it"),
            .init("keep", .wholeNumber(min: 1), "with append: keep only the newest N entries"),
        ],
        outputs: ["path", "bytes", "dry_run"])

    public init() {}

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        guard let relative = input["path"]?.string, !relative.isEmpty else {
            throw FaberError(.invalidSpec, "report.save needs 'path'", at: context.stepLocation)
        }
        let path = try Self.checkedPath(relative, context: context)
        let data = input["data"] ?? .null
        if context.options.dryRun {
            return ["path": .string(relative), "bytes": 0, "dry_run": true]
        }
        let bytes: Int
        if input["append"]?.isTruthy == true {
            let keep = input["keep"]?.int
            if let given = input["keep"], !given.isNull, let problem = HandlerSignature.Kind.wholeNumber(min: 1).problem(with: given) {
                throw FaberError(.usage, "report.save input 'keep' \(problem)", at: context.stepLocation)
            }
            bytes = try AtomicFile.update(path) { existing in
                var list: [Value] = []
                if let existing, !existing.trimmingWhitespace().isEmpty {
                    let old: Value
                    do { old = try Value.parseJSON(existing) } catch let error as Value.JSONError {
                        throw FaberError(
                            .invalidSpec, "cannot append to \(relative): it is not JSON (\(error.line):\(error.column): \(error.message))",
                            hint: "fix the file or move it aside; faber does not overwrite it")
                    }
                    guard let items = old.array else {
                        throw FaberError(
                            .invalidSpec, "cannot append to \(relative): it holds a JSON \(old.typeName), not a list",
                            hint: "fix the file or move it aside; faber does not overwrite it")
                    }
                    list = items
                }
                list.append(data)
                if let keep, list.count > keep { list.removeFirst(list.count - keep) }
                return Value.array(list).jsonString(pretty: true) + "\n"
            }
        } else {
            let text = data.jsonString(pretty: true) + "\n"
            try AtomicFile.write(text, to: path)
            bytes = text.utf8.count
        }
        WrittenFiles.of(context.scope).record(relative)
        return ["path": .string(relative), "bytes": .int(bytes)]
    }

    /// The absolute path for `relative`, refused when it is absolute, has `..`, or leads out of
    /// the workspace through a symbolic link.
    static func checkedPath(_ relative: String, context: HandlerContext) throws -> String {
        if relative.hasPrefix("/") || relative.hasPrefix("~") {
            throw FaberError(.invalidSpec, "report.save path '\(relative)' must be relative to the workspace", at: context.stepLocation)
        }
        if relative.split(separator: "/").contains("..") {
            throw FaberError(.invalidSpec, "report.save path '\(relative)' leaves the workspace", at: context.stepLocation)
        }
        let path = context.workspacePath(relative)
        // The deepest folder that exists already, with links resolved, must be inside the workspace.
        var existing = (path as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: existing), existing.count > 1 {
            existing = (existing as NSString).deletingLastPathComponent
        }
        let root = realPath(context.workspace)
        let resolved = realPath(existing)
        guard resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw FaberError(
                .invalidSpec, "report.save path '\(relative)' leaves the workspace through a symbolic link",
                hint: "\(existing) resolves to \(resolved)", at: context.stepLocation)
        }
        var status = stat()
        if lstat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFLNK {
                throw FaberError(
                    .invalidSpec, "report.save path '\(relative)' is a symbolic link; faber writes reports only to plain files",
                    hint: "remove the link or choose another path", at: context.stepLocation)
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw FaberError(
                    .invalidSpec, "report.save path '\(relative)' is a folder", hint: "give a file name, e.g. \(relative)/report.json",
                    at: context.stepLocation)
            }
        }
        return path
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
