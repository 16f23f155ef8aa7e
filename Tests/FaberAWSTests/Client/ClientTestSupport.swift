import AWSSigV4
import AsyncHTTPClient
import FaberCore
import FaberTestSupport
import Foundation
import Synchronization
import Testing

@testable import FaberAWS

/// Test credentials: never real, and the secret is checked not to leak.
let testCredentials = SigV4Credentials(accessKeyID: "AKIDFABERTEST", secretAccessKey: "faber-test-secret-never-printed")

func testConnection(endpoint: String, credentials: SigV4Credentials = testCredentials, environment: String = "test") -> AWSConnection {
    AWSConnection(
        environment: environment, region: "us-east-1", profile: nil,
        credentials: StaticCredentialProvider(credentials, source: "tests"),
        endpoints: AWSEndpoints(globalOverride: endpoint))
}

/// Runs `body` with a client for `endpoint` and shuts its HTTP client down afterwards. The default
/// timeout is generous: moto answers slowly while the whole suite runs on two cores, and a call
/// retried after a timeout is done twice (a PutMetricData stores its points twice). Tests of
/// timeouts pass their own.
func withClient<T>(
    endpoint: String, credentials: SigV4Credentials = testCredentials, retry: AWSRetryPolicy = .standard,
    clock: TestClock = TestClock(), timeout: Double = 60, trace: AWSCallTrace? = AWSCallTrace(),
    maxResponseBytes: Int = 64 << 20, _ body: (AWSClient) async throws -> T
) async throws -> T {
    let http = AWSClient.makeHTTPClient()
    let client = AWSClient(
        connection: testConnection(endpoint: endpoint, credentials: credentials), http: http, retry: retry, trace: trace,
        limiter: AWSRateLimiter(limits: .unpaced(), clock: clock), clock: clock, timeout: timeout,
        maxResponseBytes: maxResponseBytes)
    do {
        let result = try await body(client)
        try await http.shutdown()
        return result
    } catch {
        try? await http.shutdown()
        throw error
    }
}

/// Runs `body` against a scripted server with `replies` queued; the server is shut down afterwards.
func withServer<T>(_ replies: [ScriptedHTTPServer.Reply], _ body: (ScriptedHTTPServer) async throws -> T) async throws -> T {
    let server = try await ScriptedHTTPServer.start(replies)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// The AWSError `body` throws (fails the test when it throws none or another error).
func awsError(_ body: () async throws -> Void) async -> AWSError? {
    do {
        try await body()
        return nil
    } catch let error as AWSError {
        return error
    } catch {
        Issue.record("expected an AWSError, got \(error)")
        return nil
    }
}

/// Form fields of a query-protocol body, decoded.
func formFields(_ body: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in body.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        fields[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    return fields
}

/// A unique name for data in the shared moto server (tests run in parallel).
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}
