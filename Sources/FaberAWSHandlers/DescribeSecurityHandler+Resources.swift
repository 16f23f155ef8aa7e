import FaberAWS
import FaberCore
import FaberOpsModel

extension DescribeSecurityHandler {
    /// GetPublicAccessBlock and GetBucketEncryption for each bucket (ListBuckets when not scoped).
    func bucketFindings(_ scope: [(name: String, id: String)]?, inventory: AWSInventory) async throws -> (findings: [SecurityFinding], checked: Int) {
        var targets = scope ?? []
        if scope == nil { targets = try await inventory.buckets().keys.sorted().map { ($0, $0) } }
        let client = inventory.client
        let perBucket = try await BoundedConcurrency.map(targets, limit: 8) { target -> [SecurityFinding] in
            var findings: [SecurityFinding] = []
            let path = "/\(AWSPath.encode(target.name))"
            do {
                let response = try await client.restXML(.s3, "GetPublicAccessBlock", method: "GET", path: path, query: [("publicAccessBlock", "")])
                let flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
                let off = flags.filter { response.xml?.text($0) != "true" }
                if !off.isEmpty {
                    findings.append(
                        SecurityFinding(
                            severity: .medium, category: "storage", resource: target.id, check: "s3-public-access-block",
                            detail: "bucket \(target.name): public access block has \(off.joined(separator: ", ")) off",
                            remediation: "turn on all four public access block settings unless the bucket must be public"))
                }
            } catch let error as AWSError where error.code == "NoSuchPublicAccessBlockConfiguration" {
                findings.append(
                    SecurityFinding(
                        severity: .high, category: "storage", resource: target.id, check: "s3-public-access-block",
                        detail: "bucket \(target.name) has no public access block",
                        remediation:
                            "aws s3api put-public-access-block --bucket \(target.name) --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
                    ))
            } catch let error as AWSError where !error.isAccessDenied && !error.isInvalidCredentials && !error.isUnavailable {
                findings.append(uncheckable(target, "public access block", error))
            }
            do {
                _ = try await client.restXML(.s3, "GetBucketEncryption", method: "GET", path: path, query: [("encryption", "")])
            } catch let error as AWSError where error.code == "ServerSideEncryptionConfigurationNotFoundError" {
                findings.append(
                    SecurityFinding(
                        severity: .medium, category: "storage", resource: target.id, check: "s3-default-encryption",
                        detail: "bucket \(target.name) has no default encryption",
                        remediation: "set default encryption (SSE-S3 or SSE-KMS): aws s3api put-bucket-encryption --bucket \(target.name) ..."))
            } catch let error as AWSError where !error.isAccessDenied && !error.isInvalidCredentials && !error.isUnavailable {
                findings.append(uncheckable(target, "default encryption", error))
            }
            return findings
        }
        return (perBucket.flatMap { $0 }, targets.count)
    }

    private func uncheckable(_ target: (name: String, id: String), _ what: String, _ error: AWSError) -> SecurityFinding {
        SecurityFinding(
            severity: .low, category: "storage", resource: target.id, check: "s3-check-failed",
            detail: "bucket \(target.name): could not read its \(what): \(error.code)",
            remediation: "check that the bucket exists in this environment's region and account")
    }

    /// StorageEncrypted and PubliclyAccessible of each DB instance (DescribeDBInstances, filtered here).
    func databaseFindings(_ scope: [(name: String, id: String)]?, inventory: AWSInventory) async throws -> (findings: [SecurityFinding], checked: Int) {
        if let scope, scope.isEmpty { return ([], 0) }
        let instances = try await inventory.dbInstances()
        let targets = scope?.filter { instances[$0.name] != nil } ?? instances.keys.sorted().map { ($0, $0) }
        var findings: [SecurityFinding] = []
        for target in targets {
            guard let instance = instances[target.name] else { continue }
            if instance.text("PubliclyAccessible") == "true" {
                findings.append(
                    SecurityFinding(
                        severity: .critical, category: "database", resource: target.id, check: "rds-publicly-accessible",
                        detail: "DB instance \(target.name) is publicly accessible",
                        remediation: "aws rds modify-db-instance --db-instance-identifier \(target.name) --no-publicly-accessible --apply-immediately"))
            }
            if instance.text("StorageEncrypted") != "true" {
                findings.append(
                    SecurityFinding(
                        severity: .high, category: "database", resource: target.id, check: "rds-storage-encrypted",
                        detail: "DB instance \(target.name) storage is not encrypted",
                        remediation: "restore an encrypted copy: snapshot, copy the snapshot with --kms-key-id, restore, switch over"))
            }
        }
        return (findings, targets.count)
    }

    /// Runtimes of each function against `DeprecatedRuntimes`.
    func functionFindings(_ scope: [(name: String, id: String)]?, inventory: AWSInventory, today: String) async throws -> (
        findings: [SecurityFinding], checked: Int
    ) {
        let targets: [(configuration: Value, id: String)]
        if let scope {
            let configurations = try await inventory.lambdaConfigurations(scope.map(\.name))
            targets = scope.compactMap { target in configurations[target.name].map { ($0, target.id) } }
        } else {
            targets = try await inventory.allLambdaFunctions().map { ($0, $0["FunctionName"]?.string ?? "?") }
        }
        var findings: [SecurityFinding] = []
        for target in targets {
            guard let runtime = target.configuration["Runtime"]?.string else { continue }
            let name = target.configuration["FunctionName"]?.string ?? target.id
            switch DeprecatedRuntimes.standing(of: runtime, today: today) {
            case .deprecated(let since):
                findings.append(
                    SecurityFinding(
                        severity: .high, category: "compute", resource: target.id, check: "lambda-runtime-deprecated",
                        detail: "Lambda function \(name) runs \(runtime), deprecated since \(since): it gets no security patches",
                        remediation: "move the function to a supported runtime and redeploy"))
            case .deprecating(let date, let days):
                findings.append(
                    SecurityFinding(
                        severity: .medium, category: "compute", resource: target.id, check: "lambda-runtime-deprecated",
                        detail: "Lambda function \(name) runs \(runtime), deprecated on \(date) (in \(days) days)",
                        remediation: "plan the move to a newer runtime before \(date)"))
            case .supported:
                break
            }
        }
        return (findings, targets.count)
    }
}
