import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// audit run by the faber binary against a private moto seeded with what an audit must find: a
/// security group open to the world on SSH, a bucket without a public-access block, a public and
/// unencrypted database that is oversized for its measured use, a deprecated runtime, missing
/// tags, and last month's bill (moto's Cost Explorer results).
@Suite("audit against moto, end to end", .timeLimit(.minutes(5)))
struct AuditEndToEndTests {
    static func cost(_ service: String, _ amount: Double) -> Value {
        ["Keys": [.string(service)], "Metrics": ["UnblendedCost": ["Amount": .string(String(amount)), "Unit": "USD"]]]
    }

    /// Two weeks of an idle database: 10 % CPU, 3 of its 4 GiB free.
    static func idle(_ name: String, _ value: Double, unit: String) -> Value {
        [
            "namespace": "AWS/RDS", "name": .string(name), "dimensions": ["DBInstanceIdentifier": "aud-db"], "unit": .string(unit),
            "values": .array((0..<56).map { _ in .double(value) }), "minutes_ago": .array((0..<56).map { .int(30 + $0 * 360) }),
        ]
    }

    /// Two weeks of an ECS service that uses a fraction of what its tasks reserve.
    static func ecsIdle(_ name: String, _ value: Double) -> Value {
        [
            "namespace": "AWS/ECS", "name": .string(name), "dimensions": ["ClusterName": "aud-cluster", "ServiceName": "aud-idle"], "unit": "Percent",
            "values": .array((0..<56).map { _ in .double(value) }), "minutes_ago": .array((0..<56).map { .int(30 + $0 * 360) }),
        ]
    }

    static let plan: Value = [
        "lambdas": [["name": "aud-fn", "runtime": "python3.7", "tags": ["env": "prod", "owner": "orders", "cost-center": "42"]]],
        "db_instances": [["id": "aud-db", "class": "db.t3.medium", "encrypted": false, "public": true, "tags": ["env": "prod"]]],
        "buckets": [["name": "aud-open-bucket", "block_public": false, "encrypted": true]],
        "security_groups": [["name": "aud-ssh", "open_ports": [22]]],
        "clusters": [["name": "aud-cluster"]],
        "services": [["cluster": "aud-cluster", "name": "aud-idle", "desired": 4]],
        "metrics": [
            idle("CPUUtilization", 10, unit: "Percent"), idle("FreeableMemory", 3_221_225_472, unit: "Bytes"),
            ecsIdle("CPUUtilization", 5), ecsIdle("MemoryUtilization", 12),
        ],
        // The function has 1 GB and its invocations use at most 90 MB.
        "log_groups": [
            [
                "name": "/aws/lambda/aud-fn",
                "streams": [
                    "2026/12/01/[$LATEST]r": .array(
                        (0..<100).map { index in
                            [
                                "seconds_ago": .int(600 + index * 60),
                                "message": .string(
                                    "REPORT RequestId: 6f1c\(index)-aa Duration: 102.5 ms Billed Duration: 103 ms Memory Size: 1024 MB Max Memory Used: \(60 + index % 31) MB"
                                ),
                            ]
                        })
                ],
            ]
        ],
        "ce_results": [
            [
                "ResultsByTime": [
                    [
                        "TimePeriod": ["Start": "2026-11-01", "End": "2026-12-01"], "Total": [:], "Estimated": false,
                        "Groups": [
                            cost("Amazon Relational Database Service", 85), cost("AWS Lambda", 22), cost("Amazon Simple Storage Service", 10.5),
                            cost("Amazon API Gateway", 8), cost("AmazonCloudWatch", 2),
                        ],
                    ]
                ]
            ],
            // The trend's question (90 days, monthly) comes second.
            [
                "ResultsByTime": [
                    ["TimePeriod": ["Start": "2026-09-01", "End": "2026-10-01"], "Total": [:], "Groups": [cost("Amazon Relational Database Service", 110)]],
                    ["TimePeriod": ["Start": "2026-10-01", "End": "2026-11-01"], "Total": [:], "Groups": [cost("Amazon Relational Database Service", 118)]],
                    ["TimePeriod": ["Start": "2026-11-01", "End": "2026-12-01"], "Total": [:], "Groups": [cost("Amazon Relational Database Service", 127.5)]],
                ]
            ],
        ],
    ]

    static let registry = """
        {"resources": {
          "fn": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:aud-fn"},
          "db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:123456789012:db:aud-db"},
          "bucket": {"type": "s3-bucket", "arn": "arn:aws:s3:::aud-open-bucket"},
          "gone": {"type": "s3-bucket", "arn": "arn:aws:s3:::aud-gone-bucket"},
          "idle": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/aud-cluster/aud-idle"}}}
        """

