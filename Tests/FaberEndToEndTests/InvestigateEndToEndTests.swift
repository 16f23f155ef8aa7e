import FaberCore
import FaberTestSupport
import Foundation
import Testing

/// investigate, query-logs and analyze-performance run by the faber binary against a moto server
/// seeded with incidents of different shapes, one environment each (two hours of metrics a
/// minute and the log lines of those hours):
///
/// - `dbinc`: a database's connections saturate, then the function behind an API fails, then the API;
/// - `fninc`: a function fails after a deployment (a CloudTrail event), while earlier an unrelated
///   function's traffic tripled and another was deployed;
/// - `ecsinc`: an ECS service saturates and loses tasks, then the API in front of it answers 5XX;
/// - `calm`: noisy but healthy, with sporadic errors and a lone latency spike.
@Suite("investigate, query-logs and analyze-performance against moto, end to end", .timeLimit(.minutes(5)))
struct InvestigateEndToEndTests {
    static let environments = ["dbinc", "fninc", "ecsinc", "calm"]

    /// One metric with a point a minute for the last 120 minutes; `value(minute)` for minute 0
    /// (120 minutes ago) to 119 (a minute ago).
    static func metric(
        _ namespace: String, _ name: String, _ dimensions: Value, unit: String, seed: UInt64, _ value: (Int, inout TestNoise) -> Double
    ) -> Value {
        var noise = TestNoise(seed: seed)
        let values = (0..<120).map { minute in Value.double((value(minute, &noise) * 100).rounded() / 100) }
        return [
            "namespace": .string(namespace), "name": .string(name), "dimensions": dimensions, "unit": .string(unit),
            "values": .array(values), "minutes_ago": .array((0..<120).map { .int(120 - $0) }),
        ]
    }

    static func level(_ base: Double, _ spread: Double, then after: Double? = nil, from minute: Int = 0) -> (Int, inout TestNoise) -> Double {
        { m, noise in ((after != nil && m >= minute) ? after! : base) + spread * noise.next() }
    }

    /// Counts that are 0 except now and then.
    static func rare(_ chance: Double) -> (Int, inout TestNoise) -> Double { { _, noise in noise.next() > 1 - 2 * chance ? 1 : 0 } }

    /// `count` log lines a minute from `minute` on (seconds before now).
    static func lines(_ message: (Int) -> String, from minute: Int, perMinute: Int) -> [Value] {
        (minute..<120).flatMap { m in
            (0..<perMinute).map { k in ["message": .string(message(m * 10 + k)), "seconds_ago": .int((120 - m) * 60 - k * 15 - 2)] as Value }
        }
    }

