import NIOCore
import NIOHTTP1

/// One connection of `ScriptedHTTPServer`: gathers each request, asks the server for the reply and
/// plays it (after its delay, or by closing the connection).
final class ScriptedHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let box: ServerBox
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(box: ServerBox) {
        self.box = box
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head, let server = box.server.withLock({ $0 }) else { return }
            let request = ScriptedHTTPServer.Request(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
            self.head = nil
            play(server.next(for: request), keepAlive: head.isKeepAlive, context: context)
        }
    }

    private func play(_ reply: ScriptedHTTPServer.Reply, keepAlive: Bool, context: ChannelHandlerContext) {
        switch reply {
        case .closeConnection:
            context.close(promise: nil)
        case .respond(let status, let headers, let body, let delay):
            let write = {
                var responseHeaders = HTTPHeaders(headers)
                responseHeaders.replaceOrAdd(name: "Content-Length", value: String(body.count))
                responseHeaders.replaceOrAdd(name: "x-amzn-RequestId", value: "test-request-id")
                if !keepAlive { responseHeaders.replaceOrAdd(name: "Connection", value: "close") }
                let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: responseHeaders)
                context.write(self.wrapOutboundOut(.head(head)), promise: nil)
                if !body.isEmpty {
                    context.write(self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
                }
                let done = context.writeAndFlush(self.wrapOutboundOut(.end(nil)))
                if !keepAlive { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
            }
            if delay > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay * 1000))) {
                    guard context.channel.isActive else { return }
                    write()
                }
            } else {
                write()
            }
        }
    }
}
