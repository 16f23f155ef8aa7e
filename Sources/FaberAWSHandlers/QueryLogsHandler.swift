import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.query-logs`: CloudWatch Logs events of resources or named log groups, newest first
/// (FilterLogEvents, paginated, merged across groups); with `query`, a Logs Insights query instead.
struct QueryLogsHandler: Handler {
    let id = "aws.query-logs"
    /// FilterLogEvents pages read per group at most; past this the answer is marked truncated.
    static let maxPagesPerGroup = 100

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "CloudWatch Logs events newest first across the resources' log groups (FilterLogEvents), or a Logs Insights query",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", .listOrObject, "registry entries {id, type, arn} whose log groups to read"),
                .init("log_groups", .textOrList, "log group names to read (besides or instead of resources)"),
                .init("filter", .text, "CloudWatch Logs filter pattern, e.g. ERROR or \"?ERROR ?Exception\""),
                .init("since", .text, "start: a duration back from now (1h, 30m, 2d) or an ISO-8601 time (default 1h)"),
                .init("until", .text, "end: a duration back from now or an ISO-8601 time (default now)"),
                .init("limit", .wholeNumber(min: 1, max: 10_000), "most events (or Insights rows) returned, newest first (default 100, at most 10000)"),
                .init("query", .text, "a Logs Insights query; when given, StartQuery/GetQueryResults run instead of FilterLogEvents"),
                .init("query_timeout", .wholeNumber(min: 1), "seconds to wait for the Insights query to complete (default 60)"),
                .init("page_size", .wholeNumber(min: 1, max: 10_000), "events per FilterLogEvents page (default 10000, the AWS maximum)"),
            ],
            outputs: [
                "events", "count", "truncated", "log_groups", "groups_by_resource", "missing_log_groups", "skipped", "results", "statistics",
            ])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.resources() ?? []
        let named = try input.stringList("log_groups") ?? []
        guard !refs.isEmpty || !named.isEmpty else {
            throw FaberError.usage(
                "\(id): give 'resources' (registry entries) or 'log_groups' (names)",
                hint: "e.g. resources: ${{ steps.resources.outputs.resources }}")
        }
        let window = try TimeWindow(input, defaultSince: "1h")
        let (since, until) = (window.since, window.until)
        let limit = try input.int("limit") ?? 100
        guard (1...10_000).contains(limit) else { throw FaberError.usage("\(id): 'limit' must be between 1 and 10000, got \(limit)") }
        let pageSize = try input.int("page_size") ?? 10_000
        guard (1...10_000).contains(pageSize) else { throw FaberError.usage("\(id): 'page_size' must be between 1 and 10000, got \(pageSize)") }
        let filter = try input.string("filter")

        let client = try AWSClients.client(for: env, context: context)
        let resolver = LogGroupResolver(client: client)
        var resolution = try await resolver.resolve(refs)
        for group in named { resolution.add(group) }
        var output: OrderedDictionary<String, Value> = [:]

        if let query = try input.string("query"), !query.isEmpty {
            let timeout = Double(try input.int("query_timeout") ?? 60)
            let existing = try await BoundedConcurrency.map(resolution.groups, limit: 4) { ($0, try await resolver.exists($0)) }
            let present = existing.filter(\.1).map(\.0)
            let missing = resolution.missing + existing.filter { !$0.1 }.map(\.0)
            var rows: [Value] = []
            var statistics: Value = [:]
            if !present.isEmpty {
                let insights = LogsInsightsQuery(client: client, handler: id)
                (rows, statistics) = try await insights.run(query, groups: present, start: since, end: until, limit: limit, timeout: timeout)
            }
            output["events"] = []
            output["count"] = .int(rows.count)
            output["truncated"] = .bool(rows.count >= limit)
            output["log_groups"] = .array(present.map { .string($0) })
            output["groups_by_resource"] = groupsByResource(resolution, found: present)
            output["missing_log_groups"] = .array(missing.map { .string($0) })
            output["skipped"] = skippedValue(resolution)
            output["results"] = .array(rows)
            output["statistics"] = statistics
            return .object(output)
        }

        let reads = try await BoundedConcurrency.map(resolution.groups, limit: 4) { group in
            try await filterEvents(client: client, group: group, filter: filter, since: since, until: until, keep: limit, pageSize: pageSize)
        }
        var events: [LogEvent] = []
        var matched = 0
        var capped = false
        var found: [String] = []
        var missing = resolution.missing
        for (group, read) in zip(resolution.groups, reads) {
            guard let read else {
                missing.append(group)
                continue
            }
            found.append(group)
            events += read.events
            matched += read.matched
            capped = capped || read.capped
        }
        events.sort(by: LogEvent.newerFirst)
        if events.count > limit { events.removeLast(events.count - limit) }
        if capped {
            context.console.diagnostic(
                "warning: \(id): stopped after \(Self.maxPagesPerGroup) pages of one log group; narrow 'since'/'until' or add a 'filter'")
        }
        output["events"] = .array(events.map(\.value))
        output["count"] = .int(events.count)
        output["truncated"] = .bool(matched > events.count || capped)
        output["log_groups"] = .array(found.map { .string($0) })
        output["groups_by_resource"] = groupsByResource(resolution, found: found)
        output["missing_log_groups"] = .array(missing.map { .string($0) })
        output["skipped"] = skippedValue(resolution)
        output["results"] = .null
        output["statistics"] = .null
        return .object(output)
    }

    /// One group's matching events: every page read, only the newest `keep` kept; nil when the group does not exist.
    private func filterEvents(
        client: AWSClient, group: String, filter: String?, since: Date, until: Date, keep: Int, pageSize: Int
    ) async throws -> (events: [LogEvent], matched: Int, capped: Bool)? {
        var events: [LogEvent] = []
        var matched = 0
        var token: String?
        var sequence = 0
        for page in 1...Self.maxPagesPerGroup {
            var request: Value = [
                "logGroupName": .string(group),
                "startTime": .int(Int(since.timeIntervalSince1970 * 1000)),
                "endTime": .int(Int(until.timeIntervalSince1970 * 1000)),
                "limit": .int(pageSize),
            ]
            if let filter, !filter.isEmpty { request["filterPattern"] = .string(filter) }
            if let token { request["nextToken"] = .string(token) }
            let output: Value
            do {
                output = try await client.json(.cloudWatchLogs, "FilterLogEvents", request)
            } catch let error as AWSError where error.code == "ResourceNotFoundException" {
                return nil
            }
            for event in output["events"]?.array ?? [] {
                guard let timestamp = event["timestamp"]?.int else { continue }
                sequence += 1
                matched += 1
                events.append(
                    LogEvent(
                        timestamp: timestamp, message: event["message"]?.string ?? "", group: group,
                        stream: event["logStreamName"]?.string ?? "", sequence: sequence))
            }
            if events.count > keep * 2 {
                events.sort(by: LogEvent.newerFirst)
                events.removeLast(events.count - keep)
            }
            guard let next = output["nextToken"]?.string, !next.isEmpty, next != token else { return (events, matched, false) }
            token = next
            if page == Self.maxPagesPerGroup { return (events, matched, true) }
        }
        return (events, matched, true)
    }

    /// `{resource id: [group]}`: the existing groups read for each resource.
    private func groupsByResource(_ resolution: LogGroupResolver.Resolution, found: [String]) -> Value {
        .object(resolution.byResource.mapValues { groups in .array(groups.filter(found.contains).map { .string($0) }) })
    }

    private func skippedValue(_ resolution: LogGroupResolver.Resolution) -> Value {
        .array(resolution.skipped.map { ["id": .string($0.id), "reason": .string($0.reason)] })
    }
}
