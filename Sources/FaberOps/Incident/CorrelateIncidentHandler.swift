import FaberCore
import FaberOpsModel
import Foundation

/// `incident.correlate`: investigate's judgement. Correlates the metrics, error log patterns,
/// statuses and changes of every resource of an environment over a window into a timeline, the
/// root cause with its evidence and likely trigger, the affected resources and recommendations;
/// or says that it found no incident. docs/incident-correlation.md.
struct CorrelateIncidentHandler: Handler {
    let id = "incident.correlate"

    let signature = HandlerSignature(
        summary: "Timeline, root cause with evidence and trigger, affected resources and recommendations of an incident across resources",
        inputs: [
            .init("environment", required: true, .text, "the environment investigated"),
            .init("service", .textOrList, "the resource ids the user asked about (every resource is still correlated)"),
            .init("timeframe", .text, "the window, back from now, when since/until are not given (default 2h)"),
            .init("resources", required: true, .listOrObject, "the registry entries {id, type, arn, depends_on?}"),
            .init("statuses", .list, "aws.get-resource-status outputs.resources"),
            .init("metrics", .object, "aws.query-metrics outputs.metrics (with points)"),
            .init("since", .text, "the window's start, ISO-8601 (aws.query-metrics outputs.start)"),
            .init("until", .text, "the window's end, ISO-8601 (aws.query-metrics outputs.end)"),
            .init("log_events", .list, "logs.patterns outputs.events: error events with pattern_id and log_group"),
            .init("log_patterns", .list, "logs.patterns outputs.patterns"),
            .init("log_groups", .object, "aws.query-logs outputs.groups_by_resource: {id: [log group]}"),
            .init("changes", .list, "aws.get-changes outputs.changes: [{time, resource, kind, detail}]"),
            .init("thresholds_file", required: true, .text, "the health thresholds (crossings are trouble), a JSON file"),
            .init("threshold_overrides", .object, "config.json 'thresholds'"),
            .init("settings_file", required: true, .text, "the analysis settings (analysis.json)"),
            .init("overrides", .object, "config.json 'analysis'"),
            .init("not_read", .object, "what could not be read: {part: error text or [{source, reason}]}, reported as such"),
        ],
        outputs: [
            "status", "incident", "timeline", "root_cause", "affected_resources", "recommendations", "summary", "not_read",
            "suggested_action", "timestamp", "stamp",
        ],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let refs = try with.requiredResources()
        let settings = try AnalysisSettings.load(with, context: context, handler: id)
        let thresholds = try HealthThresholds.load(
            file: try with.requiredString("thresholds_file", "the health thresholds file"), overrides: input["threshold_overrides"],
            context: context, handler: id)
        let now = Date()
        let window = try with.duration("timeframe", default: "2h")
        let until = try time(with, "until") ?? now.timeIntervalSince1970
        let since = try time(with, "since") ?? until - window.seconds
        let services = try with.stringList("service") ?? []
        for service in services where !refs.contains(where: { $0.id == service }) {
            let ids = refs.map(\.id)
            throw FaberError(
                .usage, "no service '\(service)' in the registry",
                hint: (didYouMean(service, among: ids).map { "\($0) " } ?? "") + "services: \(ids.joined(separator: ", "))", code: "unknown-service")
        }
        var statuses: [String: Value] = [:]
        for status in input["statuses"]?.array ?? [] {
            if let id = status["id"]?.string { statuses[id] = status }
        }
        var series: [String: ResourceSeries] = [:]
        for ref in refs { series[ref.id] = ResourceSeries(ref: ref, metrics: input["metrics"]?[ref.id], settings: settings) }
        let correlator = IncidentCorrelator(settings: settings, thresholds: thresholds, start: since, end: until, refs: refs)
        let result = try correlator.correlate(
            series: series, statuses: statuses, logs: patternOccurrences(input, refs: refs),
            changes: input["changes"]?.array ?? [])
        let report = IncidentReport(
            result: result, correlator: correlator, services: services)
        return [
            "status": .string(report.status.rawValue),
            "incident": .bool(result.root != nil),
            "timeline": .array(report.timeline),
            "root_cause": report.rootCause,
            "affected_resources": .array(report.affected),
            "recommendations": .array(report.recommendations.map { .string($0) }),
            "summary": .string(report.summary),
            "not_read": .array(notRead(input["not_read"]).map { .string($0) }),
            "suggested_action": suggestedAction(result.root, statuses: statuses),
            "timestamp": .string(ISOTime.string(now)),
            "stamp": .string(ReportStamp.string(now)),
        ]
    }

