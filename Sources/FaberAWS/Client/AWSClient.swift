import AWSSigV4
import AsyncHTTPClient
import FaberCore
import Foundation
import NIOCore

/// Talks to AWS for one faber environment: signs with SigV4, speaks the JSON, rest-json, query,
/// ec2 and rest-xml protocols (see `AWSClient+JSON.swift` and friends), retries with the standard
/// policy, respects the per-service rate limits and records every call in the trace.
///
/// One `HTTPClient`, limiter and trace are shared by all clients of a run (`AWSClients`).
public final class AWSClient: Sendable {
    public let connection: AWSConnection
    public let http: HTTPClient
    public let retry: AWSRetryPolicy
    public let trace: AWSCallTrace?
    public let limiter: AWSRateLimiter
    public let quota: AWSRetryQuota
    /// Seconds one attempt may take, response body included.
    public let timeout: Double
    /// Largest response body read; larger ones fail with `ResponseTooLarge`.
    public let maxResponseBytes: Int
    let clock: any FaberClock

    public init(
        connection: AWSConnection, http: HTTPClient, retry: AWSRetryPolicy = .standard, trace: AWSCallTrace? = nil,
        limiter: AWSRateLimiter? = nil, clock: any FaberClock = SystemClock(), timeout: Double = 30,
        maxResponseBytes: Int = 64 << 20
    ) {
        self.connection = connection
        self.http = http
        self.retry = retry
        self.trace = trace
        self.clock = clock
        self.limiter = limiter ?? AWSRateLimiter(clock: clock)
        self.quota = AWSRetryQuota(capacity: retry.quotaCapacity)
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// An `HTTPClient` set up for AWS calls: pooled connections, a connect timeout, and no silent
    /// retrying of refused connections (a refused endpoint must fail fast with exit 69).
    /// The caller shuts it down (`AWSClients` does it at the end of the run).
    public static func makeHTTPClient(connectTimeout: Double = 5, maxConnectionsPerHost: Int = 16) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .milliseconds(Int64(connectTimeout * 1000))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// One request in wire form; protocols build it, `perform` signs, sends and retries it.
    struct Request: Sendable {
        var service: AWSService
        var operation: String
        var method: String
        /// Percent-encoded path (without the endpoint's base path) and query string.
        var path: String
        var query: String = ""
        /// Headers to send and sign (besides Host and the signer's own).
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        /// S3 signing: path signed as is, `x-amz-content-sha256` sent.
        var s3Signing = false
        /// Statuses that are not errors (S3 HEAD answers 404 for a missing bucket, say) -- none by default.
        var acceptedStatuses: Set<Int> = []
    }

    /// Sends `request` with retries; returns the 2xx response or throws `AWSError`.
    ///
    /// Every call that sent at least one attempt ends up in the trace, however it ends: with its answer,
    /// with the error of its last attempt, or -- when the run cancels it (a step timeout, another step
    /// failing, Ctrl-C) -- with no status and `error=Cancelled` (and `CancellationError` is rethrown).
    func perform(_ request: Request) async throws -> AWSResponse {
        let serviceName = request.service.traceName
        let endpointURL = "\(connection.endpoint(for: request.service))"
        guard let endpoint = AWSEndpoint(endpointURL) else {
            throw failure(
                request, code: AWSError.invalidEndpointCode,
                message: "write it as http://host:port or https://host[/path]", endpoint: endpointURL)
        }
        let started = clock.now()
        var attempt = 1
        var sent = 0  // attempts that reached the network
        var recorded = false
        var lastRetryCost: Int?
        do {
            while true {
                try Task.checkCancellation()
                let outcome: Result<AWSResponse, AWSError>
                do {
                    let response = try await limiter.withPermit(service: request.service.wireSigningName, operation: request.operation) {
                        let credentials = try await connection.credentials.credentials()
                        sent += 1
                        return try await send(request, credentials: credentials, to: endpoint, endpointURL: endpointURL)
                    }
                    if (200..<300).contains(response.status) || request.acceptedStatuses.contains(response.status) {
                        outcome = .success(response)
                    } else {
                        outcome = .failure(serviceError(request, response, endpointURL: endpointURL))
                    }
                } catch let error as AWSError {
                    outcome = .failure(error)
                }

                switch outcome {
                case .success(let response):
                    quota.release(lastRetryCost ?? retry.noRetryIncrement)
                    recorded = true
                    record(request, serviceName, status: response.status, error: nil, started: started, retries: attempt - 1)
                    return response
                case .failure(var error):
                    error.attempts = attempt
                    let kind = Self.failureKind(of: error)
                    if kind != .notRetryable, attempt < retry.maxAttempts, !Task.isCancelled, quota.acquire(retry.cost(of: kind)) {
                        lastRetryCost = retry.cost(of: kind)
                        try await clock.sleep(seconds: retry.delay(afterAttempt: attempt, retryAfter: error.retryAfter))
                        attempt += 1
                        continue
                    }
                    recorded = true
                    record(request, serviceName, status: error.httpStatus, error: error.code, started: started, retries: attempt - 1)
                    throw error
                }
            }
        } catch {
            // Cancelled (during an attempt, a backoff or a wait for the rate limiter) or no credentials for a
            // retry: the call still shows in the trace when something was sent.
            if !recorded, sent > 0 {
                let code = error is CancellationError || Task.isCancelled ? Self.cancelledCode : Self.credentialsFailedCode
                record(request, serviceName, status: nil, error: code, started: started, retries: sent - 1)
            }
            throw error
        }
    }

    /// Trace codes of calls that ended without an AWS error: cancelled by the run, or credentials that
    /// could not be had for a retry.
    static let cancelledCode = "Cancelled"
    static let credentialsFailedCode = "CredentialsUnavailable"

    static func failureKind(of error: AWSError) -> AWSRetryPolicy.Failure {
        switch error.code {
        case AWSError.timeoutCode: .timeout
        case AWSError.connectionClosedCode: .transient
        case AWSError.unreachableCode, AWSError.invalidEndpointCode, "ResponseTooLarge", "InvalidResponse", AWSTransportFailure.clientShutDownCode:
            .notRetryable
        default: AWSRetryPolicy.classify(code: error.code, httpStatus: error.httpStatus)
        }
    }

    private func record(_ request: Request, _ serviceName: String, status: Int?, error: String?, started: Double, retries: Int) {
        trace?.record(
            AWSCallTrace.Call(
                service: serviceName, operation: request.operation, status: status, errorCode: error,
                start: started, end: clock.now(), retries: retries))
    }

    /// One signed attempt. Transport failures come back as `AWSError` (Unreachable, Timeout, ConnectionClosed,
    /// InvalidEndpoint) with a plain reason; cancellation as `CancellationError`.
    private func send(
        _ request: Request, credentials: SigV4Credentials, to endpoint: AWSEndpoint, endpointURL: String
    ) async throws -> AWSResponse {
        let signer = SigV4Signer(
            credentials: credentials, region: connection.signingRegion(for: request.service), service: request.service.wireSigningName)
        var headers: [(name: String, value: String)] = [("Host", endpoint.hostHeader)]
        headers += request.headers.map { (name: $0.0, value: $0.1) }
        let wirePath = endpoint.wirePath(request.path)
        let signed = signer.signedHeaders(
            method: request.method, path: wirePath, query: request.query, headers: headers,
            bodySHA256: SigV4Signer.sha256Hex(request.body), date: Date(),
            normalizePath: !request.s3Signing, contentSHA256Header: request.s3Signing)

        var http = HTTPClientRequest(url: endpoint.url(path: request.path, query: request.query))
        http.method = .RAW(value: request.method)
        for (name, value) in headers + signed { http.headers.add(name: name, value: value) }
        http.headers.add(name: "User-Agent", value: "faber/0.1")
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            http.body = .bytes(ByteBuffer(bytes: request.body))
        }

        do {
            let response = try await self.http.execute(http, timeout: .milliseconds(Int64(timeout * 1000)))
            var headerPairs: [(String, String)] = []
            for header in response.headers { headerPairs.append((header.name, header.value)) }
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            return AWSResponse(status: Int(response.status.code), headers: headerPairs, body: Array(buffer: buffer))
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw failure(
                request, code: "ResponseTooLarge",
                message: "the response is larger than \(maxResponseBytes >> 20) MiB", endpoint: endpointURL)
        } catch {
            if error is CancellationError || (error as? HTTPClientError) == .cancelled { throw CancellationError() }
            let (code, message) = AWSTransportFailure.classify(error, timeout: timeout, host: endpoint.hostHeader, scheme: endpoint.scheme)
            throw failure(request, code: code, message: message, endpoint: endpointURL)
        }
    }

