import FaberAWS
import FaberCore
import FaberOpsModel

/// Which CloudWatch Logs groups hold a resource's logs.
///
/// - `lambda`: `/aws/lambda/NAME`
/// - `ecs-service`: the `awslogs-group` of each container of the service's task definition
///   (DescribeServices, DescribeTaskDefinition); `/ecs/SERVICE` when it has none or the service is gone
/// - `rds-instance`: every group under `/aws/rds/instance/ID/` (error, general, slowquery, postgresql,
///   audit, ... whatever the engine exports), found with DescribeLogGroups
/// - `api-gateway`: every stage's execution log group `API-Gateway-Execution-Logs_ID/STAGE`, found with
///   DescribeLogGroups
/// - `s3-bucket`: none (S3 server access logs go to S3, not CloudWatch Logs): listed in `skipped`
struct LogGroupResolver: Sendable {
    let client: AWSClient

    struct Resolution: Sendable {
        /// Group names to read, in resource order, without duplicates.
        var groups: [String] = []
        /// Prefixes that matched no group, written `PREFIX*`.
        var missing: [String] = []
        /// Resources that have no log group, with why.
        var skipped: [(id: String, reason: String)] = []
        /// The groups of each resource id, in resource order.
        var byResource: OrderedDictionary<String, [String]> = [:]

        mutating func add(_ group: String, for id: String? = nil) {
            if !groups.contains(group) { groups.append(group) }
            if let id { byResource[id, default: []].append(group) }
        }
    }

    func resolve(_ refs: [ResourceRef]) async throws -> Resolution {
        var resolution = Resolution()
        let inventory = AWSInventory(client: client)
        let ecsRefs = refs.filter { $0.type == .ecsService }
        let ecsGroups = try await ecsLogGroups(ecsRefs, inventory: inventory)
        let prefixes = refs.compactMap { ref -> String? in
            switch ref.type {
            case .rdsInstance: "/aws/rds/instance/\(ref.name)/"
            case .apiGateway: "API-Gateway-Execution-Logs_\(ref.name)/"
            default: nil
            }
        }
        let prefixed = try await BoundedConcurrency.map(prefixes, limit: 4) { prefix in (prefix, try await groups(withPrefix: prefix)) }
        let groupsByPrefix = Dictionary(prefixed, uniquingKeysWith: { a, _ in a })

        for ref in refs {
            switch ref.type {
            case .lambda:
                resolution.add("/aws/lambda/\(ref.name)", for: ref.id)
            case .ecsService:
                for group in ecsGroups[ref] ?? ["/ecs/\(ref.name)"] { resolution.add(group, for: ref.id) }
            case .rdsInstance, .apiGateway:
                let prefix = ref.type == .rdsInstance ? "/aws/rds/instance/\(ref.name)/" : "API-Gateway-Execution-Logs_\(ref.name)/"
                let found = groupsByPrefix[prefix] ?? []
                if found.isEmpty, !resolution.missing.contains(prefix + "*") { resolution.missing.append(prefix + "*") }
                for group in found { resolution.add(group, for: ref.id) }
            case .s3Bucket:
                resolution.skipped.append((ref.id, "S3 buckets have no CloudWatch Logs group (server access logs go to S3)"))
            }
        }
        return resolution
    }

    /// Group names starting with `prefix` (DescribeLogGroups, paginated).
    func groups(withPrefix prefix: String) async throws -> [String] {
        try await client.paginate { token in
            var request: Value = ["logGroupNamePrefix": .string(prefix), "limit": 50]
            if let token { request["nextToken"] = .string(token) }
            let output = try await client.json(.cloudWatchLogs, "DescribeLogGroups", request)
            let names = (output["logGroups"]?.array ?? []).compactMap { $0["logGroupName"]?.string }
            return AWSPage(items: names, next: output["nextToken"]?.string)
        }
    }

    /// True when a group called exactly `name` exists.
    func exists(_ name: String) async throws -> Bool {
        try await groups(withPrefix: name).contains(name)
    }

    /// The awslogs groups of each ECS service's task definition; services without one are left out.
    private func ecsLogGroups(_ refs: [ResourceRef], inventory: AWSInventory) async throws -> [ResourceRef: [String]] {
        guard !refs.isEmpty else { return [:] }
        let services = try await inventory.ecsServices(refs.map { ECSServiceKey(cluster: $0.cluster ?? "default", service: $0.name) })
        var taskDefinitions: [ResourceRef: String] = [:]
        for ref in refs {
            if let definition = services[ECSServiceKey(cluster: ref.cluster ?? "default", service: ref.name)]?["taskDefinition"]?.string {
                taskDefinitions[ref] = definition
            }
        }
        let unique = Array(Set(taskDefinitions.values)).sorted()
        let described = try await BoundedConcurrency.map(unique, limit: 4) { arn in (arn, try await inventory.awslogsGroups(taskDefinition: arn)) }
        let groupsByDefinition = Dictionary(described, uniquingKeysWith: { a, _ in a })
        var result: [ResourceRef: [String]] = [:]
        for (ref, definition) in taskDefinitions {
            if let groups = groupsByDefinition[definition], !groups.isEmpty { result[ref] = groups }
        }
        return result
    }
}