    static let plan: Value = {
        let fnDB: Value = ["FunctionName": "inc-fn"]
        let db: Value = ["DBInstanceIdentifier": "inc-db"]
        let api: Value = ["ApiName": "inc-api"]
        let payFn: Value = ["FunctionName": "pay-fn"]
        let mailFn: Value = ["FunctionName": "mail-fn"]
        let payAPI: Value = ["ApiName": "pay-api"]
        let payDB: Value = ["DBInstanceIdentifier": "pay-db"]
        let web: Value = ["ClusterName": "shop-x", "ServiceName": "web-x"]
        let shopAPI: Value = ["ApiName": "shop-api"]
        let calmFn: Value = ["FunctionName": "calm-fn"]
        let calmDB: Value = ["DBInstanceIdentifier": "calm-db"]
        let calmAPI: Value = ["ApiName": "calm-api"]
        var metrics: [Value] = [
            // dbinc: the database first (minute 60), then the function (64), then the API (66).
            metric("AWS/RDS", "DatabaseConnections", db, unit: "Count", seed: 1, level(38, 3, then: 111, from: 60)),
            metric("AWS/RDS", "CPUUtilization", db, unit: "Percent", seed: 2, level(20, 3, then: 48, from: 60)),
            metric("AWS/Lambda", "Invocations", fnDB, unit: "Count", seed: 3, level(80, 4)),
            metric("AWS/Lambda", "Errors", fnDB, unit: "Count", seed: 4, { m, noise in m >= 64 ? 6 + (noise.next() > 0 ? 1 : 0) : 0 }),
            metric("AWS/Lambda", "Duration", fnDB, unit: "Milliseconds", seed: 5, level(120, 15, then: 2900, from: 64)),
            metric("AWS/ApiGateway", "Count", api, unit: "Count", seed: 6, level(300, 10)),
            metric("AWS/ApiGateway", "5XXError", api, unit: "Count", seed: 7, { m, _ in m >= 66 ? 6 : 0 }),
            // fninc: the function from minute 70, the API with it; the mailer's traffic triples at 30.
            metric("AWS/Lambda", "Invocations", payFn, unit: "Count", seed: 11, level(80, 4)),
            metric("AWS/Lambda", "Errors", payFn, unit: "Count", seed: 12, { m, _ in m >= 70 ? 20 : 0 }),
            metric("AWS/ApiGateway", "Count", payAPI, unit: "Count", seed: 13, level(300, 10)),
            metric("AWS/ApiGateway", "5XXError", payAPI, unit: "Count", seed: 14, { m, _ in m >= 71 ? 18 : 0 }),
            metric("AWS/RDS", "DatabaseConnections", payDB, unit: "Count", seed: 15, level(40, 3)),
            metric("AWS/Lambda", "Invocations", mailFn, unit: "Count", seed: 16, level(40, 3, then: 120, from: 30)),
            metric("AWS/Lambda", "Errors", mailFn, unit: "Count", seed: 17, { _, _ in 0 }),
            // ecsinc: the service saturates at minute 80, the API answers 5XX from 82.
            metric("AWS/ECS", "CPUUtilization", web, unit: "Percent", seed: 21, level(45, 4, then: 97, from: 80)),
            metric("AWS/ECS", "MemoryUtilization", web, unit: "Percent", seed: 22, level(50, 3)),
            metric("AWS/ApiGateway", "Count", shopAPI, unit: "Count", seed: 23, level(300, 10)),
            metric("AWS/ApiGateway", "5XXError", shopAPI, unit: "Count", seed: 24, { m, _ in m >= 82 ? 25 : 0 }),
            metric("AWS/ApiGateway", "Latency", shopAPI, unit: "Milliseconds", seed: 25, level(80, 8, then: 2500, from: 82)),
            // calm: noise, sporadic errors, one slow minute.
            metric("AWS/Lambda", "Invocations", calmFn, unit: "Count", seed: 31, level(80, 25)),
            metric("AWS/Lambda", "Errors", calmFn, unit: "Count", seed: 32, rare(0.03)),
            metric("AWS/RDS", "DatabaseConnections", calmDB, unit: "Count", seed: 34, level(40, 12)),
            metric("AWS/RDS", "CPUUtilization", calmDB, unit: "Percent", seed: 35, level(30, 12)),
            metric("AWS/ApiGateway", "Count", calmAPI, unit: "Count", seed: 36, level(300, 60)),
            metric("AWS/ApiGateway", "5XXError", calmAPI, unit: "Count", seed: 37, rare(0.02)),
        ]
        var spike = TestNoise(seed: 33)
        metrics.append(metric("AWS/Lambda", "Duration", calmFn, unit: "Milliseconds", seed: 33, { m, _ in m == 47 ? 1900 : 120 + 30 * spike.next() }))
        let timeouts = lines(
            { "ERROR Database connection timeout after 5000 ms (pool inc-db, request \(String($0 * 7919, radix: 16)))" }, from: 64, perMinute: 3)
        let info = lines({ "INFO order \(10_000 + $0) created in \($0 % 70 + 20) ms" }, from: 0, perMinute: 1)
        let typeErrors = lines(
            { "ERROR TypeError: Cannot read properties of undefined (reading 'amount') at handler (/var/task/index.js:42:17) request \($0)" }, from: 70,
            perMinute: 2)
        let sporadic: [Value] = [30, 75, 101].map { ["message": "ERROR payment provider returned 502, retrying", "seconds_ago": .int((120 - $0) * 60)] }
        return [
            "lambdas": [["name": "inc-fn"], ["name": "pay-fn"], ["name": "mail-fn"], ["name": "calm-fn"]],
            "db_instances": [["id": "inc-db", "class": "db.t3.micro"], ["id": "pay-db", "class": "db.t3.micro"], ["id": "calm-db", "class": "db.t3.micro"]],
            "rest_apis": [
                ["name": "inc-api", "tags": ["_custom_id_": "incapi01"]], ["name": "pay-api", "tags": ["_custom_id_": "payapi01"]],
                ["name": "shop-api", "tags": ["_custom_id_": "shopapi1"]], ["name": "calm-api", "tags": ["_custom_id_": "calmapi1"]],
            ],
            "clusters": [["name": "shop-x"]],
            "services": [["cluster": "shop-x", "name": "web-x", "desired": 2]],
            "metrics": .array(metrics),
            "log_groups": [
                ["name": "/aws/lambda/inc-fn", "streams": ["2026/12/01/[$LATEST]a": .array(timeouts + info)]],
                ["name": "/aws/lambda/pay-fn", "streams": ["2026/12/01/[$LATEST]b": .array(typeErrors + info)]],
                ["name": "/aws/lambda/calm-fn", "streams": ["2026/12/01/[$LATEST]c": .array(sporadic + info)]],
            ],
        ]
    }()

