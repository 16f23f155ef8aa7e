import AWSSigV4
import FaberCore
import FaberTestSupport
import Testing

@testable import FaberAWS

/// Each protocol's request on the wire and the decoding of its answer, against the scripted server.
@Suite("AWS protocols: request encoding and response decoding")
struct ProtocolEncodingTests {
    @Test func awsJSONPostsTheTargetAndBody() async throws {
        try await withServer([.json(200, #"{"logGroups":[{"logGroupName":"/aws/lambda/a"}],"nextToken":"t2"}"#)]) { server in
            let output = try await withClient(endpoint: server.endpoint) { client in
                try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["logGroupNamePrefix": "/aws/lambda", "limit": 50])
            }
            #expect(output["nextToken"] == "t2")
            #expect(output["logGroups"]?[0]?["logGroupName"] == "/aws/lambda/a")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/")
            #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
            #expect(request.header("X-Amz-Target") == "Logs_20140328.DescribeLogGroups")
            #expect(request.header("Host") == "127.0.0.1:\(server.port)")
            let authorization = try #require(request.header("Authorization"))
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDFABERTEST/"))
            #expect(authorization.contains("/us-east-1/logs/aws4_request"))
            #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target"))
            #expect(request.header("X-Amz-Date") != nil)
            #expect(try Value.parseJSON(request.bodyText) == ["logGroupNamePrefix": "/aws/lambda", "limit": 50])
        }
    }

    @Test func cloudWatchUsesJSON10AndItsTargetPrefix() async throws {
        try await withServer([.json(200, "")]) { server in
            let output = try await withClient(endpoint: server.endpoint) { client in
                try await client.json(.cloudWatch, "GetMetricData", [:])
            }
            #expect(output == [:])
            let request = try #require(server.requests.first)
            #expect(request.header("Content-Type") == "application/x-amz-json-1.0")
            #expect(request.header("X-Amz-Target") == "GraniteServiceVersion20100801.GetMetricData")
            #expect(request.header("Authorization")?.contains("/us-east-1/monitoring/aws4_request") == true)
            #expect(request.bodyText == "{}")
        }
    }

    @Test func restJSONSendsMethodPathQueryAndBody() async throws {
        try await withServer([
            .json(200, #"{"FunctionName":"my fn","Runtime":"python3.12"}"#),
            .empty(204),
        ]) { server in
            try await withClient(endpoint: server.endpoint) { client in
                let function = try await client.restJSON(
                    .lambda, "GetFunctionConfiguration", method: "GET",
                    path: "/2015-03-31/functions/\(AWSPath.encode("my fn"))/configuration", query: [("Qualifier", "$LATEST")])
                #expect(function["Runtime"] == "python3.12")
                let empty = try await client.restJSON(
                    .lambda, "PutFunctionConcurrency", method: "PUT", path: "/2017-10-31/functions/f/concurrency",
                    body: ["ReservedConcurrentExecutions": 5])
                #expect(empty == [:])
            }
            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests[0].method == "GET")
            #expect(requests[0].uri == "/2015-03-31/functions/my%20fn/configuration?Qualifier=%24LATEST")
            #expect(requests[0].header("Content-Type") == nil)
            #expect(requests[0].header("Authorization")?.contains("/lambda/aws4_request") == true)
            #expect(requests[1].method == "PUT")
            #expect(requests[1].header("Content-Type") == "application/json")
            #expect(requests[1].bodyText == #"{"ReservedConcurrentExecutions":5}"#)
        }
    }

    @Test func queryProtocolPostsAFlattenedForm() async throws {
        let answer = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeDBInstancesResult>
            <DBInstances><DBInstance><DBInstanceIdentifier>db-1</DBInstanceIdentifier></DBInstance></DBInstances>
            </DescribeDBInstancesResult></DescribeDBInstancesResponse>
            """
        try await withServer([.xml(200, answer)]) { server in
            let result = try await withClient(endpoint: server.endpoint) { client in
                try await client.query(
                    .rds, "DescribeDBInstances",
                    AWSClient.flatten("Filters.member", [[("Name", "engine"), ("Values.member.1", "postgres")]]))
            }
            #expect(result.name == "DescribeDBInstancesResult")
            #expect(result.list("DBInstances").first?.text("DBInstanceIdentifier") == "db-1")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(request.bodyText.hasPrefix("Action=DescribeDBInstances&Version=2014-10-31&"))
            #expect(
                formFields(request.bodyText) == [
                    "Action": "DescribeDBInstances", "Version": "2014-10-31",
                    "Filters.member.1.Name": "engine", "Filters.member.1.Values.member.1": "postgres",
                ])
            #expect(request.header("Authorization")?.contains("/rds/aws4_request") == true)
        }
    }

    @Test func ec2ProtocolReturnsTheRoot() async throws {
        let answer = """
            <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
            <securityGroupInfo><item><groupId>sg-1</groupId><ipPermissions/></item></securityGroupInfo></DescribeSecurityGroupsResponse>
            """
        try await withServer([.xml(200, answer)]) { server in
            let root = try await withClient(endpoint: server.endpoint) { client in
                try await client.query(
                    .ec2, "DescribeSecurityGroups",
                    AWSClient.flatten("Filter", [[("Name", "vpc-id"), ("Value.1", "vpc-1")]]) + AWSClient.flatten("GroupId", ["sg-1"]))
            }
            #expect(root.name == "DescribeSecurityGroupsResponse")
            #expect(root.list("securityGroupInfo").first?.text("groupId") == "sg-1")
            let fields = formFields(try #require(server.requests.first).bodyText)
            #expect(fields["Version"] == "2016-11-15")
            #expect(fields["Filter.1.Name"] == "vpc-id")
            #expect(fields["Filter.1.Value.1"] == "vpc-1")
            #expect(fields["GroupId.1"] == "sg-1")
        }
    }

    @Test func restXMLSignsTheS3WayAndParsesXML() async throws {
        let answer =
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"
        try await withServer([.xml(200, answer), .empty(404)]) { server in
            try await withClient(endpoint: server.endpoint) { client in
                let response = try await client.restXML(.s3, "GetBucketEncryption", method: "GET", path: "/my-bucket", query: [("encryption", "")])
                #expect(response.status == 200)
                #expect(response.xml?.text("Rule/ApplyServerSideEncryptionByDefault/SSEAlgorithm") == "AES256")
                let missing = await awsError { _ = try await client.restXML(.s3, "HeadBucket", method: "HEAD", path: "/gone") }
                #expect(missing?.code == "NotFound")
                #expect(missing?.isNotFound == true)
                #expect(missing?.httpStatus == 404)
                #expect(missing?.exitStatus == .internalError)
            }
            let request = try #require(server.requests.first)
            #expect(request.uri == "/my-bucket?encryption=")
            #expect(request.header("x-amz-content-sha256") == SigV4Signer.emptyBodySHA256)
            #expect(request.header("Authorization")?.contains("/s3/aws4_request") == true)
            #expect(server.requests[1].method == "HEAD")
        }
    }

    @Test func endpointWithABasePathPrefixesEveryRequest() async throws {
        try await withServer([.json(200, "{}")]) { server in
            _ = try await withClient(endpoint: server.endpoint + "/proxy/") { client in
                try await client.json(.ecs, "ListClusters", [:])
            }
            #expect(server.requests.first?.uri == "/proxy/")
        }
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(AWSPath.encode("a b/c~d_e.f-g+h") == "a%20b%2Fc~d_e.f-g%2Bh")
        #expect(AWSPath.encodePath("dir/file name.txt") == "dir/file%20name.txt")
        #expect(AWSPath.encode("é") == "%C3%A9")
        #expect(AWSPath.queryString([("b", "1 2"), ("a", "")]) == "b=1%202&a=")
    }
}
