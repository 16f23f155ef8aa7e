import FaberCore
import FaberOpsModel
import FaberTestSupport
import Testing

@testable import FaberAWS

@Suite("AWS errors: parsing every format, exit statuses, messages")
struct ErrorParsingTests {
    @Test func jsonTypeWithNamespaceIsStripped() {
        let parsed = AWSErrorParser.parse(
            status: 400, headers: [("x-amzn-RequestId", "req-1")],
            body: Array(#"{"__type":"com.amazonaws.logs#ResourceNotFoundException","message":"The specified log group does not exist."}"#.utf8))
        #expect(parsed == .init(code: "ResourceNotFoundException", message: "The specified log group does not exist.", requestID: "req-1"))
    }

    @Test func restJSONHeaderAndCapitalisedMessage() {
        let parsed = AWSErrorParser.parse(
            status: 404, headers: [("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/")],
            body: Array(#"{"Type":"User","Message":"Function not found: f"}"#.utf8))
        #expect(parsed.code == "ResourceNotFoundException")
        #expect(parsed.message == "Function not found: f")
    }

    @Test func queryCompatibleHeaderWins() {
        let parsed = AWSErrorParser.parse(
            status: 400, headers: [("x-amzn-query-error", "InvalidParameterValue;Sender")],
            body: Array(#"{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"bad"}"#.utf8))
        #expect(parsed.code == "InvalidParameterValue")
    }

    @Test func queryXMLErrorResponse() {
        let parsed = AWSErrorParser.parse(
            status: 404, headers: [],
            body: Array(
                """
                <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>DBInstanceNotFound</Code>
                <Message>DBInstance nope not found.</Message></Error><RequestId>rid-9</RequestId></ErrorResponse>
                """.utf8))
        #expect(parsed == .init(code: "DBInstanceNotFound", message: "DBInstance nope not found.", requestID: "rid-9"))
    }

    @Test func ec2ErrorsList() {
        let parsed = AWSErrorParser.parse(
            status: 400, headers: [],
            body: Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group 'sg-1' does not exist</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>
                """.utf8))
        #expect(parsed == .init(code: "InvalidGroup.NotFound", message: "The security group 'sg-1' does not exist", requestID: "ec2-req"))
    }

    @Test func s3ErrorDocument() {
        let parsed = AWSErrorParser.parse(
            status: 404, headers: [("x-amz-request-id", "s3-req")],
            body: Array(
                """
                <?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName></Error>
                """.utf8))
        #expect(parsed == .init(code: "NoSuchBucket", message: "The specified bucket does not exist", requestID: "s3-req"))
    }

    @Test func bodilessStatusesGetACode() {
        #expect(AWSErrorParser.parse(status: 403, headers: [], body: []).code == "Forbidden")
        #expect(AWSErrorParser.parse(status: 404, headers: [], body: []).code == "NotFound")
        #expect(AWSErrorParser.parse(status: 503, headers: [], body: Array("<html>oops".utf8)).code == "ServiceUnavailable")
    }

    /// moto (and some AWS front ends) refuse credentials in XML even for JSON services.
    @Test func xmlRefusalOnAJSONServiceIsAccessDeniedNamingTheAction() async throws {
        let refusal = """
            <?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Code>AccessDenied</Code>
            <Message>User: arn:aws:iam::123456789012:user/ops is not authorized to perform: logs:FilterLogEvents</Message></Error></ErrorResponse>
            """
        try await withServer([.xml(403, refusal)]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint) { client in
                    await awsError { _ = try await client.json(.cloudWatchLogs, "FilterLogEvents", ["logGroupName": "g"]) }
                })
            #expect(error.code == "AccessDenied")
            #expect(error.exitStatus == .accessDenied)
            #expect(error.exitStatus.rawValue == 77)
            #expect(error.iamAction == "logs:FilterLogEvents")
            #expect(error.message.contains("logs:FilterLogEvents"))
            #expect(error.hint?.contains("logs:FilterLogEvents") == true)
            #expect(!error.description.contains(testCredentials.secretAccessKey))
            #expect(server.requests.count == 1)
        }
    }

    @Test(arguments: [
        ("SignatureDoesNotMatch", FaberCore.ExitStatus.accessDenied), ("InvalidClientTokenId", .accessDenied),
        ("UnrecognizedClientException", .accessDenied), ("ExpiredToken", .accessDenied),
        ("AccessDeniedException", .accessDenied), ("UnauthorizedOperation", .accessDenied),
        ("ValidationException", .internalError), ("InvalidResponse", .internalError),
        ("ThrottlingException", .unavailable), ("RequestTimeout", .unavailable),
        ("Unreachable", .unavailable), ("Timeout", .unavailable), ("InvalidEndpoint", .usage),
    ])
    func exitStatusFollowsTheCode(_ code: String, _ status: FaberCore.ExitStatus) {
        let error = AWSError(service: "logs", operation: "FilterLogEvents", code: code, awsMessage: "m", endpoint: "http://x")
        #expect(error.exitStatus == status)
    }

    @Test(arguments: [
        (500, FaberCore.ExitStatus.unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable),
        (501, .internalError), (400, .internalError), (429, .unavailable),
    ])
    func exitStatusFollowsTheHTTPStatus(_ status: Int, _ exit: FaberCore.ExitStatus) {
        let error = AWSError(
            service: "logs", operation: "FilterLogEvents", code: "SomethingFailed", awsMessage: "m",
            httpStatus: status, endpoint: "http://x")
        #expect(error.exitStatus == exit)
    }

    /// Refused credentials stay 77 even when AWS sends them with an odd status.
    @Test func authErrorsStayAccessDeniedWhateverTheStatus() {
        let error = AWSError(
            service: "sts", operation: "GetCallerIdentity", code: "ExpiredToken", awsMessage: "",
            httpStatus: 503, endpoint: "http://x")
        #expect(error.exitStatus == .accessDenied)
    }

    @Test func iamActionsUseTheIAMNamespace() {
        #expect(AWSIAMAction.name(signingName: "monitoring", operation: "GetMetricData") == "cloudwatch:GetMetricData")
        #expect(AWSIAMAction.name(signingName: "tagging", operation: "GetResources") == "tag:GetResources")
        #expect(AWSIAMAction.name(signingName: "s3", operation: "ListBuckets") == "s3:ListAllMyBuckets")
        #expect(AWSIAMAction.name(signingName: "s3", operation: "GetBucketEncryption") == "s3:GetEncryptionConfiguration")
        #expect(AWSIAMAction.name(signingName: "apigateway", operation: "GetRestApis", method: "GET") == "apigateway:GET")
        #expect(AWSIAMAction.name(signingName: "ecs", operation: "UpdateService") == "ecs:UpdateService")
    }

    @Test func serviceErrorMessageCarriesCodeStatusAndRequestID() async throws {
        try await withServer([.json(400, #"{"__type":"InvalidParameterException","message":"limit must be <= 50"}"#)]) { server in
            let error = try #require(
                await withClient(endpoint: server.endpoint) { client in
                    await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["limit": 500]) }
                })
            #expect(error.message == "AWS logs DescribeLogGroups failed: InvalidParameterException: limit must be <= 50 (HTTP 400, request id test-request-id)")
            #expect(error.exitStatus == .internalError)
        }
    }
}
