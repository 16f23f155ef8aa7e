import FaberCore
import FaberOpsModel
import FaberTestSupport
import Foundation
import Testing

@testable import FaberOps

/// `incident.correlate` with values: incidents of different shapes, each with its root cause,
/// and environments where nothing happened. The plugin's own thresholds and analysis settings.
@Suite("Incident correlation")
struct IncidentCorrelationTests {
    static let skill = TestWorkspace.repository + "/plugins/fractary-faber-cloud/skills/ops-monitor"
    /// The window: 120 one-minute points ending at `end`.
    static let end = 1_800_007_200.0
    static let start = end - 7200

    static let api = Value.registryEntry("checkout-api", "api-gateway", "arn:aws:apigateway:us-east-1::/restapis/ck01")
    static let fn = Value.registryEntry("orders-api", "lambda", "arn:aws:lambda:us-east-1:123456789012:function:orders-api-prod")
    static let db = Value.registryEntry("orders-db", "rds-instance", "arn:aws:rds:us-east-1:123456789012:db:orders-db-prod")
    static let web = Value.registryEntry("web", "ecs-service", "arn:aws:ecs:us-east-1:123456789012:service/shop/web")
    static let mailer = Value.registryEntry("mailer", "lambda", "arn:aws:lambda:us-east-1:123456789012:function:mailer-prod")

    /// A metric as aws.query-metrics gives it: one point a minute, `value(minute)` for minutes 0..<120.
    static func metric(_ unit: String, seed: UInt64, every step: Int = 1, _ value: (Int, inout TestNoise) -> Double) -> Value {
        var noise = TestNoise(seed: seed)
        let points: [Value] = stride(from: 0, to: 120, by: step).map { minute in
            ["t": .string(ISOTime.string(epochSeconds: start + Double(minute + 1) * 60)), "v": .double(value(minute, &noise))]
        }
        return ["unit": .string(unit), "stat": "Sum", "points": .array(points)]
    }

    static func level(_ base: Double, _ spread: Double, then after: Double? = nil, from minute: Int = 0) -> (Int, inout TestNoise)
        -> Double
    {
        { m, noise in ((after != nil && m >= minute) ? after! : base) + spread * noise.next() }
    }

    static func time(_ minute: Int) -> String { ISOTime.string(epochSeconds: start + Double(minute + 1) * 60) }

    static func status(_ id: String, _ state: String = "available", reason: String? = nil, details: Value = [:]) -> Value {
        ["id": .string(id), "status": .string(state), "reason": reason.map { .string($0) } ?? .null, "details": details]
    }

    /// What aws.get-resource-status says of a database: its class, whose max connections are 112.
    static func details(_ entry: Value) -> Value {
        entry["type"] == "rds-instance" ? ["class": "db.t3.micro"] : [:]
    }

    /// Error log events of one group: `count` per minute from `minute` on.
    static func logs(_ group: String, _ message: (Int) -> String, from minute: Int, perMinute: Int = 3) -> [Value] {
        (minute..<120).flatMap { m in
            (0..<perMinute).map { k in
                [
                    "timestamp": .string(ISOTime.string(epochSeconds: start + Double(m) * 60 + Double(k * 10))), "message": .string(message(m * 10 + k)),
                    "log_group": .string(group), "pattern_id": "p-timeout",
                ]
            }
        }
    }

    func correlate(
        _ resources: [Value], metrics: Value, statuses: [Value] = [], logs: [Value] = [], changes: [Value] = [], service: String? = nil
    ) async throws -> Value {
        var input: Value = [
            "environment": "prod",
            "resources": .array(resources),
            "statuses": .array(statuses.isEmpty ? resources.map { Self.status($0["id"]!.string!, details: Self.details($0)) } : statuses),
            "metrics": metrics,
            "since": .string(ISOTime.string(epochSeconds: Self.start)),
            "until": .string(ISOTime.string(epochSeconds: Self.end)),
            "log_events": .array(logs),
            "log_patterns": [["id": "p-timeout", "pattern": "ERROR Database connection timeout after <*> ms"]],
            "log_groups": ["orders-api": ["/aws/lambda/orders-api-prod"], "mailer": ["/aws/lambda/mailer-prod"]],
            "changes": .array(changes),
            "thresholds_file": "thresholds.json",
            "settings_file": "analysis.json",
        ]
        if let service { input["service"] = .string(service) }
        let ws = try TestWorkspace()
        return try await CorrelateIncidentHandler().run(input, context: .testing(workspace: ws.root, skillDirectory: Self.skill))
    }

