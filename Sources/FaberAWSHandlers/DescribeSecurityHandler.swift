import FaberAWS
import FaberCore
import FaberOpsModel
import Foundation

/// `aws.describe-security`: security groups open to the internet, S3 public access blocks and
/// default encryption, RDS encryption and public accessibility, deprecated Lambda runtimes.
/// Without `resources` every bucket, DB instance and function of the region is checked; with them,
/// only those. Security groups are always checked region-wide (resources share them).
struct DescribeSecurityHandler: Handler {
    let id = "aws.describe-security"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Security findings: open security groups, S3 public access and encryption, RDS encryption and exposure, deprecated Lambda runtimes",
            inputs: [
                .init("env", required: true, .text, "environment of config.json (region, profile, endpoint)"),
                .init("resources", .listOrObject, "registry entries {id, type, arn} to check; default: every bucket, DB instance and function of the region"),
            ],
            outputs: ["findings", "checked"])
    }

    /// What one run checks: names (with the id findings should carry) per type.
    struct Scope: Sendable {
        var buckets: [(name: String, id: String)]?
        var dbInstances: [(name: String, id: String)]?
        var functions: [(name: String, id: String)]?
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let env = try input.environment()
        let refs = try input.resources()
        let client = try AWSClients.client(for: env, context: context)
        let inventory = AWSInventory(client: client)
        let scope = Scope(
            buckets: refs.map { $0.filter { $0.type == .s3Bucket }.map { ($0.name, $0.id) } },
            dbInstances: refs.map { $0.filter { $0.type == .rdsInstance }.map { ($0.name, $0.id) } },
            functions: refs.map { $0.filter { $0.type == .lambda }.map { ($0.name, $0.id) } })

        async let groups = securityGroupFindings(client: client)
        async let buckets = bucketFindings(scope.buckets, inventory: inventory)
        async let databases = databaseFindings(scope.dbInstances, inventory: inventory)
        async let functions = functionFindings(scope.functions, inventory: inventory, today: ISOTime.day(Date()))
        let all = try await [groups, buckets, databases, functions]

        let findings = all.flatMap(\.findings).enumerated()
            .sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
            .map(\.element)
        return [
            "findings": .array(findings.map(\.value)),
            "checked": [
                "security_groups": .int(all[0].checked),
                "buckets": .int(all[1].checked),
                "db_instances": .int(all[2].checked),
                "functions": .int(all[3].checked),
            ],
        ]
    }
}
