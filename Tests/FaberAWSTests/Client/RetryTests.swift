import FaberCore
import FaberOpsModel
import FaberTestSupport
import Testing

@testable import FaberAWS

@Suite("Retries: standard mode against the scripted server")
struct RetryTests {
    static let throttled = ScriptedHTTPServer.Reply.json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    /// Jitter fixed at 0.5 so delays are exact.
    static let halfJitter = AWSRetryPolicy(random: { 0.5 })

    @Test func throttlingThenSuccessIsRetried() async throws {
        let clock = TestClock()
        let trace = AWSCallTrace()
        try await withServer([Self.throttled, .json(200, #"{"services":[]}"#)]) { server in
            let quota = try await withClient(endpoint: server.endpoint, retry: Self.halfJitter, clock: clock, trace: trace) { client in
                let output = try await client.json(.ecs, "DescribeServices", ["cluster": "c"])
                #expect(output == ["services": []])
                return client.quota.available
            }
            #expect(server.requests.count == 2)
            #expect(clock.sleeps == [0.5])  // 0.5 * 2^0
            #expect(quota == 500)  // 5 taken for the retry, given back on success
            #expect(trace.recorded.map(\.retries) == [1])
            #expect(trace.recorded.first?.status == 200)
        }
    }

    @Test func accessDeniedIsNotRetried() async throws {
        try await withServer([.json(400, #"{"__type":"AccessDeniedException","message":"no"}"#), .json(200, "{}")]) { server in
            let error = try await withClient(endpoint: server.endpoint) { client in
                await awsError { _ = try await client.json(.ecs, "UpdateService", ["service": "s"]) }
            }
            #expect(error?.code == "AccessDeniedException")
            #expect(error?.iamAction == "ecs:UpdateService")
            #expect(server.requests.count == 1)
            #expect(server.pendingReplies == 1)
        }
    }

    @Test func givesUpAfterThreeAttemptsWithTheLastError() async throws {
        let clock = TestClock()
        let trace = AWSCallTrace()
        try await withServer([
            .json(500, #"{"__type":"InternalFailure","message":"first"}"#),
            Self.throttled,
            .json(503, #"{"__type":"ServiceUnavailable","message":"third"}"#),
            .json(200, "{}"),
        ]) { server in
            let (error, quota) = try await withClient(endpoint: server.endpoint, retry: Self.halfJitter, clock: clock, trace: trace) { client in
                (await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }, client.quota.available)
            }
            #expect(server.requests.count == 3)
            #expect(error?.code == "ServiceUnavailable")
            #expect(error?.awsMessage == "third")
            #expect(error?.httpStatus == 503)
            #expect(clock.sleeps == [0.5, 1.0])  // 0.5 * 2^0, 0.5 * 2^1
            #expect(quota == 490)
            #expect(trace.recorded.first?.retries == 2)
            #expect(trace.recorded.first?.errorCode == "ServiceUnavailable")
            #expect(trace.summary.failed == 1)
            // AWS kept failing: not a faber bug (70) but an unavailable service (69), with what to do.
            #expect(error?.attempts == 3)
            #expect(error?.exitStatus == .unavailable)
            #expect(error?.exitStatus.rawValue == 69)
            #expect(error?.hint?.contains("AWS kept failing (HTTP 503, 3 attempts)") == true)
            #expect(error?.hint?.contains("try again later") == true)
            #expect(error?.hint?.contains("the health of the service at \(server.endpoint)") == true)
        }
    }

    @Test func persistentServerErrorOfAnAWSEndpointPointsToTheHealthPage() {
        var error = AWSError(
            service: "ecs", operation: "ListClusters", code: "InternalFailure", awsMessage: "",
            httpStatus: 500, endpoint: "https://ecs.eu-west-1.amazonaws.com")
        error.attempts = 3
        #expect(error.exitStatus == .unavailable)
        #expect(
            error.hint == "AWS kept failing (HTTP 500, 3 attempts); this is on the service's side: try again later "
                + "or check the service health at https://health.aws.amazon.com/health/status")
        // 501 Not Implemented is not an outage; a 400 is a request faber got wrong.
        #expect(
            AWSError(
                service: "s3", operation: "PutBucketX", code: "NotImplemented", awsMessage: "", httpStatus: 501,
                endpoint: "http://x"
            ).exitStatus == .internalError)
        #expect(
            AWSError(
                service: "ecs", operation: "ListClusters", code: "ValidationException", awsMessage: "", httpStatus: 400,
                endpoint: "http://x"
            ).exitStatus == .internalError)
    }

    @Test func throttlingThatOutlastsTheRetriesIsUnavailableWithAConcurrencyHint() async throws {
        let trace = AWSCallTrace()
        try await withServer([Self.throttled, Self.throttled, Self.throttled, .json(200, "{}")]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint, retry: Self.halfJitter, trace: trace) { client in
                    await awsError { _ = try await client.json(.cloudWatchLogs, "FilterLogEvents", [:]) }
                })
            #expect(server.requests.count == 3)
            #expect(error.code == "ThrottlingException")
            #expect(error.attempts == 3)
            #expect(error.exitStatus == .unavailable)
            let hint = try #require(error.hint)
            #expect(hint.contains("AWS kept throttling this account (ThrottlingException, 3 attempts)"))
            #expect(hint.contains("lower the concurrency"))
            #expect(hint.contains("try again later"))
            #expect(trace.recorded.map(\.line).first?.hasSuffix("retries=2 error=ThrottlingException") == true)
        }
    }

