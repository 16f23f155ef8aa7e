import AsyncHTTPClient
import FaberCore
import FaberTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import FaberAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback TCP server that answers every request with bytes that are not HTTP (an SSH banner),
/// as a wrong port in an endpoint URL would.
final class NotHTTPServer: Sendable {
    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    private let channel: any Channel
    private let counter: Counter
    let port: Int

    private init(channel: any Channel, counter: Counter) {
        self.channel = channel
        self.counter = counter
        self.port = channel.localAddress?.port ?? 0
    }

    static func start() async throws -> NotHTTPServer {
        let counter = Counter()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counter.value.withLock { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Banner())
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return NotHTTPServer(channel: channel, counter: counter)
    }

    var connections: Int { counter.value.withLock { $0 } }

    func shutdown() async { try? await channel.close() }

    private final class Banner: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var answered = false

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !answered else { return }
            answered = true
            let banner = context.channel.allocator.buffer(string: "SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n")
            context.writeAndFlush(wrapOutboundOut(banner), promise: nil)
        }
    }
}

/// Words that only appear when a Swift error value is printed as is.
let swiftDumpMarkers = [
    "handshakeFailed", "NIOSSL", "BoringSSL", "sslError", "HTTPClientError", "HTTPParserError", "invalid constant string",
    "IOError", "errno", "ChannelError", "NIOConnectionError", "SocketAddressError", "connectTimeout", "(descriptor:",
]

func expectPlain(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for marker in swiftDumpMarkers {
        #expect(!text.contains(marker), "'\(marker)' in: \(text)", sourceLocation: sourceLocation)
    }
}