    static let registries: [String: String] = [
        "dbinc": """
        {"environment": "dbinc", "resources": {
          "checkout-api": {"type": "api-gateway", "arn": "arn:aws:apigateway:us-east-1::/restapis/incapi01"},
          "orders-api": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:inc-fn"},
          "orders-db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:123456789012:db:inc-db"}}}
        """,
        "fninc": """
        {"environment": "fninc", "resources": {
          "pay-api": {"type": "api-gateway", "arn": "arn:aws:apigateway:us-east-1::/restapis/payapi01"},
          "payments": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:pay-fn"},
          "mailer": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:mail-fn"},
          "pay-db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:123456789012:db:pay-db"}}}
        """,
        "ecsinc": """
        {"environment": "ecsinc", "resources": {
          "shop-api": {"type": "api-gateway", "arn": "arn:aws:apigateway:us-east-1::/restapis/shopapi1"},
          "web": {"type": "ecs-service", "arn": "arn:aws:ecs:us-east-1:123456789012:service/shop-x/web-x"}}}
        """,
        "calm": """
        {"environment": "calm", "resources": {
          "calm-api": {"type": "api-gateway", "arn": "arn:aws:apigateway:us-east-1::/restapis/calmapi1"},
          "calm-fn": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:calm-fn"},
          "calm-db": {"type": "rds-instance", "arn": "arn:aws:rds:us-east-1:123456789012:db:calm-db"}}}
        """,
    ]

    /// One moto for the suite, seeded once (the operations only read).
    static let moto = Task<MotoServer, any Error> {
        let moto = try await MotoServer.launchPrivate()
        _ = try await MotoSeed.run(endpoint: moto.endpoint, plan: plan)
        return moto
    }

