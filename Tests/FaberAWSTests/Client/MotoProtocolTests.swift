import FaberCore
import FaberTestSupport
import Foundation
import Testing

@testable import FaberAWS

/// One real call per protocol against the moto server, and pagination across pages.
@Suite("AWS protocols against moto")
struct MotoProtocolTests {
    @Test func jsonProtocolLogsAndPaginationAcrossPages() async throws {
        let moto = try await MotoServer.shared()
        let prefix = "/faber/\(uniqueName("pages"))/"
        let trace = AWSCallTrace()
        // A generous timeout: a CreateLogGroup retried after a timeout (moto busy with the whole suite)
        // would find its group already made.
        try await withClient(endpoint: moto.endpoint, timeout: 60, trace: trace) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<60 {
                    group.addTask { _ = try await client.json(.cloudWatchLogs, "CreateLogGroup", ["logGroupName": .string(prefix + "g\(n)")]) }
                }
                try await group.waitForAll()
            }
            let groups = try await client.paginateJSON(
                .cloudWatchLogs, "DescribeLogGroups", ["logGroupNamePrefix": .string(prefix), "limit": 50], itemsKey: "logGroups")
            #expect(groups.count == 60)
            #expect(Set(groups.compactMap { $0["logGroupName"]?.string }).count == 60)
        }
        let describes = trace.recorded.filter { $0.operation == "DescribeLogGroups" }
        #expect(describes.count == 2)
        #expect(describes.allSatisfy { $0.status == 200 })
        #expect(trace.recorded.filter { $0.operation == "CreateLogGroup" }.count == 60)
    }

    @Test func jsonErrorFromMoto() async throws {
        let moto = try await MotoServer.shared()
        let error = try await withClient(endpoint: moto.endpoint) { client in
            await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogStreams", ["logGroupName": .string(uniqueName("missing"))]) }
        }
        #expect(error?.code == "ResourceNotFoundException")
        #expect(error?.isNotFound == true)
        #expect(error?.exitStatus == .internalError)
    }

    @Test func cloudWatchJSONProtocolPutAndGetMetricData() async throws {
        let moto = try await MotoServer.shared()
        let namespace = "Faber/\(uniqueName("ns"))"
        let now = Int(Date().timeIntervalSince1970)
        try await withClient(endpoint: moto.endpoint) { client in
            _ = try await client.json(
                .cloudWatch, "PutMetricData",
                [
                    "Namespace": .string(namespace),
                    "MetricData": [["MetricName": "Errors", "Value": 3, "Unit": "Count", "Timestamp": .int(now - 60)]],
                ])
            let output = try await client.json(
                .cloudWatch, "GetMetricData",
                [
                    "MetricDataQueries": [
                        [
                            "Id": "errors",
                            "MetricStat": ["Metric": ["Namespace": .string(namespace), "MetricName": "Errors"], "Period": 60, "Stat": "Sum"],
                        ]
                    ],
                    "StartTime": .int(now - 3600), "EndTime": .int(now + 60),
                ])
            let result = try #require(output["MetricDataResults"]?[0])
            #expect(result["Id"] == "errors")
            #expect(result["Values"]?.array?.compactMap(\.double).reduce(0, +) == 3)
        }
    }

    @Test func restJSONLambdaListFunctions() async throws {
        let moto = try await MotoServer.shared()
        let output = try await withClient(endpoint: moto.endpoint) { client in
            try await client.restJSON(.lambda, "ListFunctions", method: "GET", path: "/2015-03-31/functions/", query: [("MaxItems", "50")])
        }
        #expect(output["Functions"]?.array != nil)
        let missing = try await withClient(endpoint: moto.endpoint) { client in
            await awsError {
                _ = try await client.restJSON(.lambda, "GetFunction", method: "GET", path: "/2015-03-31/functions/\(AWSPath.encode(uniqueName("nofn")))")
            }
        }
        #expect(missing?.code == "ResourceNotFoundException")
        #expect(missing?.httpStatus == 404)
    }

    @Test func queryProtocolRDSAndSTS() async throws {
        let moto = try await MotoServer.shared()
        try await withClient(endpoint: moto.endpoint) { client in
            let result = try await client.query(.rds, "DescribeDBInstances")
            #expect(result.name == "DescribeDBInstancesResult")
            let missing = await awsError { _ = try await client.query(.rds, "DescribeDBInstances", [("DBInstanceIdentifier", uniqueName("nodb"))]) }
            #expect(missing?.code == "DBInstanceNotFound")
            let identity = try await client.query(.sts, "GetCallerIdentity")
            #expect(identity.text("Account") == "123456789012")
        }
    }

    @Test func ec2ProtocolDescribeSecurityGroups() async throws {
        let moto = try await MotoServer.shared()
        try await withClient(endpoint: moto.endpoint) { client in
            let root = try await client.query(.ec2, "DescribeSecurityGroups", AWSClient.flatten("Filter", [[("Name", "group-name"), ("Value.1", "default")]]))
            #expect(root.list("securityGroupInfo").contains { $0.text("groupName") == "default" })
            let missing = await awsError { _ = try await client.query(.ec2, "DescribeSecurityGroups", AWSClient.flatten("GroupId", ["sg-0000faber"])) }
            #expect(missing?.code == "InvalidGroup.NotFound")
        }
    }

    @Test func restXMLS3BucketsAndHead() async throws {
        let moto = try await MotoServer.shared()
        let bucket = uniqueName("faber-bucket")
        try await withClient(endpoint: moto.endpoint) { client in
            _ = try await client.restXML(.s3, "CreateBucket", method: "PUT", path: "/" + AWSPath.encode(bucket))
            let list = try await client.restXML(.s3, "ListBuckets", method: "GET", path: "/")
            let names = list.xml?.list("Buckets").compactMap { $0.text("Name") } ?? []
            #expect(names.contains(bucket))
            let head = try await client.restXML(.s3, "HeadBucket", method: "HEAD", path: "/" + bucket)
            #expect(head.status == 200)
            let missing = await awsError { _ = try await client.restXML(.s3, "HeadBucket", method: "HEAD", path: "/" + uniqueName("gone")) }
            #expect(missing?.code == "NotFound")
            let noEncryption = await awsError {
                _ = try await client.restXML(.s3, "GetPublicAccessBlock", method: "GET", path: "/" + bucket, query: [("publicAccessBlock", "")])
            }
            #expect(noEncryption?.code == "NoSuchPublicAccessBlockConfiguration")
        }
    }
}
