import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// DescribeServices takes at most this many services a call.
    static let describeServicesBatch = 10

    /// The `Service` object of each service, from DescribeServices 10 at a time per cluster (batches run
    /// concurrently). A key missing from the result does not exist (or its cluster does not).
    func ecsServices(_ keys: [ECSServiceKey]) async throws -> [ECSServiceKey: Value] {
        let byCluster = Dictionary(grouping: Set(keys), by: \.cluster)
        var batches: [(cluster: String, names: [String])] = []
        for cluster in byCluster.keys.sorted() {
            let names = byCluster[cluster]!.map(\.service).sorted()
            for chunk in names.chunked(Self.describeServicesBatch) { batches.append((cluster, chunk)) }
        }
        let answers = try await BoundedConcurrency.map(batches) { batch -> [(ECSServiceKey, Value)] in
            let input: Value = ["cluster": .string(batch.cluster), "services": .array(batch.names.map { .string($0) })]
            let output: Value
            do {
                output = try await client.json(.ecs, "DescribeServices", input)
            } catch let error as AWSError where error.code == "ClusterNotFoundException" {
                return []
            }
            return (output["services"]?.array ?? []).compactMap { service in
                guard let name = service["serviceName"]?.string else { return nil }
                return (ECSServiceKey(cluster: batch.cluster, service: name), service)
            }
        }
        return Dictionary(answers.flatMap { $0 }, uniquingKeysWith: { a, _ in a })
    }

    /// A task definition's CPU units and memory (MiB): the task's own, else its containers' sums.
    func taskSize(taskDefinition: String) async throws -> (cpu: Int?, memory: Int?) {
        let output = try await client.json(.ecs, "DescribeTaskDefinition", ["taskDefinition": .string(taskDefinition)])
        let task = output["taskDefinition"]
        let containers = task?["containerDefinitions"]?.array ?? []
        func size(_ key: String) -> Int? {
            if let own = task?[key]?.string.flatMap({ Int($0) }) ?? task?[key]?.int { return own }
            let sum = containers.compactMap { $0[key]?.int }.reduce(0, +)
            return sum > 0 ? sum : nil
        }
        return (size("cpu"), size("memory"))
    }

    /// The `awslogs-group` of each container of a task definition that logs with the awslogs driver.
    func awslogsGroups(taskDefinition: String) async throws -> [String] {
        let output = try await client.json(.ecs, "DescribeTaskDefinition", ["taskDefinition": .string(taskDefinition)])
        var groups: [String] = []
        for container in output["taskDefinition"]?["containerDefinitions"]?.array ?? [] {
            guard let logging = container["logConfiguration"], logging["logDriver"]?.string == "awslogs",
                let group = logging["options"]?["awslogs-group"]?.string, !groups.contains(group)
            else { continue }
            groups.append(group)
        }
        return groups
    }
}
