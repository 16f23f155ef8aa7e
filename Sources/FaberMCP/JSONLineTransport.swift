import FaberCore
import Foundation
import Logging
import MCP

/// Newline-delimited JSON-RPC on stdin and stdout, with JSON-RPC's own answers to input that is
/// not a message: a line that is not JSON gets a parse error (-32700) and one that is JSON but not
/// a request, notification or response gets an invalid request (-32600), both with `id: null`
/// unless the line had an id. The server keeps serving. (The SDK alone answers both with a parse
/// error under a made-up id.) At the end of input, the stream ends only once every request read
/// has been answered (or cancelled by the client), so a piped script gets all its answers.
///
/// stdin is read by a thread of its own in blocking reads: an idle server takes no CPU. (The
/// SDK's `StdioTransport` polls a non-blocking stdin every 10 ms: 0.3 s of CPU in 10 idle seconds.)
actor JSONLineTransport: Transport {
    nonisolated let logger = Logger(label: "faber.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Ids (as JSON) of the requests read and not yet answered.
    private var outstanding = Set<String>()
    private var started = false

    func connect() async throws {}

    func disconnect() async {}

    func send(_ data: Data) async throws {
        var line = data
        line.append(UInt8(ascii: "\n"))
        try FileHandle.standardOutput.write(contentsOf: line)
        if let message = try? FaberCore.Value.parseJSON(bytes: Array(data)), message["method"] == nil, let id = message["id"] {
            outstanding.remove(id.jsonString())
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        guard !started else {
            continuation.finish()
            return stream
        }
        started = true
        let lines = Self.readLines()
        Task {
            for await line in lines {
                if let answer = Self.refusal(of: line) {
                    try? await send(answer)
                    continue
                }
                track(line)
                continuation.yield(line)
            }
            while !outstanding.isEmpty { try? await Task.sleep(for: .milliseconds(20)) }
            continuation.finish()
        }
        return stream
    }

    /// The lines of stdin (without their newlines, empty ones left out), read by a thread that
    /// blocks in read(2); the stream ends at the end of input.
    static func readLines() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        let thread = Thread {
            var pending = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = read(0, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: buffer[0..<count])
                var start = 0
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    if newline > start { continuation.yield(Data(pending[start..<newline])) }
                    start = newline + 1
                }
                pending.removeFirst(start)
            }
            if !pending.isEmpty { continuation.yield(Data(pending)) }
            continuation.finish()
        }
        thread.start()
        return stream
    }

    /// Notes a request's id, and forgets one the client cancels.
    private func track(_ line: Data) {
        guard let message = try? FaberCore.Value.parseJSON(bytes: Array(line)), let method = message["method"]?.string else { return }
        if let id = message["id"] {
            outstanding.insert(id.jsonString())
        } else if method == "notifications/cancelled", let id = message["params"]?["requestId"] {
            outstanding.remove(id.jsonString())
        }
    }

    /// The error answer for a line that is not a JSON-RPC message (nil when it is one, or a batch).
    static func refusal(of line: Data) -> Data? {
        let value: FaberCore.Value
        do {
            value = try FaberCore.Value.parseJSON(bytes: Array(line))
        } catch {
            return answer(id: .null, code: -32700, message: "Parse error: \(error)")
        }
        if value.array != nil { return nil }
        guard let message = value.object else { return answer(id: .null, code: -32600, message: "Invalid Request: a message is a JSON object") }
        let id = message["id"] ?? .null
        let idIsValid = id.isNull || id.string != nil || id.int != nil
        guard message["jsonrpc"]?.string == "2.0" else {
            return answer(id: idIsValid ? id : .null, code: -32600, message: "Invalid Request: \"jsonrpc\" must be \"2.0\"")
        }
        if message["method"] != nil {
            guard message["method"]?.string != nil else {
                return answer(id: idIsValid ? id : .null, code: -32600, message: "Invalid Request: \"method\" must be a string")
            }
            guard idIsValid else { return answer(id: .null, code: -32600, message: "Invalid Request: \"id\" must be a string or a number") }
            return nil
        }
        if message["result"] != nil || message["error"] != nil { return nil }
        return answer(id: idIsValid ? id : .null, code: -32600, message: "Invalid Request: neither a request, a notification nor a response")
    }

    static func answer(id: FaberCore.Value, code: Int, message: String) -> Data {
        let error: KeyValuePairs<String, FaberCore.Value> = ["code": .int(code), "message": .string(message)]
        let pairs: KeyValuePairs<String, FaberCore.Value> = ["jsonrpc": "2.0", "id": id, "error": .object(error)]
        return Data(FaberCore.Value.object(pairs).jsonString().utf8)
    }
}
