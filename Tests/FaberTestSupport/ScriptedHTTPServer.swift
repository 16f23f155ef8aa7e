import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A local HTTP server (127.0.0.1, a free port) that answers a queue of canned replies, one per
/// request, and records every request it got. For unit tests of the AWS client's transport,
/// retries and error parsing: throttling errors, 5xx, `Retry-After`, slow answers, closed connections.
///
/// ```swift
/// let server = try await ScriptedHTTPServer.start([.json(400, #"{"__type":"ThrottlingException"}"#), .json(200, "{}")])
/// defer { Task { await server.shutdown() } }
/// ... call server.endpoint ...
/// #expect(server.requests.count == 2)
/// ```
public final class ScriptedHTTPServer: Sendable {
    /// What to do with one request.
    public enum Reply: Sendable {
        /// Answer with `status`, `headers` and `body` after `delay` seconds.
        case respond(status: Int, headers: [(String, String)], body: [UInt8], delay: Double)
        /// Close the connection without answering.
        case closeConnection

        public static func json(_ status: Int, _ body: String, headers: [(String, String)] = [], delay: Double = 0) -> Reply {
            .respond(status: status, headers: [("Content-Type", "application/x-amz-json-1.1")] + headers, body: Array(body.utf8), delay: delay)
        }

        public static func xml(_ status: Int, _ body: String, headers: [(String, String)] = [], delay: Double = 0) -> Reply {
            .respond(status: status, headers: [("Content-Type", "text/xml")] + headers, body: Array(body.utf8), delay: delay)
        }

        public static func empty(_ status: Int, headers: [(String, String)] = [], delay: Double = 0) -> Reply {
            .respond(status: status, headers: headers, body: [], delay: delay)
        }
    }

    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// Path and query as sent (`/2015-03-31/functions?Marker=x`).
        public var uri: String
        public var headers: [(String, String)]
        public var body: [UInt8]

        public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        public var query: String { uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
        public var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// The first header called `name` (any case).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    private struct State {
        var replies: [Reply] = []
        var requests: [Request] = []
    }

    private let state: Mutex<State>
    private let channel: any Channel
    /// `http://127.0.0.1:<port>`
    public let endpoint: String
    public let port: Int

    private init(channel: any Channel, port: Int, replies: [Reply]) {
        self.channel = channel
        self.port = port
        self.endpoint = "http://127.0.0.1:\(port)"
        self.state = Mutex(State(replies: replies))
    }

    /// Starts a server on a free loopback port with `replies` queued.
    public static func start(_ replies: [Reply] = []) async throws -> ScriptedHTTPServer {
        let box = ServerBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ScriptedHTTPHandler(box: box))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedHTTPServer(channel: channel, port: channel.localAddress?.port ?? 0, replies: replies)
        box.server.withLock { $0 = server }
        return server
    }

    /// Adds replies at the end of the queue.
    public func enqueue(_ replies: Reply...) {
        state.withLock { $0.replies += replies }
    }

    /// Every request received so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Replies not used yet.
    public var pendingReplies: Int { state.withLock { $0.replies.count } }

    /// Records `request` and takes the next reply; with none left, a 500 that says so.
    func next(for request: Request) -> Reply {
        state.withLock { state in
            state.requests.append(request)
            guard !state.replies.isEmpty else {
                return .json(500, #"{"__type":"NoScriptedReply","message":"the test server has no reply left"}"#)
            }
            return state.replies.removeFirst()
        }
    }

    public func shutdown() async {
        try? await channel.close()
    }
}

/// Lets the child channels find the server, which exists only once the bind finished.
final class ServerBox: Sendable {
    let server = Mutex<ScriptedHTTPServer?>(nil)
}
