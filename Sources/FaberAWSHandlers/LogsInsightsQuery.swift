import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// A Logs Insights query: StartQuery, then GetQueryResults polled until the query ends or `timeout` passes.
struct LogsInsightsQuery: Sendable {
    let client: AWSClient
    let handler: String
    /// StartQuery takes at most this many log groups.
    static let maxGroups = 50

    /// Rows as objects `{field: value}` (the internal `@ptr` dropped) and the query's statistics.
    func run(_ query: String, groups: [String], start: Date, end: Date, limit: Int, timeout: Double) async throws -> (rows: [Value], statistics: Value) {
        guard groups.count <= Self.maxGroups else {
            throw FaberError.usage(
                "\(handler): a Logs Insights query reads at most \(Self.maxGroups) log groups, got \(groups.count)",
                hint: "pass fewer resources or log_groups")
        }
        let started = try await client.json(
            .cloudWatchLogs, "StartQuery",
            [
                "logGroupNames": .array(groups.map { .string($0) }),
                "startTime": .int(Int(start.timeIntervalSince1970)),
                "endTime": .int(Int(end.timeIntervalSince1970.rounded(.up))),
                "queryString": .string(query),
                "limit": .int(limit),
            ])
        guard let queryID = started["queryId"]?.string else {
            throw FaberError(.internalError, "\(handler): StartQuery returned no queryId")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var wait = 0.2
        while true {
            let output = try await client.json(.cloudWatchLogs, "GetQueryResults", ["queryId": .string(queryID)])
            let status = output["status"]?.string ?? "Unknown"
            switch status {
            case "Complete":
                return (rows(output["results"]), statistics(output["statistics"]))
            case "Failed", "Cancelled", "Timeout":
                throw FaberError(
                    .internalError, "\(handler): the Logs Insights query \(queryID) ended with status \(status)",
                    hint: "check the query syntax and narrow the time range")
            default:
                guard Date() < deadline else {
                    _ = try? await client.json(.cloudWatchLogs, "StopQuery", ["queryId": .string(queryID)])
                    throw FaberError(
                        .internalError, "\(handler): the Logs Insights query did not complete within \(Int(timeout)) s (stopped it)",
                        hint: "narrow 'since'/'until' or raise 'query_timeout'")
                }
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                wait = min(wait * 2, 2)
            }
        }
    }

    private func rows(_ results: Value?) -> [Value] {
        (results?.array ?? []).map { row in
            var object = OrderedDictionary<String, Value>()
            for cell in row.array ?? [] {
                guard let field = cell["field"]?.string, field != "@ptr" else { continue }
                object[field] = cell["value"] ?? .null
            }
            return .object(object)
        }
    }

    private func statistics(_ value: Value?) -> Value {
        [
            "records_matched": .double(value?["recordsMatched"]?.double ?? 0),
            "records_scanned": .double(value?["recordsScanned"]?.double ?? 0),
            "bytes_scanned": .double(value?["bytesScanned"]?.double ?? 0),
        ]
    }
}
