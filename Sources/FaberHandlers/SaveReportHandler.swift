import FaberCore

/// `report.save`: writes `data` as pretty JSON to `path` (relative to the workspace),
/// atomically. With `append: true` the file holds a JSON list and `data` is added to
/// it under a lock, so two runs at once lose nothing; `keep: N` keeps the newest N.
public struct SaveReportHandler: Handler {
    public let id = "report.save"
    public let signature = HandlerSignature(
        summary: "Write a JSON report atomically (temp file + rename)",
        inputs: [
            .init("path", required: true, "file path, relative to the workspace"),
            .init("data", required: true, "the value to write"),
            .init("append", "add data to the JSON list in the file instead of replacing it"),
            .init("keep", "with append: keep only the newest N entries"),
        ],
        outputs: ["path", "bytes"])

    public init() {}

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        guard let relative = input["path"]?.string, !relative.isEmpty else {
            throw FaberError(.invalidSpec, "report.save needs 'path'", at: context.stepLocation)
        }
        if relative.split(separator: "/").contains("..") {
            throw FaberError(.invalidSpec, "report.save path '\(relative)' leaves the workspace", at: context.stepLocation)
        }
        let path = context.workspacePath(relative)
        let data = input["data"] ?? .null
        let bytes: Int
        if input["append"]?.isTruthy == true {
            let keep = input["keep"]?.int
            bytes = try AtomicFile.update(path) { existing in
                var list: [Value] = []
                if let existing, !existing.isEmpty {
                    let old = try? Value.parseJSON(existing)
                    list = old?.array ?? (old.map { [$0] } ?? [])
                }
                list.append(data)
                if let keep, keep > 0, list.count > keep { list.removeFirst(list.count - keep) }
                return Value.array(list).jsonString(pretty: true) + "\n"
            }
        } else {
            let text = data.jsonString(pretty: true) + "\n"
            try AtomicFile.write(text, to: path)
            bytes = text.utf8.count
        }
        return ["path": .string(relative), "bytes": .int(bytes)]
    }
}
