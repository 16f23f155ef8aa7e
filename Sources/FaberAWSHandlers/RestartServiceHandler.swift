import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.restart-service`: Lambda -> UpdateFunctionConfiguration setting `FABER_RESTARTED_AT` (existing
/// variables kept), so new execution environments start; ECS -> UpdateService forceNewDeployment.
/// With `--dry-run` it only reads, and says what it would do.
struct RestartServiceHandler: Handler {
    let id = "aws.restart-service"
    /// The environment variable whose change makes Lambda start fresh execution environments.
    static let restartVariable = "FABER_RESTARTED_AT"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Restart a Lambda function (configuration update) or an ECS service (force new deployment)",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resource", required: true, .object, "one registry entry {id, type, arn} of type lambda or ecs-service"),
            ],
            outputs: ["resource", "action", "applied", "dry_run", "detail"], changesResources: true)
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let ref = try input.resource()
        guard ref.type == .lambda || ref.type == .ecsService else {
            throw FaberError.usage(
                "\(id): resource '\(ref.id)' is \(English.withArticle(ref.type.rawValue)); restart supports lambda and ecs-service",
                hint: "restart an RDS instance or other resource from the AWS console or CLI")
        }
        let client = try AWSClients.client(for: env, context: context)
        let dryRun = context.options.dryRun
        switch ref.type {
        case .lambda:
            return try await restartLambda(ref, client: client, dryRun: dryRun)
        default:
            return try await restartECS(ref, client: client, dryRun: dryRun)
        }
    }

    private func restartLambda(_ ref: ResourceRef, client: AWSClient, dryRun: Bool) async throws -> Value {
        let path = "/2015-03-31/functions/\(AWSPath.encode(ref.name))/configuration"
        let current: Value
        do {
            current = try await client.restJSON(.lambda, "GetFunctionConfiguration", method: "GET", path: path)
        } catch let error as AWSError where error.isNotFound {
            throw notFound(ref, region: client.connection.region)
        }
        var variables = current["Environment"]?["Variables"]?.object ?? [:]
        let kept = variables.keys.filter { $0 != Self.restartVariable }.count
        let stamp = ISOTime.string(Date())
        let action = "update-function-configuration"
        if dryRun {
            return result(
                ref, action, applied: false, dryRun: true,
                "would set \(Self.restartVariable) on Lambda function \(ref.name) (keeping its \(kept) other environment variables) so new execution environments start"
            )
        }
        variables[Self.restartVariable] = .string(stamp)
        var body: Value = ["Environment": ["Variables": .object(variables)]]
        if let revision = current["RevisionId"]?.string { body["RevisionId"] = .string(revision) }
        let updated = try await client.restJSON(.lambda, "UpdateFunctionConfiguration", method: "PUT", path: path, body: body)
        let status = updated["LastUpdateStatus"]?.string.map { " (update status \($0))" } ?? ""
        return result(
            ref, action, applied: true, dryRun: false,
            "set \(Self.restartVariable)=\(stamp) on Lambda function \(ref.name), keeping its \(kept) other environment variables; new invocations start fresh execution environments\(status)"
        )
    }

    private func restartECS(_ ref: ResourceRef, client: AWSClient, dryRun: Bool) async throws -> Value {
        let cluster = ref.cluster ?? "default"
        let key = ECSServiceKey(cluster: cluster, service: ref.name)
        let action = "force-new-deployment"
        if dryRun {
            guard let service = try await AWSInventory(client: client).ecsServices([key])[key], service["status"]?.string != "INACTIVE" else {
                throw notFound(ref, region: client.connection.region)
            }
            let desired = service["desiredCount"]?.int ?? 0
            return result(
                ref, action, applied: false, dryRun: true,
                "would force a new deployment of ECS service \(ref.name) in cluster \(cluster), replacing its \(desired) desired tasks")
        }
        let output: Value
        do {
            output = try await client.json(
                .ecs, "UpdateService",
                [
                    "cluster": .string(cluster), "service": .string(ref.name), "forceNewDeployment": true,
                ])
        } catch let error as AWSError
            where error.code == "ServiceNotFoundException" || error.code == "ClusterNotFoundException" || error.code == "ServiceNotActiveException"
        {
            throw notFound(ref, region: client.connection.region)
        }
        let service = output["service"] ?? [:]
        let primary = (service["deployments"]?.array ?? []).first { $0["status"]?.string == "PRIMARY" }
        let deployment = primary?["id"]?.string.map { " (deployment \($0))" } ?? ""
        let desired = service["desiredCount"]?.int ?? 0
        return result(
            ref, action, applied: true, dryRun: false,
            "forced a new deployment of ECS service \(ref.name) in cluster \(cluster)\(deployment); \(desired) tasks will be replaced")
    }

    private func result(_ ref: ResourceRef, _ action: String, applied: Bool, dryRun: Bool, _ detail: String) -> Value {
        ["resource": .string(ref.id), "action": .string(action), "applied": .bool(applied), "dry_run": .bool(dryRun), "detail": .string(detail)]
    }

    private func notFound(_ ref: ResourceRef, region: String) -> FaberError {
        FaberError(
            .usage, "\(id): \(ref.label) (resource '\(ref.id)') not found in \(region): registry drift",
            hint: "check the registry entry's ARN, or redeploy the resource")
    }
}
