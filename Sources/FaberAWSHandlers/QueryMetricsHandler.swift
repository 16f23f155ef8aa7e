import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.query-metrics`: each resource type's metric set over a timeframe, every query of every
/// resource batched into GetMetricData calls of up to 500 queries (paginated by NextToken).
struct QueryMetricsHandler: Handler {
    let id = "aws.query-metrics"
    /// GetMetricData's limit on queries per call.
    static let maxQueriesPerCall = 500
    /// How long CloudWatch keeps metric data: 15 months.
    static let retention: Double = 455 * 86400
    /// Periods tried, smallest first, when `period` is not given: the first that gives at most
    /// `points` points (default 100).
    static let periodLadder = [60, 300, 900, 3600, 21600, 86400]

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "CloudWatch metrics of each resource (the type's metric set) from batched GetMetricData",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", required: true, .listOrObject, "registry entries {id, type, arn}"),
                .init("timeframe", .text, "how far back to look, e.g. 1h, 24h, 7d (default 1h)"),
                .init("metrics", .textOrList, "only these metric names (e.g. [Errors, Duration]); default: the type's whole set"),
                .init(
                    "period", .wholeNumber(min: 1),
                    "seconds per datapoint (1, 5, 10, 30 or a multiple of 60); default: the smallest of 60, 300, 900, 3600, 21600, 86400 giving at most 'points' points"
                ),
                .init(
                    "points", .wholeNumber(min: 1, max: 1440),
                    "most points per series when 'period' is not given (default 100; 300 gives a point a minute up to 5 hours)"),
            ],
            outputs: ["metrics", "period", "start", "end", "queries"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.requiredResources()
        let timeframe = try input.duration("timeframe", default: "1h")
        guard timeframe.seconds <= Self.retention else {  // refused before any call, not sent to AWS
            throw FaberError.usage(
                "\(id): 'timeframe' \(timeframe.text) is longer than CloudWatch keeps metrics (455 days)", hint: "use at most 455d",
                code: "timeframe-too-long")
        }
        let wanted = try metricFilter(input)
        let period = try self.period(input, timeframe: timeframe.seconds)
        let client = try AWSClients.client(for: env, context: context)

        var apiNames: [String: String] = [:]
        if refs.contains(where: { $0.type == .apiGateway }) {
            for (apiID, api) in try await AWSInventory(client: client, sharedIn: context.scope, environment: env).restAPIs() {
                if let name = api["name"]?.string { apiNames[apiID] = name }
            }
        }
        var queries: [MetricCatalog.Query] = []
        for ref in refs {
            for metric in MetricCatalog.metrics(for: ref.type) where wanted.map({ $0.contains(metric.name.lowercased()) }) ?? true {
                queries.append(
                    .init(
                        resourceID: ref.id, metric: metric,
                        dimensions: MetricCatalog.dimensions(for: ref, metric: metric, apiName: apiNames[ref.name])))
            }
        }

        let end = (Date().timeIntervalSince1970 / 60).rounded(.up) * 60
        let start = end - timeframe.seconds
        let fetcher = MetricDataFetcher(client: client, batchSize: Self.maxQueriesPerCall)
        let regular = queries.indices.filter { !queries[$0].metric.daily }
        let daily = queries.indices.filter { queries[$0].metric.daily }
        var series = try await fetcher.fetch(queries, indices: regular, start: start, end: end, period: period)
        let dailyStart = end - max(timeframe.seconds, MetricCatalog.dailyWindow)
        series.merge(try await fetcher.fetch(queries, indices: daily, start: dailyStart, end: end, period: max(period, 86400))) { a, _ in a }

        var metrics = OrderedDictionary<String, Value>()
        for ref in refs {
            var perMetric = OrderedDictionary<String, Value>()
            var byName: [String: MetricSeries] = [:]
            for index in queries.indices where queries[index].resourceID == ref.id {
                let one = series[index] ?? MetricSeries(queries[index].metric, points: [])
                byName[one.name] = one
                perMetric[one.name] = one.value
            }
            switch ref.type {
            case .lambda:
                if let rate = MetricSeries.percent(byName["Errors"], of: byName["Invocations"]), byName["Errors"] != nil {
                    perMetric["error_rate"] = .double(rate)
                }
            case .apiGateway:
                if let rate = MetricSeries.percent(byName["5XXError"], of: byName["Count"]), byName["5XXError"] != nil {
                    perMetric["error_rate"] = .double(rate)
                }
                if let rate = MetricSeries.percent(byName["4XXError"], of: byName["Count"]), byName["4XXError"] != nil {
                    perMetric["client_error_rate"] = .double(rate)
                }
            default: break
            }
            metrics[ref.id] = .object(perMetric)
        }
        return [
            "metrics": .object(metrics),
            "period": .int(period),
            "start": .string(ISOTime.string(epochSeconds: start)),
            "end": .string(ISOTime.string(epochSeconds: end)),
            "queries": .int(queries.count),
        ]
    }

    /// Lower-cased names from `metrics`, each checked against the catalog; nil for "all".
    private func metricFilter(_ input: HandlerInput) throws -> Set<String>? {
        guard let names = try input.stringList("metrics"), !names.isEmpty else { return nil }
        let known = MetricCatalog.allNames
        for name in names where !known.contains(where: { $0.lowercased() == name.lowercased() }) {
            let suggestion = didYouMean(name, among: known).map { "; \($0)" } ?? ""
            throw FaberError.usage(
                "\(id): unknown metric '\(name)'\(suggestion)",
                hint: "metrics are: \(known.joined(separator: ", "))")
        }
        return Set(names.map { $0.lowercased() })
    }

    private func period(_ input: HandlerInput, timeframe: Double) throws -> Int {
        if let period = try input.int("period") {
            guard period > 0, [1, 5, 10, 30].contains(period) || period % 60 == 0 else {
                throw FaberError.usage("\(id): 'period' must be 1, 5, 10, 30 or a multiple of 60 seconds, got \(period)")
            }
            return period
        }
        let points = try input.int("points") ?? 100
        guard (1...1440).contains(points) else { throw FaberError.usage("\(id): 'points' must be between 1 and 1440, got \(points)") }
        return Self.periodLadder.first { timeframe / Double($0) <= Double(points) } ?? Self.periodLadder.last!
    }
}
