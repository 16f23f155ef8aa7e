import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// CloudTrail's write events (LookupEvents with `ReadOnly=false`) over a window, kept when they name
/// a registry resource: in `Resources[].ResourceName`, or as a value of the event's
/// `requestParameters` (inside the `CloudTrailEvent` JSON). Access keys in the events never reach
/// the output: a change's detail is `<EventName> by <Username>` only.
struct CloudTrailChanges: Sendable {
    /// LookupEvents pages read at most (50 events a page); past this the read stops with a warning.
    static let maxPages = 10
    static let pageSize = 50

    let refs: [ResourceRef]
    let window: TimeWindow

    struct Read: Sendable {
        var changes: [GetChangesHandler.Change]
        /// More pages were left after `maxPages`.
        var capped: Bool
        /// Why reading stopped early after some pages (the changes read so far are kept).
        var failure: String?
    }

    /// Reads the window's pages. An AWS error on the first page is thrown (the source is unavailable);
    /// one on a later page keeps what was read and says why it stopped.
    func read(client: AWSClient) async throws -> Read {
        var changes: [GetChangesHandler.Change] = []
        var token: String?
        for page in 1...Self.maxPages {
            var request: Value = [
                "LookupAttributes": [["AttributeKey": "ReadOnly", "AttributeValue": "false"]],
                "StartTime": .int(Int(window.since.timeIntervalSince1970.rounded(.down))),
                "EndTime": .int(Int(window.until.timeIntervalSince1970.rounded(.up))),
                "MaxResults": .int(Self.pageSize),
            ]
            if let token { request["NextToken"] = .string(token) }
            let output: Value
            do {
                output = try await client.json(.cloudTrail, "LookupEvents", request)
            } catch let error as AWSError where page > 1 && !Task.isCancelled {
                return Read(changes: changes, capped: false, failure: "stopped after \(page - 1) pages: " + GetChangesHandler.reason(error))
            }
            for event in output["Events"]?.array ?? [] { changes += self.changes(of: event) }
            guard let next = output["NextToken"]?.string, !next.isEmpty, next != token else {
                return Read(changes: changes, capped: false)
            }
            token = next
        }
        return Read(changes: changes, capped: true)
    }

    /// One change per registry resource `event` names; none for a read-only event or one naming none.
    func changes(of event: Value) -> [GetChangesHandler.Change] {
        guard event["ReadOnly"]?.string?.lowercased() != "true", let time = AWSTimestamp.date(event["EventTime"]) else { return [] }
        let record = event["CloudTrailEvent"]?.string.flatMap { try? Value.parseJSON($0) } ?? [:]
        let eventSource = event["EventSource"]?.string ?? record["eventSource"]?.string ?? ""
        let parameters = record["requestParameters"] ?? .null
        var mentions: [(text: String, resourceType: String?)] = (event["Resources"]?.array ?? []).compactMap { resource in
            resource["ResourceName"]?.string.map { ($0, resource["ResourceType"]?.string) }
        }
        mentions += Self.strings(in: parameters).map { ($0, nil) }
        let touched = refs.filter { ref in
            mentions.contains { Self.names(ref, $0.text, resourceType: $0.resourceType, eventSource: eventSource, parameters: parameters) }
        }
        guard !touched.isEmpty else { return [] }
        let name = event["EventName"]?.string ?? record["eventName"]?.string ?? "unknown event"
        let detail = Self.maskingAccessKeys("\(name) by \(Self.user(event, record: record))")
        var seen: Set<String> = []
        return touched.filter { seen.insert($0.id).inserted }.map { ref in
            GetChangesHandler.Change(time: time, resource: ref.id, kind: .change, detail: detail, source: GetChangesHandler.Source.cloudTrail.rawValue)
        }
    }

    /// Whether `text` (a resource name or a request parameter of an event from `eventSource`) names `ref`:
    /// its ARN (or an ARN of the same resource: a qualified Lambda ARN, an API Gateway sub-resource, the
    /// other ECS service ARN form), or its bare name when the event is from the resource's own service.
    static func names(_ ref: ResourceRef, _ text: String, resourceType: String?, eventSource: String, parameters: Value) -> Bool {
        if text.hasPrefix("arn:") {
            guard let other = try? ResourceRef(id: "", type: ref.type, arn: text) else { return false }
            return other.name == ref.name && other.cluster == ref.cluster && (other.region.isEmpty || other.region == ref.region)
        }
        guard text == ref.name else { return false }
        let ownService = eventSource == "\(ref.type.arnService).amazonaws.com" || (resourceType?.hasPrefix(cloudFormationPrefix(ref.type)) ?? false)
        guard ownService else { return false }
        // An ECS call names the cluster too: a service of the same name in another cluster is another service.
        if ref.type == .ecsService, let cluster = parameters["cluster"]?.string, let own = ref.cluster {
            return cluster == own || cluster.hasSuffix(":cluster/\(own)")
        }
        return true
    }

    /// `AWS::Lambda::`, ...: the resource types CloudTrail gives the resources of an event.
    static func cloudFormationPrefix(_ type: ResourceType) -> String {
        switch type {
        case .lambda: "AWS::Lambda::"
        case .ecsService: "AWS::ECS::"
        case .rdsInstance: "AWS::RDS::"
        case .s3Bucket: "AWS::S3::"
        case .apiGateway: "AWS::ApiGateway::"
        }
    }

    /// Every string value in `value`, at any depth.
    static func strings(in value: Value) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap { strings(in: $0) }
        case .object(let object): object.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    /// Who made the call: `Username`, else the user name or role of the record's `userIdentity`.
    static func user(_ event: Value, record: Value) -> String {
        if let name = event["Username"]?.string, !name.isEmpty { return name }
        let identity = record["userIdentity"] ?? .null
        let candidates = [
            identity["userName"]?.string, identity["sessionContext"]?["sessionIssuer"]?["userName"]?.string,
            identity["invokedBy"]?.string, identity["type"]?.string,
        ]
        return candidates.compactMap { $0 }.first { !$0.isEmpty } ?? "unknown"
    }

    /// `text` with anything shaped like an AWS access key id (`AKIA…`, `ASIA…`: 20 upper-case letters and digits) masked.
    static func maskingAccessKeys(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            let isKey =
                word.count == 20 && (word.hasPrefix("AKIA") || word.hasPrefix("ASIA"))
                && word.allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII }
            out += isKey ? String(word.prefix(4)) + "****************" : word
            word = ""
        }
        for char in text {
            if char.isLetter || char.isNumber {
                word.append(char)
            } else {
                flush()
                out.append(char)
            }
        }
        flush()
        return out
    }
}
