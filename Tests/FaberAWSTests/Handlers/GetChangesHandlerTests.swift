import FaberCore
import FaberOpsModel
import FaberTestSupport
import Foundation
import Testing

@testable import FaberAWSHandlers

@Suite("aws.get-changes")
struct GetChangesHandlerTests {
    let account = "123456789012"

    /// A Lambda function, an ECS service (moto gives it one PRIMARY deployment) and an RDS instance
    /// (moto records its creation and first backup as events), seeded in that order.
    func seedOneOfEach(_ h: HandlerHarness) async throws -> (resources: Value, service: String) {
        let (fn, cluster, svc, db) = (h.name("fn"), h.name("cl"), h.name("svc"), h.name("db"))
        _ = try await h.seed([
            "lambdas": [["name": .string(fn), "runtime": "python3.12"]],
            "clusters": [["name": .string(cluster)]],
            "services": [["cluster": .string(cluster), "name": .string(svc)]],
            "db_instances": [["id": .string(db)]],
        ])
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(db)"),
        ]
        return (resources, svc)
    }

    @Test("against moto: the Lambda update, the ECS deployment and the RDS events, oldest first; CloudTrail unavailable")
    func changesInTimeOrder() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (resources, service) = try await seedOneOfEach(h)
        let run = try await h.run("aws.get-changes", ["resources": resources])
        let changes = try #require(run.output["changes"]?.array)

        let times = changes.compactMap { $0["time"]?.string.flatMap(ISOTime.parse) }
        #expect(times.count == changes.count)
        #expect(times == times.sorted())
        #expect(changes.map { $0["source"]?.string ?? "" } == ["lambda", "ecs", "rds", "rds", "rds"])
        #expect(changes.map { $0["resource"]?.string ?? "" } == ["orders", "web", "db", "db", "db"])
        #expect(changes.map { $0["kind"]?.string ?? "" } == ["deployment", "deployment", "event", "event", "event"])

        let lambda = changes[0]["detail"]?.string ?? ""
        #expect(lambda.hasPrefix("function code or configuration updated (version $LATEST, runtime python3.12, code sha256 "))
        #expect(changes[1]["detail"]?.string == "deployment of task definition \(service)-task:1 (PRIMARY, rollout IN_PROGRESS)")
        #expect(changes[2]["detail"] == "DB instance created")
        #expect(changes.allSatisfy { $0["time"]?.string?.hasSuffix("Z") == true })

        // moto does not implement LookupEvents: CloudTrail is reported unavailable, the step does not fail.
        let unavailable = try #require(run.output["unavailable"]?.array)
        #expect(unavailable.count == 1)
        #expect(unavailable.first?["source"] == "cloudtrail")
        #expect(unavailable.first?["reason"]?.string?.contains("LookupEvents") == true)
        #expect(run.calls("LookupEvents") == 1)
        #expect(run.calls("GetFunction") == 1)
        #expect(run.calls("DescribeServices") == 1)
        #expect(run.calls("DescribeEvents") == 1)

        let since = try #require(run.output["since"]?.string.flatMap(ISOTime.parse))
        let until = try #require(run.output["until"]?.string.flatMap(ISOTime.parse))
        #expect(abs(until.timeIntervalSince(since) - 7200) < 1, "since defaults to 2h before until (now)")
    }

    @Test("a window that ends before the changes returns none (moto's DescribeEvents ignores the window: filtered here)")
    func windowExcludesChanges() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (resources, _) = try await seedOneOfEach(h)
        let run = try await h.run("aws.get-changes", ["resources": resources, "since": "3h", "until": "1h", "cloudtrail": false])
        #expect(run.output["changes"] == [])
        #expect(run.output["unavailable"] == [])
        #expect(run.calls("LookupEvents") == 0)
        #expect(run.calls("DescribeEvents") == 1)
    }

    @Test("'since' after 'until' or an unreadable time is a usage error")
    func badWindow() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let resources: Value = [Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("fn"))")]
        let reversed = await #expect(throws: FaberError.self) {
            try await h.run("aws.get-changes", ["resources": resources, "since": "1h", "until": "2h"])
        }
        #expect(reversed?.message.hasPrefix("aws.get-changes: 'since' (") == true)
        let unreadable = await #expect(throws: FaberError.self) {
            try await h.run("aws.get-changes", ["resources": resources, "since": "yesterday"])
        }
        #expect(
            unreadable?.message
                == "aws.get-changes: 'since' must be a duration back from now (30m, 1h, 2d) or an ISO-8601 time (2025-10-28T15:30:00Z), got 'yesterday'")
        let none = await #expect(throws: FaberError.self) { try await h.run("aws.get-changes", [:]) }
        #expect(none?.message == "aws.get-changes: 'resources' is required (registry entries {id, type, arn})")
    }

    // MARK: - CloudTrail

    /// A LookupEvents answer as CloudTrail gives it (botocore's cloudtrail model): newest first,
    /// `EventTime` in epoch seconds, the full record as a JSON string in `CloudTrailEvent`.
    static func lookupEvent(
        id: String, name: String, source: String, user: String, time: Double, resources: [(String, String)],
        parameters: Value, accessKey: String = "AKIAIOSFODNN7EXAMPLE"
    ) -> Value {
        let record: Value = [
            "eventVersion": "1.08", "eventID": .string(id), "eventName": .string(name), "eventSource": .string(source),
            "eventTime": .string(ISOTime.string(Date(timeIntervalSince1970: time))), "awsRegion": "us-east-1",
            "userIdentity": [
                "type": "IAMUser", "principalId": "AIDAEXAMPLEPRINCIPAL", "arn": .string("arn:aws:iam::123456789012:user/\(user)"),
                "accountId": "123456789012", "accessKeyId": .string(accessKey), "userName": .string(user),
            ],
            "sourceIPAddress": "203.0.113.10", "userAgent": "aws-cli/2.15.0", "readOnly": false,
            "requestParameters": parameters, "responseElements": .null, "eventType": "AwsApiCall",
            "managementEvent": true, "recipientAccountId": "123456789012", "eventCategory": "Management",
        ]
        return [
            "EventId": .string(id), "EventName": .string(name), "ReadOnly": "false", "AccessKeyId": .string(accessKey),
            "EventTime": .double(time), "EventSource": .string(source), "Username": .string(user),
            "Resources": .array(resources.map { ["ResourceType": .string($0.0), "ResourceName": .string($0.1)] }),
            "CloudTrailEvent": .string(record.jsonString()),
        ]
    }

    @Test("CloudTrail: events naming a registry resource are kept, others dropped, both pages read, no access key shown")
    func cloudTrailEvents() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (fn, cluster, svc) = (h.name("fn"), h.name("cl"), h.name("svc"))
        let now = Date().timeIntervalSince1970.rounded(.down)
        let (since, until) = (now - 3600, now)
        let firstPage: Value = [
            "Events": [
                Self.lookupEvent(
                    id: "e-1", name: "UpdateFunctionCode20150331v2", source: "lambda.amazonaws.com", user: "deploy-bot", time: now - 600,
                    resources: [("AWS::Lambda::Function", fn)], parameters: ["functionName": .string(fn), "publish": true]),
                Self.lookupEvent(
                    id: "e-2", name: "UpdateFunctionConfiguration20150331v2", source: "lambda.amazonaws.com", user: "deploy-bot",
                    time: now - 700, resources: [("AWS::Lambda::Function", h.name("other"))],
                    parameters: ["functionName": .string(h.name("other")), "timeout": 30]),
                Self.lookupEvent(
                    id: "e-3", name: "CreateUser", source: "iam.amazonaws.com", user: "admin", time: now - 800, resources: [],
                    parameters: ["userName": "alice"]),
            ],
            "NextToken": "page-2-token",
        ]
        let secondPage: Value = [
            "Events": [
                Self.lookupEvent(
                    id: "e-4", name: "UpdateService", source: "ecs.amazonaws.com", user: "alice", time: now - 1800, resources: [],
                    parameters: ["cluster": .string(cluster), "service": .string(svc), "forceNewDeployment": true]),
                Self.lookupEvent(
                    id: "e-5", name: "UpdateService", source: "ecs.amazonaws.com", user: "alice", time: now - 1900, resources: [],
                    parameters: ["cluster": .string(h.name("elsewhere")), "service": .string(svc)]),
            ]
        ]
        let cloudTrail = try await ScriptedHTTPServer.start([.json(200, firstPage.jsonString()), .json(200, secondPage.jsonString())])
        defer { Task { await cloudTrail.shutdown() } }
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)"),
        ]
        let run = try await h.run(
            "aws.get-changes",
            [
                "resources": resources, "since": .string(ISOTime.string(Date(timeIntervalSince1970: since))),
                "until": .string(ISOTime.string(Date(timeIntervalSince1970: until))),
            ],
            environment: ["AWS_ENDPOINT_URL_CLOUDTRAIL": cloudTrail.endpoint])

        // The function and the service are not in moto: every change comes from CloudTrail.
        #expect(
            run.output["changes"] == [
                [
                    "time": .string(ISOTime.string(Date(timeIntervalSince1970: now - 1800))), "resource": "web", "kind": "change",
                    "detail": "UpdateService by alice", "source": "cloudtrail",
                ],
                [
                    "time": .string(ISOTime.string(Date(timeIntervalSince1970: now - 600))), "resource": "orders", "kind": "change",
                    "detail": "UpdateFunctionCode20150331v2 by deploy-bot", "source": "cloudtrail",
                ],
            ])
        #expect(run.output["unavailable"] == [])
        #expect(!run.output.jsonString().contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!run.lines.joined(separator: "\n").contains("AKIAIOSFODNN7EXAMPLE"))

        let requests = cloudTrail.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.header("X-Amz-Target") == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents" })
        #expect(requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.1" })
        #expect(requests.allSatisfy { $0.header("Authorization")?.contains("/us-east-1/cloudtrail/aws4_request") == true })
        let bodies = try requests.map { try Value.parseJSON($0.bodyText) }
        for body in bodies {
            #expect(body["LookupAttributes"] == [["AttributeKey": "ReadOnly", "AttributeValue": "false"]])
            #expect(body["StartTime"]?.double == since)
            #expect(body["EndTime"]?.double == until)
        }
        #expect(bodies[0]["NextToken"] == nil)
        #expect(bodies[1]["NextToken"] == "page-2-token")
    }

    @Test("sources whose calls are refused land in unavailable; the others still report")
    func refusedSources() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (cluster, svc) = (h.name("cl"), h.name("svc"))
        _ = try await h.seed(["clusters": [["name": .string(cluster)]], "services": [["cluster": .string(cluster), "name": .string(svc)]]])
        let denied = #"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::123456789012:user/ops is not authorized"}"#
        let refusing = try await ScriptedHTTPServer.start([.json(403, denied), .json(403, denied)])
        defer { Task { await refusing.shutdown() } }
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("fn"))"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)"),
        ]
        let run = try await h.run(
            "aws.get-changes", ["resources": resources],
            environment: ["AWS_ENDPOINT_URL_LAMBDA": refusing.endpoint, "AWS_ENDPOINT_URL_CLOUDTRAIL": refusing.endpoint])
        #expect(run.output["changes"]?.array?.map { $0["resource"]?.string ?? "" } == ["web"])
        let unavailable = try #require(run.output["unavailable"]?.array)
        #expect(unavailable.map { $0["source"]?.string ?? "" } == ["lambda", "cloudtrail"])
        #expect(unavailable[0]["reason"]?.string?.contains("lambda:GetFunction") == true)
        #expect(unavailable[1]["reason"]?.string?.contains("cloudtrail:LookupEvents") == true)
        #expect(refusing.requests.count == 2, "access denied is not retried")
    }

    @Test("CloudTrail matching: ARNs of the same resource count, bare names only from the resource's own service")
    func cloudTrailMatching() throws {
        let function = try ResourceRef(id: "orders", type: .lambda, arn: "arn:aws:lambda:us-east-1:\(account):function:orders")
        let service = try ResourceRef(id: "web", type: .ecsService, arn: "arn:aws:ecs:us-east-1:\(account):service/main/web")
        let api = try ResourceRef(id: "api", type: .apiGateway, arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3")
        func names(_ ref: ResourceRef, _ text: String, source: String, parameters: Value = [:]) -> Bool {
            CloudTrailChanges.names(ref, text, resourceType: nil, eventSource: source, parameters: parameters)
        }
        #expect(names(function, "arn:aws:lambda:us-east-1:\(account):function:orders:7", source: "iam.amazonaws.com"))
        #expect(names(function, "orders", source: "lambda.amazonaws.com"))
        #expect(!names(function, "orders", source: "s3.amazonaws.com"))
        #expect(!names(function, "arn:aws:lambda:eu-west-1:\(account):function:orders", source: "lambda.amazonaws.com"))
        #expect(names(service, "web", source: "ecs.amazonaws.com", parameters: ["cluster": "arn:aws:ecs:us-east-1:1:cluster/main"]))
        #expect(!names(service, "web", source: "ecs.amazonaws.com", parameters: ["cluster": "other"]))
        #expect(names(api, "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod", source: "apigateway.amazonaws.com"))
        #expect(CloudTrailChanges.maskingAccessKeys("by ASIAIOSFODNN7EXAMPLE.") == "by ASIA****************.")
    }

    // MARK: - Parsing

    @Test("AWS timestamps: Lambda's +0000, RDS's Z, moto's nanoseconds, offsets and epoch seconds")
    func timestamps() {
        let expected = Date(timeIntervalSince1970: 1_761_665_400)  // 2025-10-28T15:30:00Z
        #expect(AWSTimestamp.parse("2025-10-28T15:30:00.000+0000") == expected)
        #expect(AWSTimestamp.parse("2025-10-28T15:30:00Z") == expected)
        #expect(AWSTimestamp.parse("2025-10-28T16:30:00+01:00") == expected)
        #expect(AWSTimestamp.parse("2025-10-28T10:30:00-05") == expected)
        let moto = AWSTimestamp.parse("2025-10-28T15:30:00.242061000Z")?.timeIntervalSince1970 ?? 0
        #expect(abs(moto - 1_761_665_400.242061) < 0.000_01)
        #expect(AWSTimestamp.date(.double(1_761_665_400.5)) == expected.addingTimeInterval(0.5))
        #expect(AWSTimestamp.date(.int(1_761_665_400)) == expected)
        for bad in ["2025-10-28T15:30:00", "2025-13-28T15:30:00Z", "2025-02-30T15:30:00Z", "yesterday", "2025-10-28T15:30:00.Z"] {
            #expect(AWSTimestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("RDS events about modification, parameter groups, reboots, failover and maintenance are configuration changes")
    func rdsKinds() {
        let kind = GetChangesHandler.rdsKind
        #expect(kind(["configuration change"], "Applied change to parameter group") == .configuration)
        #expect(kind(["availability"], "DB instance restarted") == .configuration)
        #expect(kind(["notification"], "Finished applying modification to DB instance class") == .configuration)
        #expect(kind(["failover"], "Multi-AZ instance failover started.") == .configuration)
        #expect(kind(["maintenance"], "Database cluster is being patched") == .configuration)
        #expect(kind(["creation"], "DB instance created") == .event)
        #expect(kind(["backup"], "Finished DB instance backup") == .event)
    }
}