@Suite("Transport failures: plain sentences, secrets masked")
struct TransportFailureTests {
    @Test func httpsToAServerWithoutTLSSaysToUseHTTP() async throws {
        try await withServer([]) { server in
            let endpoint = "https://127.0.0.1:\(server.port)"
            let error = try #require(
                await withClient(endpoint: endpoint) { client in
                    await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:]) }
                })
            #expect(error.code == AWSError.unreachableCode)
            #expect(error.exitStatus == .unavailable)
            #expect(
                error.message == "cannot reach the AWS endpoint \(endpoint) for AWS logs DescribeLogGroups: the server at "
                    + "127.0.0.1:\(server.port) does not speak TLS; use http:// instead of https:// in the endpoint URL, or fix the port")
            expectPlain(error.description)
        }
    }

    @Test func aServerThatDoesNotSpeakHTTPIsNamedPlainly() async throws {
        let server = try await NotHTTPServer.start()
        defer { Task { await server.shutdown() } }
        let endpoint = "http://127.0.0.1:\(server.port)"
        let trace = AWSCallTrace()
        let error = try #require(
            await withClient(endpoint: endpoint, trace: trace) { client in
                await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
            })
        #expect(error.code == AWSError.unreachableCode)
        #expect(error.exitStatus == .unavailable)
        #expect(
            error.message.hasSuffix(
                ": the server at 127.0.0.1:\(server.port) did not answer in HTTP; check the port in the "
                    + "endpoint URL, and use https:// if the server expects TLS"))
        expectPlain(error.description)
        #expect(server.connections == 1)  // not retried
        #expect(trace.recorded.first?.errorCode == AWSError.unreachableCode)
    }

    @Test func anEndpointURLThatCannotBeUsedIsAUsageError() async throws {
        let error = try #require(
            await withClient(endpoint: "http://127.0.0.1:notaport") { client in
                await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
            })
        #expect(error.code == AWSError.invalidEndpointCode)
        #expect(error.exitStatus == .usage)
        #expect(
            error.message == "the AWS endpoint http://127.0.0.1:notaport for AWS ecs ListClusters is not a usable URL: "
                + "write it as http://host:port or https://host[/path]")
        #expect(error.hint?.contains("endpoint_url") == true)
    }

    @Test func aPasswordInTheEndpointIsNeverShown() async throws {
        let port = LoopbackHTTP.freePort()
        let endpoint = "http://admin:hunter2@127.0.0.1:\(port)"
        let console = TestConsole()
        let trace = AWSCallTrace(onCall: { console.diagnostic($0.line) })
        let error = try #require(
            await withClient(endpoint: endpoint, trace: trace) { client in
                await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:]) }
            })
        #expect(error.code == AWSError.unreachableCode)
        #expect(error.endpoint == "http://admin:***@127.0.0.1:\(port)")
        #expect(
            error.message == "cannot reach the AWS endpoint http://admin:***@127.0.0.1:\(port) for AWS logs DescribeLogGroups: "
                + "connection refused: nothing listens on 127.0.0.1:\(port) (is the service running? is the port right?)")
        #expect(!error.description.contains("hunter2"))
        #expect(console.lines.count == 1)
        #expect(!(console.lines + [trace.summary.line]).joined().contains("hunter2"))
    }

    @Test func aPasswordInTheEndpointIsMaskedInServiceFailureHints() async throws {
        try await withServer([.json(503, "{}"), .json(503, "{}"), .json(503, "{}")]) { server in
            let endpoint = "http://admin:hunter2@127.0.0.1:\(server.port)"
            let error = try #require(
                await withClient(endpoint: endpoint, retry: RetryTests.halfJitter) { client in
                    await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
                })
            #expect(server.requests.count == 3)  // the calls still go to 127.0.0.1
            #expect(error.exitStatus == .unavailable)
            #expect(error.hint?.hasSuffix("check the health of the service at http://admin:***@127.0.0.1:\(server.port)") == true)
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test(arguments: [
        ("http://admin:hunter2@127.0.0.1:1", "http://admin:***@127.0.0.1:1"),
        ("https://token@example.com/base", "https://***@example.com/base"),
        ("http://a:p@ss@host:5000/x?y=@z", "http://a:***@host:5000/x?y=@z"),
        ("admin:hunter2@127.0.0.1:5000", "admin:***@127.0.0.1:5000"),
        ("http://127.0.0.1:5000/@path", "http://127.0.0.1:5000/@path"),
        ("https://logs.eu-west-1.amazonaws.com", "https://logs.eu-west-1.amazonaws.com"),
    ])
    func userInfoIsRedacted(_ url: String, _ shown: String) {
        #expect(AWSEndpoints.redactingUserInfo(url) == shown)
    }

    @Test func transportErrorsBecomeSentences() {
        let cases: [(any Error, String, String)] = [
            (HTTPClientError.invalidURL, AWSError.invalidEndpointCode, "write it as http://host:port or https://host[/path]"),
            (HTTPClientError.remoteConnectionClosed, AWSError.connectionClosedCode, "the server closed the connection without an answer"),
            (
                HTTPClientError.tlsHandshakeTimeout, AWSError.timeoutCode,
                "the TLS handshake with h:1 did not finish in time; check that the server speaks https on that port"
            ),
            (
                HTTPClientError.proxyAuthenticationRequired, AWSError.unreachableCode,
                "the proxy in between refused or broke the connection; check the proxy settings"
            ),
            (
                HTTPClientError.alreadyShutdown, AWSTransportFailure.clientShutDownCode,
                "faber's HTTP client was already shut down (a faber bug: please report it)"
            ),
            (
                HTTPClientError.unsupportedScheme("ftp"), AWSError.connectionClosedCode,
                "the HTTP exchange with h:1 failed; check the endpoint URL and the network"
            ),
            (
                IOError(errnoCode: ECONNRESET, reason: "read"), AWSError.connectionClosedCode,
                "the connection was reset (by the server, a proxy or a firewall)"
            ),
            (
                IOError(errnoCode: ENETUNREACH, reason: "connect"), AWSError.unreachableCode,
                "no route to h:1; check the network (VPN, proxy, firewall)"
            ),
            (IOError(errnoCode: EACCES, reason: "connect"), AWSError.unreachableCode, "the connection to h:1 failed: permission denied"),
            (ChannelError.eof, AWSError.connectionClosedCode, "the connection was closed before the answer was complete"),
            (
                ChannelError.connectTimeout(.seconds(5)), AWSError.timeoutCode,
                "could not connect to h:1 in time; check the host, the port and any firewall in between"
            ),
            (
                SocketAddressError.failedToParseIPString("999.1.1.1"), AWSError.invalidEndpointCode,
                "the host in the endpoint URL is not a usable address; write a host name or an IP address, e.g. http://127.0.0.1:5000"
            ),
            (
                CancellationError(), AWSError.unreachableCode,
                "the connection to h:1 failed for an unexpected reason; check the endpoint URL and the network"
            ),
        ]
        for (error, code, message) in cases {
            let result = AWSTransportFailure.classify(error, timeout: 30, host: "h:1")
            #expect(result.code == code, "\(error)")
            #expect(result.message == message, "\(error)")
            expectPlain(result.message)
        }
        // Retry decisions follow the code: a reset is retried, a bad URL or a shut-down client is not.
        func kind(_ code: String) -> AWSRetryPolicy.Failure {
            AWSClient.failureKind(of: AWSError(service: "s", operation: "o", code: code, awsMessage: "", endpoint: "http://x"))
        }
        #expect(kind(AWSError.connectionClosedCode) == .transient)
        #expect(kind(AWSError.invalidEndpointCode) == .notRetryable)
        #expect(kind(AWSTransportFailure.clientShutDownCode) == .notRetryable)
    }
}