    private func time(_ with: HandlerInput, _ key: String) throws -> Double? {
        guard let text = try with.string(key) else { return nil }
        guard let date = ISOTime.parse(text) else {
            throw FaberError.usage("\(id): '\(key)' must be an ISO-8601 time (2025-10-28T15:30:00Z), got '\(text)'")
        }
        return date.timeIntervalSince1970
    }

    /// What remediate could do about the root cause: restart a function; scale a service whose
    /// trouble is saturation or missing tasks (to one task more than desired), else restart it.
    /// Null for the other types: their fix is in the recommendations.
    private func suggestedAction(_ root: IncidentCorrelator.Finding?, statuses: [String: Value]) -> Value {
        guard let root else { return .null }
        switch root.ref.type {
        case .lambda:
            return ["service": .string(root.ref.id), "action": "restart", "arguments": .string("--service \(root.ref.id) --action restart")]
        case .ecsService:
            let starved = root.signals.contains { signal in
                signal.implicates && (signal.kind == .status || ["CPUUtilization", "MemoryUtilization", "RunningTaskCount"].contains(signal.metric ?? ""))
            }
            guard starved, let desired = statuses[root.ref.id]?["details"]?["desired"]?.int else {
                return ["service": .string(root.ref.id), "action": "restart", "arguments": .string("--service \(root.ref.id) --action restart")]
            }
            let count = max(2, desired + 1)
            return [
                "service": .string(root.ref.id), "action": "scale", "count": .int(count),
                "arguments": .string("--service \(root.ref.id) --action scale --count \(count)"),
            ]
        default:
            return .null
        }
    }

    /// `status: access denied ...`, `cloudtrail: ...`: the parts the investigation had to go without.
    private func notRead(_ value: Value?) -> [String] {
        (value?.object ?? [:]).flatMap { part, entry -> [String] in
            if let text = entry.string, !text.isEmpty { return ["\(part): \(text)"] }
            return (entry.array ?? []).compactMap { item in
                guard let source = item["source"]?.string else { return nil }
                return "\(source): \(item["reason"]?.string ?? "not available")"
            }
        }
    }

    /// Each resource's error log patterns: its events (found by their log group) counted by pattern.
    private func patternOccurrences(_ input: Value, refs: [ResourceRef]) -> [String: [IncidentCorrelator.PatternOccurrence]] {
        var owner: [String: String] = [:]
        for (id, groups) in input["log_groups"]?.object ?? [:] {
            for group in groups.array ?? [] { if let name = group.string { owner[name] = id } }
        }
        var templates: [String: String] = [:]
        for pattern in input["log_patterns"]?.array ?? [] {
            if let id = pattern["id"]?.string, let text = pattern["pattern"]?.string { templates[id] = text }
        }
        var byResource: [String: OrderedDictionary<String, IncidentCorrelator.PatternOccurrence>] = [:]
        for event in input["log_events"]?.array ?? [] {
            guard let group = event["log_group"]?.string, let resource = owner[group],
                let stamp = event["timestamp"]?.string, let time = ISOTime.parse(stamp)?.timeIntervalSince1970
            else { continue }
            let message = event["message"]?.string ?? ""
            let pattern = event["pattern_id"]?.string ?? message
            var occurrence =
                byResource[resource]?[pattern]
                ?? .init(id: pattern, template: templates[pattern] ?? message, count: 0, first: time, last: time, example: message)
            occurrence.count += 1
            if time < occurrence.first { occurrence.first = time }
            if time >= occurrence.last {
                occurrence.last = time
                occurrence.example = message
            }
            byResource[resource, default: [:]][pattern] = occurrence
        }
        return byResource.mapValues { Array($0.values) }
    }
}
