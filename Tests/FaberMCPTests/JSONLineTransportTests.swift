import FaberCore
import Foundation
import Testing

@testable import FaberMCP

/// What the server answers to lines that are not JSON-RPC messages, before the SDK sees them.
@Suite("MCP: input that is not a message")
struct JSONLineTransportTests {
    func answer(_ line: String) throws -> Value? {
        guard let data = JSONLineTransport.refusal(of: Data(line.utf8)) else { return nil }
        return try Value.parseJSON(String(decoding: data, as: UTF8.self))
    }

    @Test("a line that is not JSON gets a parse error with id null")
    func notJSON() throws {
        let answer = try #require(try answer("{not json"))
        #expect(answer["jsonrpc"] == "2.0")
        #expect(answer["id"] == .null)
        #expect(answer["error"]?["code"] == -32700)
    }

    @Test("JSON that is not a message gets an invalid request, keeping a usable id")
    func notAMessage() throws {
        #expect(try answer("42")?["error"]?["code"] == -32600)
        #expect(try answer(#"{"id": 7, "method": "ping"}"#)?["error"]?["code"] == -32600)
        #expect(try answer(#"{"jsonrpc": "2.0", "id": 7, "method": 3}"#)?["id"] == 7)
        #expect(try answer(#"{"jsonrpc": "2.0", "id": {"x": 1}, "method": "ping"}"#)?["id"] == .null)
        #expect(try answer(#"{"jsonrpc": "2.0", "id": 8}"#)?["error"]?["code"] == -32600)
    }

    @Test("requests, notifications, responses and batches pass")
    func messagesPass() throws {
        #expect(try answer(#"{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}"#) == nil)
        #expect(try answer(#"{"jsonrpc": "2.0", "method": "notifications/initialized"}"#) == nil)
        #expect(try answer(#"{"jsonrpc": "2.0", "id": "a", "result": {}}"#) == nil)
        #expect(try answer(#"[{"jsonrpc": "2.0", "id": 1, "method": "ping"}]"#) == nil)
    }
}
