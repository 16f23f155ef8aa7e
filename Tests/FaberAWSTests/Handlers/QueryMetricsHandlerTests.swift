import FaberCore
import Testing

@Suite("aws.query-metrics against moto")
struct QueryMetricsHandlerTests {
    let account = "123456789012"

    @Test("computes each metric's statistics from seeded datapoints, with the Lambda error rate")
    func statisticsFromSeededData() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (fn, db) = (h.name("fn"), h.name("db"))
        _ = try await h.seed([
            "metrics": [
                [
                    "namespace": "AWS/Lambda", "name": "Invocations", "dimensions": ["FunctionName": .string(fn)], "unit": "Count",
                    "values": [10, 20, 30, 40],
                ],
                [
                    "namespace": "AWS/Lambda", "name": "Errors", "dimensions": ["FunctionName": .string(fn)], "unit": "Count",
                    "values": [1, 2],
                ],
                [
                    "namespace": "AWS/Lambda", "name": "Duration", "dimensions": ["FunctionName": .string(fn)], "unit": "Milliseconds",
                    "values": [100, 200],
                ],
                [
                    "namespace": "AWS/RDS", "name": "CPUUtilization", "dimensions": ["DBInstanceIdentifier": .string(db)], "unit": "Percent",
                    "values": [50, 70, 90], "minutes_ago": [2, 4, 6],
                ],
            ]
        ])
        let resources: Value = [
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(db)"),
        ]
        let run = try await h.run("aws.query-metrics", ["resources": resources, "timeframe": "1h"])
        let out = run.output
        #expect(out["period"] == 60)
        #expect(out["queries"] == 10)
        #expect(run.calls("GetMetricData") == 1)

        let invocations = try #require(out["metrics"]?["orders"]?["Invocations"])
        #expect(invocations["unit"] == "Count")
        #expect(invocations["stat"] == "Sum")
        #expect(invocations["count"] == 4)
        #expect(invocations["sum"]?.double == 100)
        #expect(invocations["avg"]?.double == 25)
        #expect(invocations["min"]?.double == 10)
        #expect(invocations["max"]?.double == 40)
        // Oldest first: 40 was seeded 4 minutes ago, 10 one minute ago.
        #expect(invocations["points"]?.array?.map { $0["v"]?.double ?? -1 } == [40, 30, 20, 10])
        #expect(invocations["latest"]?.double == 10)
        let times = invocations["points"]?.array?.compactMap { $0["t"]?.string } ?? []
        #expect(times == times.sorted())

        #expect(out["metrics"]?["orders"]?["Duration"]?["avg"]?.double == 150)
        #expect(out["metrics"]?["orders"]?["Duration"]?["unit"] == "Milliseconds")
        #expect(out["metrics"]?["orders"]?["error_rate"]?.double == 3)
        let throttles = try #require(out["metrics"]?["orders"]?["Throttles"])
        #expect(throttles["count"] == 0)
        #expect(throttles["avg"] == .null)
        #expect(throttles["points"] == [])

        let cpu = try #require(out["metrics"]?["db"]?["CPUUtilization"])
        #expect(cpu["avg"]?.double == 70)
        #expect(cpu["max"]?.double == 90)
        #expect(cpu["min"]?.double == 50)
        #expect(cpu["unit"] == "Percent")
        #expect(out["metrics"]?["db"]?.object?.keys.elements == ["CPUUtilization", "DatabaseConnections", "FreeableMemory", "ReadLatency", "WriteLatency"])
    }

    @Test("all queries of all resources go in GetMetricData calls of at most 500: 505 queries take 2 calls")
    func batchesOfFiveHundred() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let resources = (0..<101).map { i in
            Value.registryEntry("fn\(i)", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("fn\(i)"))")
        }
        let run = try await h.run("aws.query-metrics", ["resources": .array(resources)])
        #expect(run.output["queries"] == 505)
        #expect(run.calls("GetMetricData") == 2)
        #expect(run.output["metrics"]?.object?.count == 101)

        let restricted = try await h.run("aws.query-metrics", ["resources": .array(resources), "metrics": ["errors"]])
        #expect(restricted.output["queries"] == 101)
        #expect(restricted.calls("GetMetricData") == 1)
        #expect(restricted.output["metrics"]?["fn7"]?.object?.keys.elements == ["Errors"])
    }

    @Test("the default period keeps to 100 points; an explicit one is checked")
    func periods() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let resources: Value = [Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(h.name("fn"))")]
        for (timeframe, period) in [("2h", 300), ("24h", 900), ("7d", 21600), ("30d", 86400)] {
            let run = try await h.run("aws.query-metrics", ["resources": resources, "timeframe": .string(timeframe), "metrics": ["Errors"]])
            #expect(run.output["period"] == .int(period), "\(timeframe)")
        }
        let explicit = try await h.run("aws.query-metrics", ["resources": resources, "period": 120, "metrics": ["Errors"]])
        #expect(explicit.output["period"] == 120)
        let error = await #expect(throws: FaberError.self) {
            try await h.run("aws.query-metrics", ["resources": resources, "period": 45])
        }
        #expect(error?.exitStatus == .usage)
        let unknown = await #expect(throws: FaberError.self) {
            try await h.run("aws.query-metrics", ["resources": resources, "metrics": ["Erors"]])
        }
        #expect(unknown?.message.contains("did you mean 'Errors'?") == true)
    }

    @Test("API Gateway metrics use the API's name as dimension and give error rates")
    func apiGatewayByName() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let api = h.name("api")
        let seeded = try await h.seed([
            "rest_apis": [["name": .string(api)]],
            "metrics": [
                ["namespace": "AWS/ApiGateway", "name": "Count", "dimensions": ["ApiName": .string(api)], "unit": "Count", "values": [100, 100]],
                ["namespace": "AWS/ApiGateway", "name": "5XXError", "dimensions": ["ApiName": .string(api)], "unit": "Count", "values": [5]],
                ["namespace": "AWS/ApiGateway", "name": "4XXError", "dimensions": ["ApiName": .string(api)], "unit": "Count", "values": [10, 10]],
            ],
        ])
        let apiID = try #require(seeded["rest_apis"]?[api]?.string)
        let run = try await h.run(
            "aws.query-metrics",
            [
                "resources": [Value.registryEntry("api", "api-gateway", "arn:aws:apigateway:us-east-1::/restapis/\(apiID)")]
            ])
        #expect(run.output["metrics"]?["api"]?["Count"]?["sum"]?.double == 200)
        #expect(run.output["metrics"]?["api"]?["error_rate"]?.double == 2.5)
        #expect(run.output["metrics"]?["api"]?["client_error_rate"]?.double == 10)
        #expect(run.calls("GetRestApis") == 1)
        #expect(run.calls("GetMetricData") == 1)
    }
}
