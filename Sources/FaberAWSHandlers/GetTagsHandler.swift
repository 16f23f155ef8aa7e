import FaberAWS
import FaberCore
import FaberOpsModel

/// `aws.get-tags`: the tags of each resource. Lambda, ECS, RDS and S3 through the Resource Groups
/// Tagging API (GetResources with ResourceARNList, 100 ARNs a call, paginated); API Gateway through
/// GetRestApis, whose items carry their tags (the tagging API of the moto emulator has no API Gateway
/// support, and one listing serves every API). When GetResources fails on the server's side (moto
/// does, for a region holding an untagged ECS cluster), each service's own tag call is used instead.
struct GetTagsHandler: Handler {
    let id = "aws.get-tags"
    /// GetResources takes at most this many ARNs a call.
    static let arnsPerCall = 100

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Tags of each resource (Resource Groups Tagging API; API Gateway from GetRestApis)",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", required: true, .listOrObject, "registry entries {id, type, arn}"),
            ],
            outputs: ["tags", "untagged"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.requiredResources()
        let client = try AWSClients.client(for: env, context: context)

        let viaTagging = refs.filter { $0.type != .apiGateway }
        let viaAPIGateway = refs.filter { $0.type == .apiGateway }
        async let tagged = taggingAPITags(viaTagging.map(\.arn), client: client)
        async let apis = viaAPIGateway.isEmpty ? [:] : AWSInventory(client: client).restAPIs()
        let apiByID = try await apis
        let tagsByARN: [String: [(String, String)]]
        do {
            tagsByARN = try await tagged
        } catch let error as AWSError where (error.httpStatus ?? 0) >= 500 {
            context.console.diagnostic("warning: \(id): the tagging API failed (\(error.code)); reading tags with each service's own call")
            tagsByARN = try await perServiceTags(viaTagging, client: client)
        }

        var tags = OrderedDictionary<String, Value>()
        var untagged: [Value] = []
        for ref in refs {
            var found = OrderedDictionary<String, Value>()
            if ref.type == .apiGateway {
                for (key, value) in apiByID[ref.name]?["tags"]?.object ?? [:] { found[key] = value }
            } else {
                for (key, value) in tagsByARN[ref.arn] ?? [] { found[key] = .string(value) }
            }
            tags[ref.id] = .object(found)
            if found.isEmpty { untagged.append(.string(ref.id)) }
        }
        return ["tags": .object(tags), "untagged": .array(untagged)]
    }

    /// Tags by ARN from GetResources; only the ARNs asked for are kept (the tagging API leaves out
    /// untagged resources, and the moto emulator ignores ResourceARNList and lists everything).
    private func taggingAPITags(_ arns: [String], client: AWSClient) async throws -> [String: [(String, String)]] {
        let unique = Array(Set(arns)).sorted()
        guard !unique.isEmpty else { return [:] }
        let wanted = Set(unique)
        let pages = try await BoundedConcurrency.map(unique.chunked(Self.arnsPerCall), limit: 4) { chunk in
            try await client.paginateJSON(
                .tagging, "GetResources", ["ResourceARNList": .array(chunk.map { .string($0) })],
                itemsKey: "ResourceTagMappingList", tokenKey: "PaginationToken")
        }
        var result: [String: [(String, String)]] = [:]
        for mapping in pages.flatMap({ $0 }) {
            guard let arn = mapping["ResourceARN"]?.string, wanted.contains(arn) else { continue }
            result[arn] = (mapping["Tags"]?.array ?? []).compactMap { tag in
                guard let key = tag["Key"]?.string else { return nil }
                return (key, tag["Value"]?.string ?? "")
            }
        }
        return result
    }
}