    @Test func aTooManyRequestsStatusIsThrottlingToo() async throws {
        try await withServer([.empty(429), .empty(429), .empty(429)]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint, retry: Self.halfJitter) { client in
                    await awsError { _ = try await client.restJSON(.lambda, "ListFunctions", method: "GET", path: "/2015-03-31/functions") }
                })
            #expect(error.httpStatus == 429)
            #expect(error.exitStatus == .unavailable)
            #expect(error.hint?.contains("lower the concurrency") == true)
        }
    }

    @Test func anUnreadableAnswerIsStillAnInternalError() async throws {
        try await withServer([.json(200, "this is not json")]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint) { client in
                    await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
                })
            #expect(error.code == "InvalidResponse")
            #expect(error.exitStatus == .internalError)
            #expect(error.exitStatus.rawValue == 70)
            #expect(server.requests.count == 1)
        }
    }

    @Test func retryAfterIsHonouredAndCapped() async throws {
        let clock = TestClock()
        try await withServer([
            .json(503, "{}", headers: [("Retry-After", "7")]),
            .json(503, "{}", headers: [("Retry-After", "120")]),
            .json(200, "{}"),
        ]) { server in
            _ = try await withClient(endpoint: server.endpoint, retry: Self.halfJitter, clock: clock) { client in
                try await client.json(.cloudWatch, "GetMetricData", [:])
            }
            #expect(clock.sleeps == [7, 20])
            #expect(server.requests.count == 3)
        }
    }

    @Test func slowAnswersTimeOutAreRetriedThenFailUnavailable() async throws {
        let clock = TestClock()
        try await withServer([
            .json(200, "{}", delay: 20), .json(200, "{}", delay: 20), .json(200, "{}", delay: 20),
        ]) { server in
            // Generous margins: the machine may be busy compiling while tests run.
            let (error, quota) = try await withClient(endpoint: server.endpoint, retry: Self.halfJitter, clock: clock, timeout: 1) { client in
                (await awsError { _ = try await client.json(.cloudWatchLogs, "FilterLogEvents", [:]) }, client.quota.available)
            }
            #expect(error?.code == AWSError.timeoutCode)
            #expect(error?.exitStatus == .unavailable)
            #expect(error?.message.contains(server.endpoint) == true)
            #expect(server.requests.count == 3)
            #expect(quota == 480)  // two timeout retries at 10 tokens each
        }
    }

    @Test func timeoutThenSuccess() async throws {
        try await withServer([.json(200, "{}", delay: 20), .json(200, #"{"ok":true}"#)]) { server in
            let output = try await withClient(endpoint: server.endpoint, timeout: 1.5) { client in
                try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:])
            }
            #expect(output == ["ok": true])
            #expect(server.requests.count == 2)
        }
    }

    @Test func closedConnectionIsRetried() async throws {
        let trace = AWSCallTrace()
        try await withServer([.closeConnection, .json(200, #"{"clusterArns":[]}"#)]) { server in
            let output = try await withClient(endpoint: server.endpoint, trace: trace) { client in
                try await client.json(.ecs, "ListClusters", [:])
            }
            #expect(output == ["clusterArns": []])
            #expect(server.requests.count == 2)
            #expect(trace.recorded.first?.retries == 1)
        }
    }

    @Test func connectionRefusedIsUnavailableAndNamesTheEndpoint() async throws {
        let port = LoopbackHTTP.freePort()
        let endpoint = "http://127.0.0.1:\(port)"
        let trace = AWSCallTrace()
        let clock = TestClock()
        let error = try await withClient(endpoint: endpoint, clock: clock, trace: trace) { client in
            await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:]) }
        }
        #expect(error?.code == AWSError.unreachableCode)
        #expect(error?.exitStatus == .unavailable)
        #expect(error?.exitStatus.rawValue == 69)
        #expect(error?.message.contains(endpoint) == true)
        #expect(error?.hint?.contains("endpoint_url") == true)
        #expect(clock.sleeps.isEmpty)
        #expect(trace.recorded.first?.status == nil)
        #expect(trace.recorded.first?.errorCode == AWSError.unreachableCode)
    }

    @Test func oversizedAnswersFailWithoutRetry() async throws {
        try await withServer([.json(200, "{\"data\":\"" + String(repeating: "x", count: 200) + "\"}")]) { server in
            let error = try await withClient(endpoint: server.endpoint, maxResponseBytes: 64) { client in
                await awsError { _ = try await client.json(.cloudWatchLogs, "GetLogEvents", [:]) }
            }
            #expect(error?.code == "ResponseTooLarge")
            #expect(server.requests.count == 1)
        }
    }

    @Test func emptyQuotaStopsRetries() async throws {
        let tiny = AWSRetryPolicy(quotaCapacity: 5, random: { 0.5 })
        try await withServer([Self.throttled, Self.throttled, Self.throttled]) { server in
            let error = try await withClient(endpoint: server.endpoint, retry: tiny) { client in
                await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
            }
            #expect(error?.code == "ThrottlingException")
            #expect(error?.hint?.contains("throttling") == true)
            #expect(error?.hint?.contains("2 attempts") == true)
            #expect(server.requests.count == 2)  // one retry paid 5 tokens, the second could not be paid
        }
    }

    @Test func backoffFormulaIsCappedExponentialJitter() {
        let full = AWSRetryPolicy(random: { 0.999 })
        #expect(full.delay(afterAttempt: 1) == 0.999)
        #expect(full.delay(afterAttempt: 3) == 0.999 * 4)
        #expect(full.delay(afterAttempt: 10) == 20)
        #expect(full.delay(afterAttempt: 2, retryAfter: 3) == 3)
        #expect(AWSRetryPolicy(random: { 0 }).delay(afterAttempt: 2) == 0)
    }

    @Test func classification() {
        for code in ["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "EC2ThrottledException"] {
            #expect(AWSRetryPolicy.classify(code: code, httpStatus: 400) == .throttling)
        }
        #expect(AWSRetryPolicy.classify(code: "RequestTimeout", httpStatus: 400) == .transient)
        #expect(AWSRetryPolicy.classify(code: "InternalError", httpStatus: 502) == .transient)
        #expect(AWSRetryPolicy.classify(code: "ValidationException", httpStatus: 400) == .notRetryable)
        #expect(AWSRetryPolicy.classify(code: "AccessDenied", httpStatus: 403) == .notRetryable)
    }
}