    /// The repository's plugin, with a config.json that has the incident environments and their registries.
    func workspace() throws -> TestWorkspace {
        let ws = try TestWorkspace(copyingRepository: ["plugins", ".fractary"], prefix: "investigate")
        let environments = Self.environments.map { #""\#($0)": {"region": "us-east-1", "require_confirmation": false}"# }
        _ = try ws.writeConfig(
            #"{"handlers": {"hosting": {"active": "aws", "aws": {"region": "us-east-1"}}}, "environments": {\#(environments.joined(separator: ", "))}}"#)
        for (env, registry) in Self.registries {
            _ = try ws.write(".fractary/plugins/faber-cloud/deployments/\(env)/registry.json", registry)
        }
        return ws
    }

    /// The emulator and dummy credentials, whatever the shell had set.
    func awsEnvironment(_ extra: [String: String] = [:]) async throws -> [String: String] {
        try await Self.moto.value.clientEnvironment(extra)
    }

    func faber(_ ws: TestWorkspace, _ line: String, extra: [String: String] = [:]) async throws -> FaberBinary.Result {
        try FaberBinary.locate().run(["--workspace", ws.root, "run", line], environment: try await awsEnvironment(extra))
    }

    func investigate(_ ws: TestWorkspace, _ arguments: String, extra: [String: String] = [:]) async throws -> Value {
        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage investigate \(arguments) --output json", extra: extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try Value.parseJSON(result.stdout)
    }

    /// The time `minutes` before now, to compare with report times a minute apart.
    static func minutesAgo(_ report: String?) -> Double? {
        report.flatMap(ISO8601DateFormatter.withFractionalSeconds.date(from:)).map { -$0.timeIntervalSinceNow / 60 }
    }

    @Test("a saturated database is the root cause of the function's errors and the API's 5XX: evidence, timeline in order, report file")
    func databaseIncident() async throws {
        let ws = try workspace()
        let report = try await investigate(ws, "--env dbinc --service orders-api")
        #expect(report["incident"] == true)
        #expect(report["status"] == "UNHEALTHY")
        #expect(report["root_cause"]?["resource"] == "orders-db", "\(report["summary"] ?? .null)")
        // The onset: minute 60 of the window, 60 minutes ago (within a minute of rounding).
        let onset = try #require(Self.minutesAgo(report["root_cause"]?["onset"]?.string))
        #expect(abs(onset - 60) <= 1.5, "\(onset)")
        #expect(report["affected_resources"]?.array?.compactMap { $0["resource"]?.string } == ["orders-api", "checkout-api"])
        let evidence = try #require(report["root_cause"]?["evidence"]?.array)
        let change = try #require(evidence.first { $0["kind"] == "change" && $0["metric"] == "DatabaseConnections" })
        #expect(abs((change["before"]?.double ?? 0) - 38) <= 3 && abs((change["after"]?.double ?? 0) - 111) <= 3)
        #expect(evidence.contains { $0["kind"] == "threshold" && $0["metric"] == "DatabaseConnections" && $0["limit"] == 100.8 })
        let logs = try #require(evidence.first { $0["kind"] == "logs" })
        #expect(logs["resource"] == "orders-api")
        #expect(logs["count"] == .int(56 * 3))
        #expect(logs["pattern"]?.string?.contains("ERROR Database connection timeout after <*> ms") == true)
        let timeline = try #require(report["timeline"]?.array)
        let times = timeline.compactMap { $0["time"]?.string }
        #expect(times == times.sorted())
        func first(_ resource: String) -> Int? { timeline.firstIndex { $0["resource"]?.string == resource && $0["kind"] != "level" } }
        #expect(try #require(first("orders-db")) < (try #require(first("orders-api"))))
        #expect(try #require(first("orders-api")) < (try #require(first("checkout-api"))))
        let path = try #require(report["report_path"]?.string)
        #expect(path.hasPrefix(".fractary/plugins/faber-cloud/incidents/dbinc/") && path.hasSuffix("-incident.json"))
        let saved = try Value.parseJSON(try #require(ws.read(path)))
        #expect(saved["root_cause"] == report["root_cause"])
        #expect(saved["timeline"] == report["timeline"])

        let text = try await faber(ws, "/fractary-faber-cloud:ops-manage investigate --env dbinc --service orders-api")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Root Cause: orders-db (rds-instance)"), "\(text.stdout)")
        #expect(text.stdout.contains("The trouble of orders-api starts elsewhere."))
        #expect(text.stdout.contains("Timeline (UTC):"))
        // A database has no remediate action: nothing is offered.
        #expect(!text.stderr.contains("remediate"))
        #expect(report["suggested_action"] == .null)
    }

    @Test(
        "a function failing after its deployment: the function is the root cause and the CloudTrail event its likely trigger; the earlier traffic rise elsewhere is context"
    )
    func deploymentIncident() async throws {
        let ws = try workspace()
        let now = Date().timeIntervalSince1970
        func event(_ name: String, function: String, minutesAgo: Double) -> String {
            let detail = #"{\"requestParameters\": {\"functionName\": \"\#(function)\"}}"#
            return
                #"{"EventId": "e-\#(function)", "EventName": "\#(name)", "ReadOnly": "false", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "EventTime": \#(now - minutesAgo * 60), "EventSource": "lambda.amazonaws.com", "Username": "deploy-bot", "Resources": [{"ResourceType": "AWS::Lambda::Function", "ResourceName": "\#(function)"}], "CloudTrailEvent": "\#(detail)"}"#
        }
        let body =
            #"{"Events": [\#(event("UpdateFunctionCode20150331v2", function: "pay-fn", minutesAgo: 54)), \#(event("UpdateFunctionCode20150331v2", function: "mail-fn", minutesAgo: 95))]}"#
        let cloudTrail = try await ScriptedHTTPServer.start([.json(200, body)])
        defer { Task { await cloudTrail.shutdown() } }
        let report = try await investigate(ws, "--env fninc", extra: ["AWS_ENDPOINT_URL_CLOUDTRAIL": cloudTrail.endpoint])
        #expect(report["root_cause"]?["resource"] == "payments", "\(report["summary"] ?? .null)")
        // What remediate could do: restart the function (offered on a terminal, a hint in scripts).
        #expect(report["suggested_action"]?["action"] == "restart" && report["suggested_action"]?["service"] == "payments")
        let trigger = try #require(report["root_cause"]?["trigger"]?.object)
        #expect(trigger["resource"] == "payments")
        #expect(trigger["text"]?.string?.contains("UpdateFunctionCode20150331v2 by deploy-bot") == true)
        #expect(report["recommendations"]?.array?.first?.string?.hasPrefix("Review the change to payments") == true)
        #expect(report["affected_resources"]?.array?.compactMap { $0["resource"]?.string } == ["pay-api"])
        let timeline = try #require(report["timeline"]?.array)
        let traffic = try #require(timeline.first { $0["resource"] == "mailer" && $0["kind"] == "context" })
        #expect(traffic["event"]?.string?.contains("Invocations rose") == true)
        #expect(timeline.contains { $0["resource"] == "mailer" && $0["kind"] == "deployment" })
        let rootText = report["root_cause"]?.jsonString() ?? ""
        #expect(!rootText.contains("AKIAIOSFODNN7EXAMPLE"), "\(rootText)")
        let logs = try #require(report["root_cause"]?["evidence"]?.array?.first { $0["kind"] == "logs" })
        #expect(logs["count"] == .int(50 * 2))
    }

    @Test("an ECS service that saturates is the root cause of the API's 5XX in front of it")
    func serviceIncident() async throws {
        let ws = try workspace()
        let report = try await investigate(ws, "--env ecsinc --service shop-api")
        #expect(report["root_cause"]?["resource"] == "web", "\(report["summary"] ?? .null)")
        #expect(report["affected_resources"]?.array?.first?["resource"] == "shop-api")
        let evidence = try #require(report["root_cause"]?["evidence"]?.array)
        #expect(evidence.contains { $0["metric"] == "CPUUtilization" && $0["kind"] == "threshold" })
        #expect(report["not_read"]?.array?.contains { $0.string?.hasPrefix("cloudtrail:") == true } == true)
    }

    @Test("a healthy but noisy environment: no incident is invented")
    func calmEnvironment() async throws {
        let ws = try workspace()
        let report = try await investigate(ws, "--env calm")
        #expect(report["incident"] == false, "\(report["summary"] ?? .null)")
        #expect(report["status"] == "HEALTHY")
        #expect(report["root_cause"] == .null)
        #expect(report["summary"]?.string?.hasPrefix("No incident found") == true)
    }

    @Test("query-logs groups the errors into their pattern, with counts, ids on every event, newest first, and a hint to investigate")
    func queryLogs() async throws {
        let ws = try workspace()
        let result = try await faber(
            ws, "/fractary-faber-cloud:ops-manage query-logs --env dbinc --service orders-api --filter ERROR --since 2h --limit 5 --output json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        #expect(report["count"] == .int(56 * 3))
        let patterns = try #require(report["patterns"]?.array)
        #expect(patterns.count == 1)
        #expect(patterns.first?["count"] == .int(56 * 3))
        let id = try #require(patterns.first?["id"]?.string)
        let events = try #require(report["events"]?.array)
        #expect(events.count == 5)
        #expect(events.allSatisfy { $0["pattern_id"] == .string(id) })
        let stamps = events.compactMap { $0["timestamp"]?.string }
        #expect(stamps == stamps.sorted(by: >))

        let text = try await faber(ws, "/fractary-faber-cloud:ops-manage query-logs --env dbinc --service orders-api --filter ERROR --since 2h")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Found 168 ERROR entries since 2h"), "\(text.stdout)")
        #expect(text.stdout.contains("168×  ERROR Database connection timeout after <*> ms"))
        // Not on a terminal: the follow-up is a hint, not a question.
        #expect(text.stderr.contains("hint: next: faber run '/fractary-faber-cloud:ops-manage investigate --env dbinc --service orders-api --timeframe 2h'"))
        // Two services and a log group at once.
        let several = try await faber(
            ws,
            "/fractary-faber-cloud:ops-manage query-logs --env fninc --service payments,mailer --log-group /aws/lambda/inc-fn --filter ERROR --since 2h --output json"
        )
        #expect(several.status == 0, "\(several.stderr)")
        let groups = try Value.parseJSON(several.stdout)["log_groups"]?.array?.compactMap(\.string) ?? []
        #expect(Set(groups) == ["/aws/lambda/pay-fn", "/aws/lambda/inc-fn"], "\(groups)")
    }

    @Test("on a terminal, query-logs asks whether to investigate the errors, and yes runs investigate for the same service and window")
    func followUpOnTerminal() async throws {
        let ws = try workspace()
        let run = try FaberBinary.locate().startOnTerminal(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage query-logs --env dbinc --service orders-api --filter ERROR --since 2h"],
            environment: try await awsEnvironment())
        try run.waitFor("Would you like to investigate these errors? [y/N]")
        run.type("y\r")
        try run.waitFor("Root Cause: orders-db (rds-instance)")
        #expect(run.finish() == 0, "\(run.printed)")
        #expect(run.printed.contains("Timeframe: Last 2h"))
        #expect(run.printed.contains("168×  ERROR Database connection timeout after <*> ms"))
    }

    @Test("on a terminal, investigate offers the suggested remediation, and yes hands over to remediate")
    func remediationOnTerminal() async throws {
        let ws = try workspace()
        let run = try FaberBinary.locate().startOnTerminal(
            ["--workspace", ws.root, "run", "/fractary-faber-cloud:ops-manage investigate --env fninc --service payments"],
            environment: try await awsEnvironment())
        try run.waitFor("Apply remediation (restart payments)? [y/N]")
        run.type("y\r")
        try run.waitFor("Remediation logged: .fractary/plugins/faber-cloud/remediations/fninc/remediation-log.json")
        #expect(run.finish() == 0, "\(run.printed)")
        #expect(run.printed.contains("Result: verified"))
        let log = try Value.parseJSON(try #require(ws.read(".fractary/plugins/faber-cloud/remediations/fninc/remediation-log.json")))
        #expect(log.array?.first?["resource"] == "payments")
        #expect(log.array?.first?["incident"]?.string?.hasPrefix(".fractary/plugins/faber-cloud/incidents/fninc/") == true)
    }

    @Test("analyze-performance shows the change and when it started, with statistics, a sparkline and the report file")
    func analyzePerformance() async throws {
        let ws = try workspace()
        let result = try await faber(ws, "/fractary-faber-cloud:ops-manage analyze-performance --env dbinc --timeframe 2h --output json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Value.parseJSON(result.stdout)
        let connections = try #require(report["metrics"]?["orders-db"]?["DatabaseConnections"])
        #expect(connections["max"]?.double ?? 0 >= 108)
        #expect(connections["trend"]?["direction"] == "rising")
        for key in ["avg", "min", "max", "p95", "p99", "unit", "trend"] { #expect(connections[key] != nil, "missing \(key)") }
        let anomalies = try #require(report["anomalies"]?.array)
        let change = try #require(anomalies.first { $0["resource"] == "orders-db" && $0["metric"] == "DatabaseConnections" })
        #expect(change["kind"] == "change")
        let started = try #require(Self.minutesAgo(change["start"]?.string))
        #expect(abs(started - 60) <= 1.5, "\(started)")
        #expect(!anomalies.contains { $0["resource"] == "checkout-api" && $0["metric"] == "Count" })
        let path = try #require(report["report_path"]?.string)
        #expect(path.hasPrefix(".fractary/plugins/faber-cloud/monitoring/dbinc/") && path.hasSuffix("-performance-analysis.json"))
        #expect(ws.read(path) != nil)

        let text = try await faber(
            ws, "/fractary-faber-cloud:ops-manage analyze-performance --env dbinc --service orders-db --metric DatabaseConnections --timeframe 2h")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("orders-db DatabaseConnections  ▁"), "\(text.stdout)")
        #expect(text.stdout.contains("change from "))
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
