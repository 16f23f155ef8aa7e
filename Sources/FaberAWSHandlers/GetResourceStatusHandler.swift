import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.get-resource-status`: the state of each registry resource, from batch calls per type.
/// A resource gone from AWS is reported `missing` ("registry drift"), never an error.
struct GetResourceStatusHandler: Handler {
    let id = "aws.get-resource-status"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "State of each registry resource from batched AWS calls; resources gone from AWS are flagged missing",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", required: true, .listOrObject, "registry entries {id, type, arn}"),
                .init(
                    "partial", .flag,
                    "when the calls for one resource type fail (access denied, throttled after retries), report those resources unknown with the reason and go on; default false: the step fails"
                ),
                .init("task_sizes", .flag, "also read each ECS service's task CPU units and memory (DescribeTaskDefinition); default false"),
            ],
            outputs: ["resources", "missing", "unreadable", "checked_at"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.requiredResources()
        let inventory = AWSInventory(client: try AWSClients.client(for: env, context: context), sharedIn: context.scope, environment: env)
        let partial = input.value["partial"]?.bool ?? false
        var statuses = try await Self.statuses(of: refs, inventory: inventory, partial: partial)
        if input.value["task_sizes"]?.bool == true { statuses = try await Self.withTaskSizes(statuses, inventory: inventory, partial: partial) }
        return [
            "resources": .array(statuses.map(\.value)),
            "missing": .array(statuses.filter { $0.status == .missing }.map { .string($0.ref.id) }),
            "unreadable": .array(statuses.filter { $0.status == .unknown && $0.details["read_error"] != nil }.map { .string($0.ref.id) }),
            "checked_at": .string(ISOTime.string(Date())),
        ]
    }

    /// ECS services' task CPU units and memory (MiB) in their details (`task_cpu`, `task_memory`),
    /// from DescribeTaskDefinition, one call per task definition.
    static func withTaskSizes(_ statuses: [ResourceStatus], inventory: AWSInventory, partial: Bool) async throws -> [ResourceStatus] {
        let definitions = Array(Set(statuses.compactMap { $0.ref.type == .ecsService ? $0.details["task_definition"]?.string : nil })).sorted()
        let sizes = try await BoundedConcurrency.map(definitions, limit: 4) { definition -> (String, (cpu: Int?, memory: Int?)) in
            do {
                return (definition, try await inventory.taskSize(taskDefinition: definition))
            } catch let error as AWSError where partial && error.exitStatus != .internalError {
                return (definition, (nil, nil))
            }
        }
        let byDefinition = Dictionary(sizes, uniquingKeysWith: { a, _ in a })
        return statuses.map { status in
            guard let definition = status.details["task_definition"]?.string, let size = byDefinition[definition] else { return status }
            var status = status
            status.details["task_cpu"] = size.cpu.map { .int($0) } ?? .null
            status.details["task_memory"] = size.memory.map { .int($0) } ?? .null
            return status
        }
    }

    /// One status per ref, in the refs' order. Each type's batch runs concurrently with the others.
    /// With `partial`, a type whose calls fail with an AWS error (access denied, throttled or failing
    /// after retries) gives its resources status `unknown`, the error as reason and `read_error` in
    /// the details, instead of failing the whole step; cancellation and faber bugs still fail it.
    static func statuses(of refs: [ResourceRef], inventory: AWSInventory, partial: Bool = false) async throws -> [ResourceStatus] {
        let types = Array(Set(refs.map(\.type))).sorted { $0.rawValue < $1.rawValue }
        let perType = try await BoundedConcurrency.map(types, limit: types.count) { type in
            let ofType = refs.filter { $0.type == type }
            do {
                return try await statuses(of: ofType, type: type, inventory: inventory)
            } catch let error as AWSError where partial && error.exitStatus != .internalError {
                return ofType.map { ref in
                    ResourceStatus(
                        ref, .unknown, state: nil,
                        details: ["read_error": .string(error.code), "exit_status": .int(Int(error.exitStatus.rawValue))],
                        reason: "could not be read: \(error.message)")
                }
            }
        }
        var byRef: [ResourceRef: ResourceStatus] = [:]
        for status in perType.flatMap({ $0 }) { byRef[status.ref] = status }
        return refs.map { byRef[$0]! }
    }

    private static func statuses(of refs: [ResourceRef], type: ResourceType, inventory: AWSInventory) async throws -> [ResourceStatus] {
        let region = inventory.region
        switch type {
        case .lambda:
            let configurations = try await inventory.lambdaConfigurations(refs.map(\.name))
            return refs.map { ref in
                configurations[ref.name].map { ResourceStatus.lambda(ref, configuration: $0) } ?? .missing(ref, region: region)
            }
        case .ecsService:
            let services = try await inventory.ecsServices(refs.map { ECSServiceKey(cluster: $0.cluster ?? "default", service: $0.name) })
            return refs.map { ref in
                services[ECSServiceKey(cluster: ref.cluster ?? "default", service: ref.name)]
                    .map { ResourceStatus.ecs(ref, service: $0, region: region) } ?? .missing(ref, region: region)
            }
        case .rdsInstance:
            let instances = try await inventory.dbInstances()
            return refs.map { ref in
                instances[ref.name].map { ResourceStatus.rds(ref, instance: $0) } ?? .missing(ref, region: region)
            }
        case .s3Bucket:
            let listed = try await inventory.buckets()
            let unlisted = Array(Set(refs.map(\.name).filter { listed[$0] == nil })).sorted()
            let probes = try await BoundedConcurrency.map(unlisted) { name in (name, try await inventory.headBucket(name)) }
            let probeByName = Dictionary(probes, uniquingKeysWith: { a, _ in a })
            return refs.map { ref in
                if let bucket = listed[ref.name] { return .s3(ref, listed: bucket, probe: nil) }
                let probe = probeByName[ref.name]
                return probe == .missing ? .missing(ref, region: region) : .s3(ref, listed: nil, probe: probe)
            }
        case .apiGateway:
            let apis = try await inventory.restAPIs()
            return refs.map { ref in
                apis[ref.name].map { ResourceStatus.apiGateway(ref, api: $0) } ?? .missing(ref, region: region)
            }
        }
    }
}
