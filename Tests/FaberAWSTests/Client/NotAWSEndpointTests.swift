import FaberCore
import FaberTestSupport
import Testing

@testable import FaberAWS

/// A server at the endpoint that is not AWS (a plain web server such as `python3 -m http.server`):
/// its error answers carry no AWS error, so faber reports a setup problem (exit 69) naming the
/// endpoint, not a faber bug (exit 70).
@Suite("An endpoint that is not AWS")
struct NotAWSEndpointTests {
    static let html = """
        <!DOCTYPE HTML><html><head><title>Error response</title></head>
        <body><h1>Error response</h1><p>Error code: 501</p><p>Message: Unsupported method ('POST').</p></body></html>
        """

    static func htmlReply(_ status: Int) -> ScriptedHTTPServer.Reply {
        .respond(status: status, headers: [("Content-Type", "text/html;charset=utf-8")], body: Array(html.utf8), delay: 0)
    }

    @Test func a501WithAnHTMLBodyIsASetupProblemNamingTheEndpoint() async throws {
        try await withServer([Self.htmlReply(501), .json(200, "{}")]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint) { client in
                    await awsError { _ = try await client.json(.cloudWatch, "GetMetricData", [:]) }
                })
            #expect(server.requests.count == 1, "501 is not retried")
            #expect(error.answeredWithoutAWSError)
            #expect(error.httpStatus == 501)
            #expect(error.exitStatus == .unavailable)
            #expect(error.exitStatus.rawValue == 69)
            #expect(error.message == "cloudwatch GetMetricData: the endpoint \(server.endpoint) answered HTTP 501 without an AWS error; is it an AWS endpoint?")
            let hint = try #require(error.hint)
            #expect(
                hint.hasPrefix(
                    "check the endpoint (set by AWS_ENDPOINT_URL; first match wins: AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL, environments.test.endpoint_url in config.json"
                ))
            #expect(hint.contains("scripts/moto-server start"))
            #expect(!error.description.contains("<html>"), "the body of a web page is not shown")
            expectPlain(error.description)
        }
    }

    @Test func a404WithAnEmptyBodyIsASetupProblemNotAMissingResource() async throws {
        try await withServer([.empty(404)]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint) { client in
                    await awsError { _ = try await client.restJSON(.lambda, "GetFunction", method: "GET", path: "/2015-03-31/functions/f") }
                })
            #expect(server.requests.count == 1)
            #expect(error.answeredWithoutAWSError)
            #expect(!error.isNotFound, "a web server's 404 is not registry drift")
            #expect(error.exitStatus == .unavailable)
            #expect(error.message == "lambda GetFunction: the endpoint \(server.endpoint) answered HTTP 404 without an AWS error; is it an AWS endpoint?")
        }
    }

    @Test func aPasswordInTheEndpointIsMasked() async throws {
        try await withServer([Self.htmlReply(501)]) { server in
            let endpoint = "http://admin:hunter2@127.0.0.1:\(server.port)"
            let error = try #require(
                await withClient(endpoint: endpoint) { client in
                    await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
                })
            #expect(
                error.message
                    == "ecs ListClusters: the endpoint http://admin:***@127.0.0.1:\(server.port) answered HTTP 501 without an AWS error; is it an AWS endpoint?"
            )
            #expect(!error.description.contains("hunter2"))
            #expect(!error.description.contains(testCredentials.secretAccessKey))
        }
    }

    /// AWS's own errors keep their code and message, even with a status a web server would use.
    @Test func realAWSErrorsKeepTheirCodeAndMessage() async throws {
        try await withServer([
            .json(404, #"{"__type":"ResourceNotFoundException","message":"Function not found: f"}"#),
            .xml(501, "<Error><Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented</Message></Error>"),
            .empty(404, headers: [("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/")]),
        ]) { server in
            try await withClient(endpoint: server.endpoint) { client in
                let missing = try #require(
                    await awsError {
                        _ = try await client.restJSON(.lambda, "GetFunction", method: "GET", path: "/2015-03-31/functions/f")
                    })
                #expect(missing.code == "ResourceNotFoundException")
                #expect(missing.awsMessage == "Function not found: f")
                #expect(!missing.answeredWithoutAWSError)
                #expect(missing.isNotFound)
                let notImplemented = try #require(
                    await awsError {
                        _ = try await client.restXML(.s3, "PutBucketX", method: "PUT", path: "/b")
                    })
                #expect(notImplemented.code == "NotImplemented")
                #expect(notImplemented.exitStatus == .internalError)
                #expect(notImplemented.message.hasPrefix("AWS s3 PutBucketX failed: NotImplemented: A header you provided"))
                let byHeader = try #require(
                    await awsError {
                        _ = try await client.restJSON(.lambda, "GetFunction", method: "GET", path: "/2015-03-31/functions/g")
                    })
                #expect(byHeader.code == "ResourceNotFoundException")
                #expect(byHeader.isNotFound)
            }
        }
    }

    /// What stays as it was: retried 5xx, refused credentials, throttling, and S3's bodiless HEAD answers.
    @Test func retriedStatusesRefusalsAndHeadAnswersAreUnchanged() async throws {
        try await withServer([Self.htmlReply(503), Self.htmlReply(502), Self.htmlReply(503)]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint, retry: RetryTests.halfJitter) { client in
                    await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) }
                })
            #expect(server.requests.count == 3, "standard retry mode: three attempts")
            #expect(!error.answeredWithoutAWSError)
            #expect(error.isServiceFailure)
            #expect(error.exitStatus == .unavailable)
        }
        try await withServer([Self.htmlReply(403), .empty(401), .empty(404)]) { server in
            try await withClient(endpoint: server.endpoint) { client in
                let denied = try #require(await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) })
                #expect(denied.exitStatus == .accessDenied)
                #expect(denied.exitStatus.rawValue == 77)
                let refused = try #require(await awsError { _ = try await client.json(.ecs, "ListClusters", [:]) })
                #expect(refused.exitStatus == .accessDenied)
                let head = try #require(await awsError { _ = try await client.restXML(.s3, "HeadBucket", method: "HEAD", path: "/gone") })
                #expect(!head.answeredWithoutAWSError)
                #expect(head.isNotFound)
            }
        }
    }

    @Test func theParserSaysWhenNoCodeWasFound() {
        #expect(!AWSErrorParser.parse(status: 501, headers: [], body: Array(Self.html.utf8)).hasAWSCode)
        #expect(!AWSErrorParser.parse(status: 404, headers: [], body: []).hasAWSCode)
        #expect(!AWSErrorParser.parse(status: 400, headers: [], body: Array("{}".utf8)).hasAWSCode)
        #expect(AWSErrorParser.parse(status: 400, headers: [], body: Array(#"{"__type":"ValidationException"}"#.utf8)).hasAWSCode)
        #expect(AWSErrorParser.parse(status: 400, headers: [("x-amzn-query-error", "InvalidParameterValue;Sender")], body: []).hasAWSCode)
    }
}