    static let moto = Task<MotoServer, any Error> {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, plan: plan)
        return moto
    }

    func workspace() throws -> TestWorkspace {
        let ws = try TestWorkspace(copyingRepository: ["plugins"], prefix: "audit")
        _ = try ws.writeConfig(
            #"{"handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1"}}}, "environments": {"prod": {"region": "us-east-1"}}}"#)
        _ = try ws.write(".fractary/plugins/faber-cloud/deployments/prod/registry.json", Self.registry)
        return ws
    }

    func audit(_ ws: TestWorkspace, _ arguments: String = "", extra: [String: String] = [:]) async throws -> FaberBinary.Result {
        let moto = try await Self.moto.value
        return try FaberBinary.locate().run(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage audit --env prod \(arguments)"],
            environment: moto.clientEnvironment(extra))
    }

    @Test("the whole audit: the bill by service, a priced right-sizing, every security and compliance finding, exit 2 on critical ones")
    func wholeAudit() async throws {
        let ws = try workspace()
        let result = try await audit(ws, "--output json")
        #expect(result.status == 2, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        #expect(report["monthly_cost"] == 127.5)
        let breakdown = try #require(report["cost_breakdown"]?.array)
        #expect(breakdown.first?["service"] == "Amazon Relational Database Service" && breakdown.first?["percent"] == 66.7)
        #expect(report["cost_trend"]?["direction"] == "rising")
        #expect(report["cost_trend"]?["months"]?.array?.compactMap { $0["total"]?.double } == [110, 118, 127.5])
        let opportunities = try #require(report["opportunities"]?.array)
        let rightSize = try #require(opportunities.first { $0["title"]?.string?.hasPrefix("Right-size RDS instance aud-db") == true })
        #expect(rightSize["current"]?.string?.hasPrefix("db.t3.medium") == true)
        #expect(rightSize["recommended"]?.string?.hasPrefix("db.t3.small") == true)
        // (0.072 - 0.036) $/h x 730 h from the price table.
        #expect(rightSize["monthly_savings"] == 26.28)
        #expect(rightSize["priority"] == "high")
        #expect(opportunities.contains { $0["title"]?.string?.contains("Graviton2") == true && $0["monthly_savings"] == 4.4 })
        // moto's task definition: one container of 128 MiB, no CPU: 4 tasks x 0.125 GB x $0.004445 x 730 h / 2.
        let service = try #require(opportunities.first { $0["title"] == "Right-size ECS service aud-idle" })
        #expect(service["current"]?.string?.hasPrefix("4 tasks of 128 MiB") == true)
        #expect(service["monthly_savings"] == 0.81)
        let memory = try #require(opportunities.first { $0["title"] == "Lower the memory of Lambda function aud-fn" })
        #expect(memory["current"] == "1024 MB" && memory["recommended"] == "192 MB")
        let findings = try #require(report["findings"]?.array)
        func has(_ check: String, _ severity: String, resource: String? = nil) -> Bool {
            findings.contains { $0["check"]?.string == check && $0["severity"]?.string == severity && (resource == nil || $0["resource"]?.string == resource) }
        }
        #expect(has("rds-publicly-accessible", "critical", resource: "db"))
        #expect(has("rds-storage-encrypted", "high", resource: "db"))
        #expect(findings.contains { $0["check"] == "sg-open-ingress" && $0["detail"]?.string?.contains("22") == true })
        #expect(has("s3-public-access-block", "high", resource: "bucket"))
        #expect(findings.contains { $0["check"] == "lambda-runtime-deprecated" && $0["resource"] == "fn" })
        let tags = try #require(findings.first { $0["check"] == "required-tags" && $0["resource"] == "db" })
        #expect(tags["detail"] == "missing tags: owner, cost-center")
        #expect(has("registry-drift", "high", resource: "gone"))
        // Most severe first.
        let order = ["critical", "high", "medium", "low"]
        let ranks = findings.compactMap { $0["severity"]?.string }.map { order.firstIndex(of: $0) ?? 9 }
        #expect(ranks == ranks.sorted())
        let path = try #require(report["report_path"]?.string)
        #expect(path.hasPrefix("logs/infrastructure/audits/prod/") && path.hasSuffix("-audit.json"))
        #expect(ws.read(path) != nil)
    }

    @Test("the cost audit in text reads like the seed's example, with the price table named")
    func costText() async throws {
        let ws = try workspace()
        let result = try await audit(ws, "--focus cost")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Current Monthly Cost: $127.5 USD"))
        #expect(result.stdout.contains("- Amazon Relational Database Service  $85  (66.7%)"))
        #expect(result.stdout.contains("HIGH PRIORITY ($26.28/month savings)"))
        #expect(result.stdout.contains("└─ Right-size RDS instance aud-db"))
        #expect(result.stdout.contains("Total Potential Savings: $"))
        #expect(result.stdout.contains("Prices: AWS public on-demand pricing pages"))
        #expect(!result.stdout.contains("sg-open-ingress"))
    }

    @Test("Cost Explorer refused: a finding naming the IAM action, and the rest of the audit")
    func costRefused() async throws {
        let ws = try workspace()
        let denied = try await ScriptedHTTPServer.start(
            [.json(400, #"{"__type":"AccessDeniedException","Message":"User is not authorized to perform: ce:GetCostAndUsage"}"#)])
        defer { Task { await denied.shutdown() } }
        let result = try await audit(ws, "--output json", extra: ["AWS_ENDPOINT_URL_COST_EXPLORER": denied.endpoint])
        #expect(result.status == 2, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        let finding = try #require(report["findings"]?.array?.first { $0["check"] == "cost-unreadable" })
        #expect(finding["remediation"]?.string?.contains("ce:GetCostAndUsage") == true)
        #expect(report["findings"]?.array?.contains { $0["check"] == "rds-publicly-accessible" } == true)
    }
}
