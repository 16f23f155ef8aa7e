import AsyncHTTPClient
import FaberCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a transport error (no HTTP answer) into an AWS error code and a plain sentence that says
/// what went wrong and what to check -- never the Swift value of the error (`handshakeFailed(...)`,
/// `invalid constant string`):
///
/// - `Unreachable`: refused, DNS, no route, TLS failures, a server that does not speak HTTP (not retried);
/// - `Timeout`: connect or answer too slow (retried at the timeout cost);
/// - `ConnectionClosed`: reset or cut mid-call (retried);
/// - `InvalidEndpoint`: the endpoint URL cannot be used (not retried, exit 64).
enum AWSTransportFailure {
    /// faber's own HTTP client was shut down while a call still used it: a bug, not retried.
    static let clientShutDownCode = "ClientShutDown"

    /// `host` is the endpoint's `host[:port]` (never with a user or password), `scheme` `http` or `https`.
    static func classify(_ error: any Error, timeout: Double, host: String, scheme: String = "https") -> (code: String, message: String) {
        if let error = error as? HTTPClientError {
            return classify(error, timeout: timeout, host: host, scheme: scheme)
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return unresolvable(error.host)
            }
            if let first = error.connectionErrors.first {
                return classify(first.error, timeout: timeout, host: host, scheme: scheme)
            }
            return (AWSError.unreachableCode, "could not connect to \(host); check the host and port in the endpoint URL and the network")
        }
        if let error = error as? SocketAddressError.UnknownHost {
            return unresolvable(error.host)
        }
        if let error = error as? SocketAddressError {
            switch error {
            case .unsupported, .unixDomainSocketPathTooLong, .failedToParseIPString:
                return (
                    AWSError.invalidEndpointCode,
                    "the host in the endpoint URL is not a usable address; write a host name or an IP address, e.g. http://127.0.0.1:5000"
                )
            default:  // .unknown (deprecated): the name did not resolve
                return unresolvable(host)
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return (AWSError.timeoutCode, "could not connect to \(host) in time; check the host, the port and any firewall in between")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return (AWSError.connectionClosedCode, "the connection was closed before the answer was complete")
            default:
                return (AWSError.connectionClosedCode, "the connection to \(host) failed unexpectedly")
            }
        }
        if let error = error as? IOError {
            return classify(errno: error.errnoCode, host: host)
        }
        switch String(reflecting: type(of: error)) {
        // Errors of modules faber does not link directly (swift-nio-ssl, NIOHTTP1), told apart by type name.
        case let name where name.hasPrefix("NIOSSL."):
            return tlsFailure(String(describing: error), typeName: name, host: host)
        case "NIOHTTP1.HTTPParserError":
            return (
                AWSError.unreachableCode,
                "the server at \(host) did not answer in HTTP; check the port in the endpoint URL"
                    + (scheme == "http" ? ", and use https:// if the server expects TLS" : "")
            )
        default:
            return (
                AWSError.unreachableCode,
                "the connection to \(host) failed for an unexpected reason; check the endpoint URL and the network"
            )
        }
    }

    private static func classify(_ error: HTTPClientError, timeout: Double, host: String, scheme: String) -> (code: String, message: String) {
        switch error {
        case .connectTimeout, .getConnectionFromPoolTimeout:
            return (AWSError.timeoutCode, "could not connect to \(host) in time; check the host, the port and any firewall in between")
        case .tlsHandshakeTimeout:
            return (AWSError.timeoutCode, "the TLS handshake with \(host) did not finish in time; check that the server speaks https on that port")
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return (AWSError.timeoutCode, "no complete answer within \(DurationText.format(seconds: timeout))")
        case .remoteConnectionClosed:
            return (AWSError.connectionClosedCode, "the server closed the connection without an answer")
        case .bodyLengthMismatch:
            return (AWSError.connectionClosedCode, "the answer was cut short")
        case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
            return (AWSError.invalidEndpointCode, "write it as http://host:port or https://host[/path]")
        case .redirectLimitReached, .redirectCycleDetected:
            return (AWSError.unreachableCode, "the server at \(host) redirected the request; use the address it redirects to as the endpoint")
        case .invalidProxyResponse, .proxyAuthenticationRequired, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
            return (AWSError.unreachableCode, "the proxy in between refused or broke the connection; check the proxy settings")
        case .identityCodingIncorrectlyPresent, .contentLengthMissing:
            return (
                AWSError.unreachableCode,
                "the server at \(host) did not answer in valid HTTP; check that the endpoint URL points to the AWS service (or the emulator)"
            )
        case .alreadyShutdown, .shutdownUnsupported, .uncleanShutdown:
            return (clientShutDownCode, "faber's HTTP client was already shut down (a faber bug: please report it)")
        default:
            return (AWSError.connectionClosedCode, "the HTTP exchange with \(host) failed; check the endpoint URL and the network")
        }
    }

    private static func classify(errno code: Int32, host: String) -> (code: String, message: String) {
        switch code {
        case ECONNREFUSED:
            return (AWSError.unreachableCode, "connection refused: nothing listens on \(host) (is the service running? is the port right?)")
        case EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL:
            return (AWSError.unreachableCode, "no route to \(host); check the network (VPN, proxy, firewall)")
        case ETIMEDOUT:
            return (AWSError.timeoutCode, "the connection to \(host) timed out; check the host, the port and any firewall in between")
        case ECONNRESET, EPIPE, ECONNABORTED:
            return (AWSError.connectionClosedCode, "the connection was reset (by the server, a proxy or a firewall)")
        default:
            return (AWSError.unreachableCode, "the connection to \(host) failed: \(String(cString: strerror(code)).lowercased())")
        }
    }

    private static func unresolvable(_ name: String) -> (code: String, message: String) {
        (AWSError.unreachableCode, "the host name '\(name)' does not resolve; check its spelling in the endpoint URL and the network's DNS")
    }

    /// swift-nio-ssl errors. Their text (BoringSSL's reason codes) is read to pick the sentence, never shown.
    private static func tlsFailure(_ text: String, typeName: String, host: String) -> (code: String, message: String) {
        let upper = text.uppercased()
        if upper.contains("WRONG_VERSION_NUMBER") || upper.contains("HTTP_REQUEST") || upper.contains("PACKET_LENGTH_TOO_LONG")
            || upper.contains("RECORD_TOO_LARGE")
        {
            return (
                AWSError.unreachableCode,
                "the server at \(host) does not speak TLS; use http:// instead of https:// in the endpoint URL, or fix the port"
            )
        }
        if upper.contains("CERTIFICATE") || upper.contains("HOSTNAME") || typeName.hasSuffix("NIOSSLExtraError") {
            return (
                AWSError.unreachableCode,
                "the TLS certificate of \(host) is not trusted (self-signed, expired or issued for another name); "
                    + "check the host name in the endpoint URL and the server's certificate"
            )
        }
        if upper.contains("UNCLEANSHUTDOWN") {
            return (AWSError.connectionClosedCode, "the TLS connection to \(host) was cut without being closed properly")
        }
        return (
            AWSError.unreachableCode,
            "the TLS handshake with \(host) failed; check the scheme and port in the endpoint URL (https:// only for a server "
                + "that speaks TLS) and the server's certificate"
        )
    }
}
