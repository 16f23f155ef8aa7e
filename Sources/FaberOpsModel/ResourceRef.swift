import FaberCore

/// One registry entry `{id, type, arn}` with the names its ARN carries.
///
/// Names, cluster and ids come from the ARN:
/// - `lambda`: `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`
/// - `ecs-service`: `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE` (the old `service/SERVICE` form means cluster `default`)
/// - `rds-instance`: `arn:aws:rds:REGION:ACCOUNT:db:IDENTIFIER`
/// - `s3-bucket`: `arn:aws:s3:::BUCKET`
/// - `api-gateway`: `arn:aws:apigateway:REGION::/restapis/API_ID[/...]`
public struct ResourceRef: Sendable, Hashable {
    public var id: String
    public var type: ResourceType
    public var arn: String
    /// Function name, service name, DB instance identifier, bucket name or REST API id.
    public var name: String
    /// The ECS cluster (name) for `ecs-service`; nil for the other types.
    public var cluster: String?
    /// The region written in the ARN (empty for S3).
    public var region: String
    /// Ids of the registry resources this one calls (`depends_on`), when the registry says so.
    public var dependsOn: [String] = []

    public init(id: String, type: ResourceType, arn: String) throws {
        self.id = id
        self.type = type
        self.arn = arn
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        func bad(_ why: String) -> FaberError {
            FaberError.usage(
                "resource '\(id)': '\(arn)' is not a valid \(type.label) ARN (\(why))",
                hint: "\(English.withArticle(type.rawValue)) ARN looks like \(type.arnExample)")
        }
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws") else { throw bad("it must start with arn:aws") }
        guard parts[2] == type.arnService else {
            throw bad("its service is '\(parts[2])', \(English.withArticle(type.rawValue)) ARN has '\(type.arnService)'")
        }
        region = parts[3]
        let resource = parts[5]
        switch type {
        case .lambda:
            let pieces = resource.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count >= 2, pieces[0] == "function", !pieces[1].isEmpty else { throw bad("expected function:NAME") }
            name = String(pieces[1])
        case .ecsService:
            let pieces = resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.first == "service", pieces.count == 2 || pieces.count == 3, pieces.dropFirst().allSatisfy({ !$0.isEmpty }) else {
                throw bad("expected service/CLUSTER/SERVICE")
            }
            name = pieces[pieces.count - 1]
            cluster = pieces.count == 3 ? pieces[1] : "default"
        case .rdsInstance:
            guard resource.hasPrefix("db:"), resource.count > 3 else { throw bad("expected db:IDENTIFIER") }
            name = String(resource.dropFirst(3))
        case .s3Bucket:
            guard !resource.isEmpty, !resource.contains("/") else { throw bad("expected arn:aws:s3:::BUCKET") }
            name = resource
        case .apiGateway:
            let pieces = resource.split(separator: "/").map(String.init)
            guard pieces.count >= 2, pieces[0] == "restapis" else { throw bad("expected /restapis/API_ID") }
            name = pieces[1]
        }
    }

    /// The registry entry again, as handlers echo it.
    public var entry: Value {
        var entry: Value = ["id": .string(id), "type": .string(type.rawValue), "arn": .string(arn)]
        if !dependsOn.isEmpty { entry["depends_on"] = .array(dependsOn.map { .string($0) }) }
        return entry
    }

    /// `Lambda function orders-api`, `ECS service web (cluster main)`, ...
    public var label: String {
        if let cluster { return "\(type.label) \(name) (cluster \(cluster))" }
        return "\(type.label) \(name)"
    }
}

extension ResourceRef {
    /// One entry: an object `{id, type, arn}`; `id` defaults to `fallbackID`, then to the name in the ARN.
    public static func parse(_ value: Value, fallbackID: String? = nil, handler: String, key: String) throws -> ResourceRef {
        guard let object = value.object else {
            throw FaberError.usage(
                "\(handler): each entry of '\(key)' must be an object {id, type, arn}, got \(English.withArticle(value.typeName))",
                hint: "pass registry entries, e.g. steps.resources.outputs.resources")
        }
        let id = object["id"]?.string ?? fallbackID
        let shownID = id ?? object["arn"]?.string ?? "?"
        guard let typeName = object["type"]?.string else {
            throw FaberError.usage(
                "\(handler): resource '\(shownID)' has no type",
                hint: "type is one of \(ResourceType.names.joined(separator: ", "))")
        }
        guard let type = ResourceType(rawValue: typeName) else {
            let suggestion = didYouMean(typeName, among: ResourceType.names).map { "; \($0)" } ?? ""
            throw FaberError.usage(
                "\(handler): resource '\(shownID)' has unknown type '\(typeName)'\(suggestion)",
                hint: "type is one of \(ResourceType.names.joined(separator: ", "))")
        }
        guard let arn = object["arn"]?.string, !arn.isEmpty else {
            throw FaberError.usage(
                "\(handler): resource '\(shownID)' has no arn", hint: "\(English.withArticle(type.rawValue)) ARN looks like \(type.arnExample)")
        }
        var ref = try ResourceRef(id: id ?? "", type: type, arn: arn)
        if id == nil { ref.id = ref.name }
        if let depends = object["depends_on"], !depends.isNull {
            let ids = depends.array?.compactMap(\.string) ?? depends.string.map { [$0] }
            guard let ids, ids.count == (depends.array?.count ?? 1) else {
                throw FaberError.usage(
                    "\(handler): resource '\(ref.id)': 'depends_on' must be a list of registry ids, got \(depends.jsonString())",
                    hint: #"e.g. "depends_on": ["orders-db"]"#)
            }
            ref.dependsOn = ids
        }
        return ref
    }

    /// A list of entries, or a registry map `{id: {type, arn}}`.
    public static func parseList(_ value: Value, handler: String, key: String) throws -> [ResourceRef] {
        switch value {
        case .array(let items):
            return try items.map { try parse($0, handler: handler, key: key) }
        case .object(let map) where map.values.allSatisfy({ $0.object != nil }) && map["arn"] == nil:
            return try map.map { try parse($0.value, fallbackID: $0.key, handler: handler, key: key) }
        default:
            throw FaberError.usage(
                "\(handler): '\(key)' must be a list of registry entries {id, type, arn}, got \(English.withArticle(value.typeName))",
                hint: "pass the registry's resources, e.g. steps.resources.outputs.resources")
        }
    }
}
