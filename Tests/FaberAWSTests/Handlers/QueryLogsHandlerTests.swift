import FaberCore
import FaberOpsModel
import Testing

@Suite("aws.query-logs against moto")
struct QueryLogsHandlerTests {
    let account = "123456789012"

    /// A Lambda function's group (30 events, 10 s apart) and an ECS service whose task definition logs
    /// to its own awslogs group (20 events, 10 s apart, 5 s off the first group).
    struct Seeded {
        var h: HandlerHarness
        var resources: Value
        var lambdaGroup: String
        var ecsGroup: String
        /// (seconds ago, message) of every event.
        var events: [(ago: Int, message: String)]
    }

    func seedTwoGroups() async throws -> Seeded {
        let h = try await HandlerHarness.make()
        let (fn, cluster, svc) = (h.name("fn"), h.name("cl"), h.name("svc"))
        let lambdaGroup = "/aws/lambda/\(fn)"
        let ecsGroup = "/custom/\(h.name("app"))"
        let a = (1...30).map { (ago: $0 * 10, message: "A-\($0) \($0 % 3 == 0 ? "ERROR" : "INFO") request done") }
        let b = (0..<20).map { (ago: 5 + $0 * 10, message: "B-\($0) \($0 % 4 == 0 ? "ERROR" : "INFO") task ok") }
        func events(_ list: [(ago: Int, message: String)]) -> Value {
            .array(list.map { ["message": .string($0.message), "seconds_ago": .int($0.ago)] })
        }
        _ = try await h.seed([
            "clusters": [["name": .string(cluster)]],
            "services": [["cluster": .string(cluster), "name": .string(svc), "log_group": .string(ecsGroup)]],
            "log_groups": [
                ["name": .string(lambdaGroup), "streams": ["2025/10/28/[$LATEST]abc": events(a)]],
                ["name": .string(ecsGroup), "streams": ["app/app/1": events(Array(b.prefix(10))), "app/app/2": events(Array(b.dropFirst(10)))]],
            ],
        ])
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
            Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(cluster)/\(svc)"),
        ]
        return Seeded(h: h, resources: resources, lambdaGroup: lambdaGroup, ecsGroup: ecsGroup, events: a + b)
    }

    @Test("merges two groups newest first, cuts at limit, and follows nextToken across pages")
    func newestFirstAcrossGroups() async throws {
        let s = try await seedTwoGroups()
        defer { s.h.remove() }
        let run = try await s.h.run("aws.query-logs", ["resources": s.resources, "limit": 10, "page_size": 7])
        let out = run.output
        let expected = s.events.sorted { $0.ago < $1.ago }.prefix(10).map(\.message)
        #expect(out["events"]?.array?.map { $0["message"]?.string ?? "" } == expected)
        #expect(out["count"] == 10)
        #expect(out["truncated"] == true)
        #expect(out["log_groups"] == [.string(s.lambdaGroup), .string(s.ecsGroup)])
        #expect(out["missing_log_groups"] == [])
        let first = try #require(out["events"]?[0])
        #expect(first["log_group"]?.string == s.ecsGroup)
        #expect(first["log_stream"] == "app/app/1")
        #expect(out["events"]?[1]?["log_stream"] == "2025/10/28/[$LATEST]abc")
        let stamps = out["events"]?.array?.compactMap { $0["timestamp"]?.string } ?? []
        #expect(stamps == stamps.sorted(by: >))
        #expect(stamps.allSatisfy { $0.hasSuffix("Z") && $0.count == 24 }, "ISO-8601 with milliseconds: \(stamps.first ?? "")")
        // 30 events in pages of 7 -> 5 calls; 20 events -> 3 calls.
        #expect(run.calls("FilterLogEvents") == 8)
        #expect(run.calls("DescribeTaskDefinition") == 1)
    }

    @Test("applies the filter pattern and the time range")
    func filterAndRange() async throws {
        let s = try await seedTwoGroups()
        defer { s.h.remove() }
        let run = try await s.h.run("aws.query-logs", ["resources": s.resources, "filter": "ERROR", "since": "2m", "limit": 100])
        let expected = s.events.filter { $0.message.contains("ERROR") && $0.ago < 118 }.sorted { $0.ago < $1.ago }.map(\.message)
        #expect(!expected.isEmpty)
        #expect(run.output["events"]?.array?.map { $0["message"]?.string ?? "" } == expected)
        #expect(run.output["count"] == .int(expected.count))
        #expect(run.output["truncated"] == false)
    }

    @Test("log groups that do not exist are reported, not errors; S3 has none")
    func missingGroups() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (fn, db) = (h.name("quiet"), h.name("db"))
        let run = try await h.run(
            "aws.query-logs",
            [
                "resources": [
                    Value.registryEntry("quiet", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
                    Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(db)"),
                    Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:\(account):service/\(h.name("nocl"))/\(h.name("svc"))"),
                    Value.registryEntry("uploads", "s3-bucket", "arn:aws:s3:::\(h.name("bucket"))"),
                ],
                "log_groups": [.string("/nope/\(h.prefix)")],
            ])
        #expect(run.output["events"] == [])
        #expect(run.output["count"] == 0)
        #expect(run.output["log_groups"] == [])
        let missing = run.output["missing_log_groups"]?.array?.compactMap(\.string) ?? []
        #expect(Set(missing) == ["/aws/rds/instance/\(db)/*", "/aws/lambda/\(fn)", "/ecs/\(h.name("svc"))", "/nope/\(h.prefix)"])
        #expect(run.output["skipped"]?[0]?["id"] == "uploads")
    }

    @Test("RDS log groups are found by prefix")
    func rdsGroupsByPrefix() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let db = h.name("db")
        _ = try await h.seed([
            "log_groups": [
                ["name": .string("/aws/rds/instance/\(db)/postgresql"), "streams": ["s": [["message": "FATAL: too many connections", "seconds_ago": 30]]]],
                ["name": .string("/aws/rds/instance/\(db)/upgrade"), "streams": ["s": [["message": "upgrade done", "seconds_ago": 60]]]],
            ]
        ])
        let run = try await h.run("aws.query-logs", ["resources": [Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(db)")]])
        #expect(run.output["events"]?.array?.map { $0["message"]?.string ?? "" } == ["FATAL: too many connections", "upgrade done"])
        #expect(run.output["log_groups"]?.array?.count == 2)
    }

    @Test("a Logs Insights query runs with StartQuery and GetQueryResults until Complete")
    func insights() async throws {
        let s = try await seedTwoGroups()
        defer { s.h.remove() }
        let run = try await s.h.run(
            "aws.query-logs",
            [
                "resources": s.resources,
                "log_groups": [.string("/nope/\(s.h.prefix)")],
                "query": "fields @timestamp, @message | sort @timestamp desc | limit 20",
                "limit": 20,
            ])
        let rows = run.output["results"]?.array ?? []
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["@message"]?.string != nil && $0["@ptr"] == nil })
        let messages = Set(rows.compactMap { $0["@message"]?.string })
        #expect(messages.isSubset(of: Set(s.events.map(\.message))))
        #expect(run.output["count"] == .int(rows.count))
        #expect(run.output["statistics"]?["records_matched"] != nil)
        #expect(run.output["missing_log_groups"] == [.string("/nope/\(s.h.prefix)")])
        #expect(run.calls("StartQuery") == 1)
        #expect(run.calls("GetQueryResults") >= 1)
        #expect(run.calls("FilterLogEvents") == 0)
    }
}
