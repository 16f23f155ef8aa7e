import FaberAWS
import FaberCore
import FaberOpsModel

/// `aws.scale-service`: ECS desired count (UpdateService) or Lambda reserved concurrency
/// (PutFunctionConcurrency). With `--dry-run` it reads the current value and changes nothing.
struct ScaleServiceHandler: Handler {
    let id = "aws.scale-service"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Set an ECS service's desired task count or a Lambda function's reserved concurrency",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resource", required: true, .object, "one registry entry {id, type, arn} of type ecs-service or lambda"),
                .init("count", required: true, .wholeNumber(min: 0), "ECS: desired tasks; Lambda: reserved concurrent executions (0 or more)"),
            ],
            outputs: ["resource", "previous", "count", "applied", "dry_run", "detail"], changesResources: true)
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let ref = try input.resource()
        guard let count = try input.int("count") else {
            throw FaberError.usage("\(id): 'count' is required (ECS desired tasks or Lambda reserved concurrency)")
        }
        guard count >= 0 else { throw FaberError.usage("\(id): 'count' must be 0 or more, got \(count)") }
        guard ref.type == .ecsService || ref.type == .lambda else {
            throw FaberError.usage(
                "\(id): resource '\(ref.id)' is \(English.withArticle(ref.type.rawValue)); scale supports ecs-service (desired count) and lambda (reserved concurrency)"
            )
        }
        let client = try AWSClients.client(for: env, context: context)
        let dryRun = context.options.dryRun
        let region = client.connection.region
        let (previous, detail): (Int?, String)
        if ref.type == .ecsService {
            let cluster = ref.cluster ?? "default"
            let key = ECSServiceKey(cluster: cluster, service: ref.name)
            guard let service = try await AWSInventory(client: client).ecsServices([key])[key], service["status"]?.string != "INACTIVE" else {
                throw notFound(ref, region: region)
            }
            previous = service["desiredCount"]?.int
            if dryRun {
                detail = "would set the desired count of ECS service \(ref.name) in cluster \(cluster) from \(previous.map(String.init) ?? "?") to \(count)"
            } else {
                let output = try await client.json(
                    .ecs, "UpdateService",
                    [
                        "cluster": .string(cluster), "service": .string(ref.name), "desiredCount": .int(count),
                    ])
                let now = output["service"]?["desiredCount"]?.int ?? count
                detail = "set the desired count of ECS service \(ref.name) in cluster \(cluster) from \(previous.map(String.init) ?? "?") to \(now)"
            }
        } else {
            let path = "/functions/\(AWSPath.encode(ref.name))/concurrency"
            let current: Value
            do {
                current = try await client.restJSON(.lambda, "GetFunctionConcurrency", method: "GET", path: "/2019-09-30" + path)
            } catch let error as AWSError where error.isNotFound {
                throw notFound(ref, region: region)
            }
            previous = current["ReservedConcurrentExecutions"]?.int
            let was = previous.map(String.init) ?? "unreserved"
            let warning = count == 0 ? " (0 stops every invocation: the function is throttled)" : ""
            if dryRun {
                detail = "would set the reserved concurrency of Lambda function \(ref.name) from \(was) to \(count)\(warning)"
            } else {
                let output = try await client.restJSON(
                    .lambda, "PutFunctionConcurrency", method: "PUT", path: "/2017-10-31" + path,
                    body: ["ReservedConcurrentExecutions": .int(count)])
                let now = output["ReservedConcurrentExecutions"]?.int ?? count
                detail = "set the reserved concurrency of Lambda function \(ref.name) from \(was) to \(now)\(warning)"
            }
        }
        return [
            "resource": .string(ref.id), "previous": .number(previous), "count": .int(count),
            "applied": .bool(!dryRun), "dry_run": .bool(dryRun), "detail": .string(detail),
        ]
    }

    private func notFound(_ ref: ResourceRef, region: String) -> FaberError {
        FaberError(
            .usage, "\(id): \(ref.label) (resource '\(ref.id)') not found in \(region): registry drift",
            hint: "check the registry entry's ARN, or redeploy the resource")
    }
}