    /// The database saturates, then the function behind the API fails, then the API: the database.
    static let databaseIncident: Value = [
        "orders-db": [
            "DatabaseConnections": metric("Count", seed: 1, level(38, 3, then: 111, from: 60)),
            "CPUUtilization": metric("Percent", seed: 2, level(20, 3, then: 48, from: 60)),
        ],
        "orders-api": [
            "Invocations": metric("Count", seed: 3, level(80, 4)),
            "Errors": metric("Count", seed: 4, level(0.03, 0.03, then: 6, from: 64)),
            "Duration": metric("Milliseconds", seed: 5, level(120, 15, then: 2900, from: 64)),
        ],
        "checkout-api": [
            "Count": metric("Count", seed: 6, level(300, 10)),
            "5XXError": metric("Count", seed: 7, level(0.05, 0.05, then: 6, from: 66)),
        ],
    ]

    @Test("a saturated database behind a failing function and API is the root cause, not the loudest symptom")
    func databaseRootCause() async throws {
        let report = try await correlate(
            [Self.api, Self.fn, Self.db], metrics: Self.databaseIncident,
            logs: Self.logs("/aws/lambda/orders-api-prod", { "ERROR Database connection timeout after 5000 ms (request \($0))" }, from: 64),
            service: "orders-api")
        #expect(report["incident"] == true)
        #expect(report["status"] == "UNHEALTHY")
        #expect(report["root_cause"]?["resource"] == "orders-db")
        #expect(report["root_cause"]?["onset"] == .string(Self.time(60)))
        let affected = report["affected_resources"]?.array?.compactMap { $0["resource"]?.string }
        #expect(affected == ["orders-api", "checkout-api"])
        let summary = try #require(report["summary"]?.string)
        #expect(summary.hasPrefix("The trouble of orders-api starts elsewhere. orders-db"), "\(summary)")
        // The evidence: the connections before and after, the limit crossed, the function's errors in its logs.
        let evidence = try #require(report["root_cause"]?["evidence"]?.array)
        let change = try #require(evidence.first { $0["kind"] == "change" && $0["metric"] == "DatabaseConnections" })
        #expect(abs((change["before"]?.double ?? 0) - 38) < 3 && abs((change["after"]?.double ?? 0) - 111) < 3)
        #expect(evidence.contains { $0["kind"] == "threshold" && $0["metric"] == "DatabaseConnections" && $0["limit"] == 100.8 })
        let logs = try #require(evidence.first { $0["kind"] == "logs" })
        #expect(logs["resource"] == "orders-api" && logs["count"] == .int(56 * 3))
        #expect(logs["pattern"] == "ERROR Database connection timeout after <*> ms")
        // The timeline is in time order, and the database's change comes before the function's.
        let timeline = try #require(report["timeline"]?.array)
        let times = timeline.compactMap { $0["time"]?.string }
        #expect(times == times.sorted())
        let first = { (resource: String) in timeline.firstIndex { $0["resource"]?.string == resource && $0["kind"] != "level" } }
        #expect(try #require(first("orders-db")) < (try #require(first("orders-api"))))
        #expect(try #require(first("orders-api")) < (try #require(first("checkout-api"))))
        #expect(report["recommendations"]?.array?.first?.string?.hasPrefix("orders-db:") == true)
    }