    /// An error that came with a response: code and message read whatever the body format.
    private func serviceError(_ request: Request, _ response: AWSResponse, endpointURL: String) -> AWSError {
        let parsed = AWSErrorParser.parse(status: response.status, headers: response.headers, body: response.body)
        var error = failure(request, code: parsed.code, message: parsed.message, endpoint: endpointURL)
        error.httpStatus = response.status
        error.requestID = parsed.requestID
        error.answeredWithoutAWSError = !parsed.hasAWSCode && Self.mayComeFromElsewhere(method: request.method, status: response.status)
        if let value = response.header("Retry-After"), let seconds = Double(value.trimmingWhitespace()) {
            error.retryAfter = seconds
        }
        return error
    }

    /// Whether an error answer with no AWS error code in it (no code in the headers, the JSON or the XML)
    /// may come from a server that is not AWS: not for HEAD (S3 answers those without a body), 401/403
    /// (refused credentials stay exit 77), 429 (throttling) and the 5xx the standard retry mode retries
    /// (an AWS front end failing); any other status (a web server's 404 or 501) does.
    static func mayComeFromElsewhere(method: String, status: Int) -> Bool {
        method != "HEAD" && ![401, 403, 429].contains(status) && !AWSRetryPolicy.transientStatuses.contains(status)
    }

    func failure(_ request: Request, code: String, message: String, endpoint: String) -> AWSError {
        var error = AWSError(
            service: request.service.traceName, operation: request.operation, code: code, awsMessage: message,
            endpoint: endpoint,
            iamAction: AWSIAMAction.name(signingName: request.service.wireSigningName, operation: request.operation, method: request.method),
            environment: connection.environment, profile: connection.profile)
        error.endpointSource = connection.endpointSource(for: request.service)
        error.endpointVariable = request.service.endpointEnvironmentVariable
        return error
    }
}
