import AsyncHTTPClient
import FaberCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a transport error (no HTTP answer) into an AWS error code and a readable reason:
/// `Unreachable` (refused, DNS, no route: not retried), `Timeout` (connect or answer too slow:
/// retried at the timeout cost) or `ConnectionClosed` (reset mid-call: retried).
enum AWSTransportFailure {
    static func classify(_ error: any Error, timeout: Double) -> (code: String, message: String) {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return (AWSError.timeoutCode, "could not connect in time")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return (AWSError.timeoutCode, "no complete answer within \(DurationText.format(seconds: timeout))")
            case .remoteConnectionClosed:
                return (AWSError.connectionClosedCode, "the server closed the connection without an answer")
            case .invalidURL, .emptyHost, .emptyScheme:
                return (AWSError.unreachableCode, "invalid endpoint URL (\(error))")
            default:
                return (AWSError.connectionClosedCode, "\(error)")
            }
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return (AWSError.unreachableCode, "the host name '\(error.host)' does not resolve")
            }
            if let first = error.connectionErrors.first {
                return classify(first.error, timeout: timeout)
            }
            return (AWSError.unreachableCode, "could not connect to \(error.host):\(error.port)")
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return (AWSError.timeoutCode, "could not connect in time")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return (AWSError.connectionClosedCode, "the connection was closed (\(error))")
            default: return (AWSError.connectionClosedCode, "\(error)")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return (AWSError.unreachableCode, "connection refused (is the service running?)")
            case EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return (AWSError.unreachableCode, "no route to the host")
            case ETIMEDOUT: return (AWSError.timeoutCode, "the connection timed out")
            case ECONNRESET, EPIPE, ECONNABORTED: return (AWSError.connectionClosedCode, "the connection was reset")
            default: return (AWSError.unreachableCode, "\(error)")
            }
        }
        return (AWSError.unreachableCode, "\(error)")
    }
}