    @Test("a function that fails after its deployment is the root cause, and the deployment its likely trigger")
    func deploymentTrigger() async throws {
        let metrics: Value = [
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 11, Self.level(80, 4)),
                "Errors": Self.metric("Count", seed: 12, Self.level(0.03, 0.03, then: 20, from: 70)),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: 13, Self.level(300, 10)),
                "5XXError": Self.metric("Count", seed: 14, Self.level(0.05, 0.05, then: 18, from: 70)),
            ],
            "orders-db": ["DatabaseConnections": Self.metric("Count", seed: 15, Self.level(38, 3))],
        ]
        let changes: Value = [
            ["time": .string(Self.time(20)), "resource": "web", "kind": "deployment", "detail": "deployment of task definition web:7"],
            ["time": .string(Self.time(66)), "resource": "orders-api", "kind": "deployment", "detail": "function code or configuration updated"],
        ]
        let report = try await correlate([Self.api, Self.fn, Self.db, Self.web], metrics: metrics, changes: changes.array!)
        #expect(report["root_cause"]?["resource"] == "orders-api")
        #expect(report["root_cause"]?["trigger"]?["resource"] == "orders-api")
        #expect(report["root_cause"]?["trigger"]?["time"] == .string(Self.time(66)))
        #expect(report["recommendations"]?.array?.first?.string?.hasPrefix("Review the change to orders-api") == true)
        let timeline = try #require(report["timeline"]?.array)
        #expect(timeline.contains { $0["event"]?.string?.hasPrefix("likely trigger: function code") == true })
        // The unrelated earlier deployment is on the timeline, but neither cause nor trigger.
        #expect(timeline.contains { $0["resource"] == "web" && $0["kind"] == "deployment" })
        #expect(!(report["affected_resources"]?.array ?? []).contains { $0["resource"] == "orders-db" })
    }

    @Test("an ECS service losing its tasks is the root cause of the API's errors; an earlier traffic rise elsewhere is context")
    func ecsRootCause() async throws {
        let metrics: Value = [
            "web": [
                "RunningTaskCount": Self.metric("Count", seed: 21, { m, _ in m >= 80 ? 1 : 4 }),
                "CPUUtilization": Self.metric("Percent", seed: 22, Self.level(45, 4, then: 97, from: 80)),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: 23, Self.level(300, 10)),
                "5XXError": Self.metric("Count", seed: 24, Self.level(0.05, 0.05, then: 25, from: 82)),
            ],
            // A misleading earlier change elsewhere: the mailer's traffic triples, with no errors.
            "mailer": [
                "Invocations": Self.metric("Count", seed: 25, Self.level(40, 3, then: 120, from: 30)),
                "Errors": Self.metric("Count", seed: 26, { _, _ in 0 }),
            ],
        ]
        let report = try await correlate([Self.api, Self.web, Self.mailer], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "web")
        #expect(report["affected_resources"]?.array?.compactMap { $0["resource"]?.string } == ["checkout-api"])
        let timeline = try #require(report["timeline"]?.array)
        let traffic = try #require(timeline.first { $0["resource"] == "mailer" })
        #expect(traffic["kind"] == "context")
        #expect(traffic["event"]?.string?.contains("(traffic)") == true)
    }

    @Test("a healthy but noisy environment: no incident, nothing invented from noise", arguments: [UInt64(100), 200, 300])
    func noisyHealthy(seed: UInt64) async throws {
        var spiky = Self.level(120, 30)
        let metrics: Value = [
            "orders-api": [
                "Invocations": Self.metric("Count", seed: seed, Self.level(80, 25)),
                "Errors": Self.metric("Count", seed: seed + 1, { _, noise in noise.next() > 0.85 ? 1 : 0 }),
                "Duration": Self.metric(
                    "Milliseconds", seed: seed + 2,
                    { m, noise in
                        m == 47 ? 1900 : spiky(m, &noise)
                    }),
            ],
            "orders-db": [
                "DatabaseConnections": Self.metric("Count", seed: seed + 3, Self.level(40, 12)),
                "CPUUtilization": Self.metric("Percent", seed: seed + 4, Self.level(30, 12)),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: seed + 5, Self.level(300, 60)),
                "5XXError": Self.metric("Count", seed: seed + 6, { _, noise in noise.next() > 0.9 ? 1 : 0 }),
            ],
        ]
        spiky = Self.level(120, 30)
        let sporadic = (0..<3).map { k in
            [
                "timestamp": .string(Self.time(30 + k * 30)), "message": "ERROR payment provider returned 502, retrying",
                "log_group": "/aws/lambda/orders-api-prod",
                "pattern_id": "p-retry",
            ] as Value
        }
        let report = try await correlate([Self.api, Self.fn, Self.db], metrics: metrics, logs: sporadic)
        #expect(report["incident"] == false)
        #expect(report["status"] == "HEALTHY")
        #expect(report["root_cause"] == .null)
        #expect(report["summary"]?.string?.hasPrefix("No incident found") == true)
    }

    @Test("traffic alone, however large the change, is context and never the root cause")
    func trafficAlone() async throws {
        let metrics: Value = [
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 31, Self.level(80, 4, then: 400, from: 50)),
                "Errors": Self.metric("Count", seed: 32, { _, _ in 0 }),
            ]
        ]
        let report = try await correlate([Self.fn], metrics: metrics)
        #expect(report["incident"] == false)
        #expect(report["timeline"]?.array?.contains { $0["kind"] == "context" } == true)
    }

    @Test("the registry's depends_on decides between simultaneous onsets")
    func explicitDependencies() async throws {
        var web = Self.web
        web["depends_on"] = ["orders-api"]
        let metrics: Value = [
            "web": ["CPUUtilization": Self.metric("Percent", seed: 41, Self.level(40, 3, then: 97, from: 60))],
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 42, Self.level(80, 4)),
                "Errors": Self.metric("Count", seed: 43, Self.level(0.03, 0.03, then: 30, from: 61)),
            ],
        ]
        // By the type layers the two are peers; the registry says web calls orders-api.
        let report = try await correlate([web, Self.fn], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "orders-api")
    }

    @Test("a resource gone from AWS is trouble without a time: reported, after the timed root cause")
    func statusProblem() async throws {
        let statuses = [
            Self.status("orders-db", details: ["class": "db.t3.micro"]), Self.status("orders-api"), Self.status("checkout-api"),
            Self.status("reports", "missing", reason: "registry drift: s3-bucket reports not found in us-east-1"),
        ]
        let bucket = Value.registryEntry("reports", "s3-bucket", "arn:aws:s3:::reports")
        let report = try await correlate([Self.api, Self.fn, Self.db, bucket], metrics: Self.databaseIncident, statuses: statuses)
        #expect(report["root_cause"]?["resource"] == "orders-db")
        let reports = try #require(report["affected_resources"]?.array?.first { $0["resource"] == "reports" })
        #expect(reports["related"] == false)
        #expect(report["summary"]?.string?.contains("not explained by it: reports") == true)
    }

    @Test("a service that is not in the registry is a usage error with a did-you-mean")
    func unknownService() async throws {
        await #expect(throws: FaberError.self) { _ = try await correlate([Self.fn], metrics: [:], service: "orders-apj") }
    }

    @Test("an ECS service whose memory climbs (a leak: a ramp, not a step) is the root cause once it crosses its threshold")
    func memoryLeak() async throws {
        let metrics: Value = [
            "web": [
                "MemoryUtilization": Self.metric("Percent", seed: 51, { m, noise in min(99, 40 + Double(max(0, m - 30)) * 0.9 + noise.next()) }),
                "CPUUtilization": Self.metric("Percent", seed: 52, Self.level(35, 3)),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: 53, Self.level(300, 10)),
                "5XXError": Self.metric("Count", seed: 54, { m, _ in m >= 95 ? 12 : 0 }),
            ],
        ]
        let report = try await correlate([Self.api, Self.web], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "web", "\(report["summary"] ?? .null)")
        let evidence = try #require(report["root_cause"]?["evidence"]?.array)
        #expect(evidence.contains { $0["kind"] == "threshold" && $0["metric"] == "MemoryUtilization" })
        #expect(report["affected_resources"]?.array?.first?["resource"] == "checkout-api")
    }

    @Test("an API that fails while everything behind it is fine is its own root cause")
    func apiAlone() async throws {
        let metrics: Value = [
            "checkout-api": [
                "Count": Self.metric("Count", seed: 61, Self.level(300, 10)),
                "5XXError": Self.metric("Count", seed: 62, { m, _ in m >= 40 ? 30 : 0 }),
            ],
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 63, Self.level(80, 4)),
                "Errors": Self.metric("Count", seed: 64, { _, _ in 0 }),
            ],
            "orders-db": ["DatabaseConnections": Self.metric("Count", seed: 65, Self.level(38, 3))],
        ]
        let report = try await correlate([Self.api, Self.fn, Self.db], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "checkout-api")
        #expect(report["affected_resources"]?.array?.isEmpty == true)
    }

    @Test("a slow database (CPU) makes the function slow, then the API: latency alone, no errors, still traced to the database")
    func latencyCascade() async throws {
        let metrics: Value = [
            "orders-db": ["CPUUtilization": Self.metric("Percent", seed: 71, Self.level(30, 3, then: 97, from: 50))],
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 72, Self.level(80, 4)),
                "Errors": Self.metric("Count", seed: 73, { _, _ in 0 }),
                "Duration": Self.metric("Milliseconds", seed: 74, Self.level(150, 10, then: 2950, from: 52)),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: 75, Self.level(300, 10)),
                "Latency": Self.metric("Milliseconds", seed: 76, Self.level(180, 10, then: 3100, from: 53)),
            ],
        ]
        let statuses = [
            Self.status("orders-db", details: ["class": "db.t3.micro"]), Self.status("orders-api", details: ["timeout_s": 3]),
            Self.status("checkout-api"),
        ]
        let report = try await correlate([Self.api, Self.fn, Self.db], metrics: metrics, statuses: statuses)
        #expect(report["root_cause"]?["resource"] == "orders-db", "\(report["summary"] ?? .null)")
        #expect(report["affected_resources"]?.array?.compactMap { $0["resource"]?.string } == ["orders-api", "checkout-api"])
    }

    @Test("a function that fails first and then floods its database: the function is the root cause, the database affected")
    func functionThenDatabase() async throws {
        let metrics: Value = [
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 81, Self.level(80, 4)),
                "Errors": Self.metric("Count", seed: 82, { m, _ in m >= 40 ? 15 : 0 }),
            ],
            "orders-db": ["DatabaseConnections": Self.metric("Count", seed: 83, Self.level(38, 3, then: 111, from: 52))],
        ]
        var fn = Self.fn
        fn["depends_on"] = ["orders-db"]
        let report = try await correlate([fn, Self.db], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "orders-api", "\(report["summary"] ?? .null)")
    }

    @Test("with a point every 5 minutes one point past a limit is a crossing; a minute apart it takes three")
    func sparsePoints() {
        func series(every step: Double, _ count: Int) -> MetricSeries {
            MetricSeries(name: "m", unit: "Count", stat: "Sum", points: (0..<count).map { (Double($0) * step, 1) })
        }
        #expect(IncidentCorrelator.crossingLength(series(every: 60, 30), points: 3) == 3)
        #expect(IncidentCorrelator.crossingLength(series(every: 120, 30), points: 3) == 2)
        #expect(IncidentCorrelator.crossingLength(series(every: 300, 30), points: 3) == 1)
        #expect(IncidentCorrelator.crossingLength(series(every: 60, 2), points: 3) == 2)
    }

    @Test("with a point every 5 minutes (24 in two hours) the database is still found, and when")
    func fiveMinutePoints() async throws {
        let metrics: Value = [
            "orders-db": ["DatabaseConnections": Self.metric("Count", seed: 91, every: 5, Self.level(38, 3, then: 111, from: 60))],
            "orders-api": [
                "Invocations": Self.metric("Count", seed: 92, every: 5, Self.level(400, 10)),
                "Errors": Self.metric("Count", seed: 93, every: 5, { m, _ in m >= 65 ? 30 : 0 }),
            ],
            "checkout-api": [
                "Count": Self.metric("Count", seed: 94, every: 5, Self.level(1500, 30)),
                "5XXError": Self.metric("Count", seed: 95, every: 5, { m, _ in m >= 65 ? 30 : 0 }),
            ],
        ]
        let report = try await correlate([Self.api, Self.fn, Self.db], metrics: metrics)
        #expect(report["root_cause"]?["resource"] == "orders-db", "\(report["summary"] ?? .null)")
        #expect(report["root_cause"]?["onset"] == .string(Self.time(60)))
        #expect(report["affected_resources"]?.array?.compactMap { $0["resource"]?.string } == ["orders-api", "checkout-api"])
    }
}
