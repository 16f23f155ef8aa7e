import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.get-changes`: what changed on the registry resources in a time window, oldest first:
/// Lambda updates (LastModified), ECS deployments, RDS events and, unless `cloudtrail: false`,
/// CloudTrail's write events that name a registry resource. A source that cannot be read
/// (CloudTrail for any AWS error, the others when access is denied) is listed in `unavailable`
/// and the others still report: the investigation this feeds must go on.
struct GetChangesHandler: Handler {
    let id = "aws.get-changes"
    /// DescribeEvents pages read per DB instance at most (100 events a page).
    static let maxRDSEventPages = 10

    var signature: HandlerSignature {
        HandlerSignature(
            summary:
                "What changed on the resources in a time window, oldest first: Lambda updates, ECS deployments, RDS events and CloudTrail write events",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", required: true, .listOrObject, "registry entries {id, type, arn} whose changes to report"),
                .init("since", .text, "start: a duration back from now (2h, 30m, 1d) or an ISO-8601 time (default 2h)"),
                .init("until", .text, "end: a duration back from now or an ISO-8601 time (default now)"),
                .init("cloudtrail", .flag, "also read CloudTrail's write events (LookupEvents) for the resources (default true)"),
            ],
            outputs: ["changes", "unavailable", "since", "until"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.requiredResources()
        let window = try TimeWindow(input, defaultSince: "2h")
        let readCloudTrail = input.value["cloudtrail"]?.bool ?? true
        let client = try AWSClients.client(for: env, context: context)
        let inventory = AWSInventory(client: client)

        var sources = Source.native.filter { source in refs.contains { $0.type == source.resourceType } }
        if readCloudTrail && !refs.isEmpty { sources.append(.cloudTrail) }
        let handler = id
        let reads = try await BoundedConcurrency.map(sources, limit: max(sources.count, 1)) { source -> SourceRead in
            do {
                switch source {
                case .lambda: return SourceRead(changes: try await Self.lambdaChanges(refs, inventory: inventory))
                case .ecs: return SourceRead(changes: try await Self.ecsChanges(refs, inventory: inventory))
                case .rds: return SourceRead(changes: try await Self.rdsChanges(refs, client: client, window: window))
                case .cloudTrail:
                    let read = try await CloudTrailChanges(refs: refs, window: window).read(client: client)
                    if read.capped {
                        context.console.diagnostic(
                            "warning: \(handler): stopped after \(CloudTrailChanges.maxPages) pages of CloudTrail events; narrow 'since'/'until'")
                    }
                    return SourceRead(changes: read.changes, unavailable: read.failure.map { Unavailable(source: source.rawValue, reason: $0) })
                }
            } catch let error as AWSError where !Task.isCancelled && (source == .cloudTrail || error.isAccessDenied) {
                return SourceRead(changes: [], unavailable: Unavailable(source: source.rawValue, reason: Self.reason(error)))
            }
        }

        // Oldest first; at the same time, in the order read: by source, then resource, then as AWS listed them.
        let changes = reads.flatMap(\.changes).enumerated().filter { window.contains($0.element.time) }
            .sorted { a, b in a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset }
            .map(\.element)
        return [
            "changes": .array(changes.map(\.value)),
            "unavailable": .array(reads.compactMap(\.unavailable).map(\.value)),
            "since": .string(ISOTime.string(window.since)),
            "until": .string(ISOTime.string(window.until)),
        ]
    }

    /// Where changes come from; the raw value is the `source` of each change.
    enum Source: String, Sendable, CaseIterable {
        case lambda, ecs, rds
        case cloudTrail = "cloudtrail"

        /// The sources read from the resources' own services, each for one resource type.
        static let native: [Source] = [.lambda, .ecs, .rds]

        var resourceType: ResourceType? {
            switch self {
            case .lambda: .lambda
            case .ecs: .ecsService
            case .rds: .rdsInstance
            case .cloudTrail: nil
            }
        }
    }

    /// One change of the timeline.
    struct Change: Sendable, Equatable {
        enum Kind: String, Sendable {
            case deployment, configuration, event, change
        }

        var time: Date
        /// The registry id (nil only for an event tied to no registry resource, which is dropped before output).
        var resource: String?
        var kind: Kind
        var detail: String
        var source: String

        var value: Value {
            [
                "time": .string(ISOTime.string(time)), "resource": resource.map { .string($0) } ?? .null,
                "kind": .string(kind.rawValue), "detail": .string(detail), "source": .string(source),
            ]
        }
    }

    struct Unavailable: Sendable {
        var source: String
        var reason: String
        var value: Value { ["source": .string(source), "reason": .string(reason)] }
    }

    struct SourceRead: Sendable {
        var changes: [Change]
        var unavailable: Unavailable?
    }

    /// A short, one-line reason from an AWS error (its message names the call, the code and, for
    /// access denied, the IAM action; it never holds credentials).
    static func reason(_ error: AWSError) -> String {
        let line = error.message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 240 ? String(line.prefix(239)) + "…" : line
    }

    // MARK: - Lambda, ECS, RDS

    /// The function's LastModified: the last time its code or configuration changed.
    static func lambdaChanges(_ refs: [ResourceRef], inventory: AWSInventory) async throws -> [Change] {
        let functions = refs.filter { $0.type == .lambda }
        let configurations = try await inventory.lambdaConfigurations(functions.map(\.name))
        return functions.compactMap { ref in
            guard let configuration = configurations[ref.name], let text = configuration["LastModified"]?.string,
                let time = AWSTimestamp.parse(text)
            else { return nil }
            var facts: [String] = []
            if let version = configuration["Version"]?.string { facts.append("version \(version)") }
            if let runtime = configuration["Runtime"]?.string { facts.append("runtime \(runtime)") }
            if let sha = configuration["CodeSha256"]?.string, !sha.isEmpty { facts.append("code sha256 \(sha.prefix(8))") }
            let detail = "function code or configuration updated" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
            return Change(time: time, resource: ref.id, kind: .deployment, detail: detail, source: Source.lambda.rawValue)
        }
    }

    /// Every deployment DescribeServices lists (the primary one and those still active or recently replaced).
    static func ecsChanges(_ refs: [ResourceRef], inventory: AWSInventory) async throws -> [Change] {
        let services = refs.filter { $0.type == .ecsService }
        let key = { (ref: ResourceRef) in ECSServiceKey(cluster: ref.cluster ?? "default", service: ref.name) }
        let described = try await inventory.ecsServices(services.map(key))
        return services.flatMap { ref -> [Change] in
            (described[key(ref)]?["deployments"]?.array ?? []).compactMap { deployment in
                guard let time = AWSTimestamp.date(deployment["createdAt"]) else { return nil }
                return Change(time: time, resource: ref.id, kind: .deployment, detail: ecsDetail(deployment), source: Source.ecs.rawValue)
            }
        }
    }

    /// `deployment of task definition web:7 (PRIMARY, rollout COMPLETED)`.
    static func ecsDetail(_ deployment: Value) -> String {
        let taskDefinition = deployment["taskDefinition"]?.string.map { String($0.split(separator: "/").last ?? "") } ?? "?"
        var facts: [String] = []
        if let status = deployment["status"]?.string { facts.append(status) }
        if let rollout = deployment["rolloutState"]?.string { facts.append("rollout \(rollout)") }
        return "deployment of task definition \(taskDefinition)" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
    }

    /// DescribeEvents of each DB instance over the window (paginated by Marker).
    static func rdsChanges(_ refs: [ResourceRef], client: AWSClient, window: TimeWindow) async throws -> [Change] {
        let instances = refs.filter { $0.type == .rdsInstance }
        let ids = Array(Set(instances.map(\.name))).sorted()
        let perInstance = try await BoundedConcurrency.map(ids, limit: 4) { id -> (String, [XMLElement]) in
            let params = [
                ("SourceType", "db-instance"), ("SourceIdentifier", id), ("MaxRecords", "100"),
                ("StartTime", rdsTime(window.since.timeIntervalSince1970.rounded(.down))),
                ("EndTime", rdsTime(window.until.timeIntervalSince1970.rounded(.up))),
            ]
            do {
                let events = try await client.paginateQuery(
                    .rds, "DescribeEvents", params, itemsPath: "Events", tokenParam: "Marker", outputTokenPath: "Marker",
                    maxPages: maxRDSEventPages)
                return (id, events)
            } catch let error as AWSError where error.isNotFound {
                return (id, [])
            }
        }
        let eventsByID = Dictionary(perInstance, uniquingKeysWith: { a, _ in a })
        return instances.flatMap { ref -> [Change] in
            (eventsByID[ref.name] ?? []).compactMap { event in
                guard let text = event.text("Date"), let time = AWSTimestamp.parse(text) else { return nil }
                let message = event.text("Message") ?? ""
                let categories = event.list("EventCategories").map(\.text)
                return Change(
                    time: time, resource: ref.id, kind: rdsKind(categories: categories, message: message),
                    detail: message.isEmpty ? "RDS event (\(categories.joined(separator: ", ")))" : message, source: Source.rds.rawValue)
            }
        }
    }

    private static func rdsTime(_ seconds: Double) -> String {
        ISOTime.string(Date(timeIntervalSince1970: seconds))
    }

    /// RDS event categories that change how the instance runs.
    static let rdsConfigurationCategories: Set<String> = ["configuration change", "maintenance", "failover", "security patching"]
    /// Words of RDS event messages about the same (modification, parameter group, reboot, failover, maintenance).
    static let rdsConfigurationWords = [
        "modif", "parameter group", "option group", "reboot", "restart", "failover", "fail over", "maintenance", "upgrad",
        "instance class", "storage size",
    ]

    /// `configuration` for modifications, parameter or option group changes, reboots, failovers and
    /// maintenance; `event` for the rest (creation, backups, notifications, ...).
    static func rdsKind(categories: [String], message: String) -> Change.Kind {
        if categories.contains(where: { rdsConfigurationCategories.contains($0.lowercased()) }) { return .configuration }
        let lower = message.lowercased()
        return rdsConfigurationWords.contains { lower.contains($0) } ? .configuration : .event
    }
}
