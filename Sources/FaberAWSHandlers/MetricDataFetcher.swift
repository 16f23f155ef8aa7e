import FaberAWS
import FaberCore
import FaberOpsModel

/// Runs metric queries through GetMetricData, `batchSize` queries a call (batches concurrently),
/// following NextToken within each batch.
struct MetricDataFetcher: Sendable {
    let client: AWSClient
    let batchSize: Int

    /// The series of `queries[i]` for each i in `indices`, keyed by i.
    func fetch(_ queries: [MetricCatalog.Query], indices: [Int], start: Double, end: Double, period: Int) async throws -> [Int: MetricSeries] {
        guard !indices.isEmpty else { return [:] }
        let batches = indices.chunked(batchSize)
        let answers = try await BoundedConcurrency.map(batches, limit: 4) { batch in
            try await fetchBatch(queries, batch: batch, start: start, end: end, period: period)
        }
        var result: [Int: MetricSeries] = [:]
        for answer in answers { result.merge(answer) { a, _ in a } }
        return result
    }

    private func fetchBatch(_ queries: [MetricCatalog.Query], batch: [Int], start: Double, end: Double, period: Int) async throws -> [Int: MetricSeries] {
        let dataQueries: [Value] = batch.map { index in
            let query = queries[index]
            let dimensions: [Value] = query.dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] }
            return [
                "Id": .string("m\(index)"),
                "MetricStat": [
                    "Metric": [
                        "Namespace": .string(query.metric.namespace),
                        "MetricName": .string(query.metric.name),
                        "Dimensions": .array(dimensions),
                    ],
                    "Period": .int(period),
                    "Stat": .string(query.metric.stat),
                ],
                "ReturnData": true,
            ]
        }
        var points: [Int: [(time: Double, value: Double)]] = [:]
        let pages = try await client.paginate { token in
            var request: Value = [
                "MetricDataQueries": .array(dataQueries),
                "StartTime": .double(start),
                "EndTime": .double(end),
                "ScanBy": "TimestampAscending",
            ]
            if let token { request["NextToken"] = .string(token) }
            let output = try await client.json(.cloudWatch, "GetMetricData", request)
            return AWSPage(items: output["MetricDataResults"]?.array ?? [], next: output["NextToken"]?.string)
        }
        for result in pages {
            guard let id = result["Id"]?.string, id.hasPrefix("m"), let index = Int(id.dropFirst()) else { continue }
            let times = result["Timestamps"]?.array ?? []
            let values = result["Values"]?.array ?? []
            for (time, value) in zip(times, values) {
                guard let t = time.double, let v = value.double else { continue }
                points[index, default: []].append((t, v))
            }
        }
        var series: [Int: MetricSeries] = [:]
        for index in batch { series[index] = MetricSeries(queries[index].metric, points: points[index] ?? []) }
        return series
    }
}
