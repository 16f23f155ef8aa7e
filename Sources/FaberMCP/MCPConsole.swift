import FaberCore
import Foundation

/// The console of runs started from MCP: nobody can answer a question (confirmations come from
/// the call's `confirm` argument), and diagnostics go to stderr, never to stdout, which carries
/// the protocol.
struct MCPConsole: Console {
    var isInteractive: Bool { false }

    func confirm(_ message: String) async -> Bool? { nil }

    func diagnostic(_ line: String) {
        FileHandle.standardError.write(Data(("faber mcp: " + line + "\n").utf8))
    }
}
