import FaberCore
import Testing

@testable import FaberAWSHandlers

@Suite("aws.describe-security against moto")
struct DescribeSecurityHandlerTests {
    let account = "123456789012"

    @Test("finds open security groups, unprotected buckets, exposed databases and deprecated runtimes")
    func findings() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        let (sg, openBucket, safeBucket, publicDB, privateDB, oldFn, newFn) =
            (h.name("sg"), h.name("open"), h.name("safe"), h.name("pubdb"), h.name("privdb"), h.name("old"), h.name("new"))
        let seeded = try await h.seed([
            "security_groups": [["name": .string(sg), "open_ports": [22, 443, 8080], "open_ipv6_all": true]],
            "buckets": [["name": .string(openBucket)], ["name": .string(safeBucket), "block_public": true, "encrypted": true]],
            "db_instances": [["id": .string(publicDB), "public": true, "encrypted": false], ["id": .string(privateDB)]],
            "lambdas": [["name": .string(oldFn), "runtime": "python3.7"], ["name": .string(newFn), "runtime": "python3.12"]],
        ])
        let groupID = try #require(seeded["security_groups"]?[sg]?.string)
        let resources: Value = [
            Value.registryEntry("uploads", "s3-bucket", "arn:aws:s3:::\(openBucket)"),
            Value.registryEntry("assets", "s3-bucket", "arn:aws:s3:::\(safeBucket)"),
            Value.registryEntry("db", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(publicDB)"),
            Value.registryEntry("db2", "rds-instance", "arn:aws:rds:us-east-1:\(account):db:\(privateDB)"),
            Value.registryEntry("legacy", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(oldFn)"),
            Value.registryEntry("orders", "lambda", "arn:aws:lambda:us-east-1:\(account):function:\(newFn)"),
        ]
        let run = try await h.run("aws.describe-security", ["resources": resources])
        let findings = run.output["findings"]?.array ?? []
        func checks(_ resource: String) -> [String] {
            findings.filter { $0["resource"]?.string == resource }.map { "\($0["severity"]?.string ?? "") \($0["check"]?.string ?? "")" }
        }
        let group = findings.filter { $0["resource"]?.string == "\(groupID) (\(sg))" }
        #expect(group.map { $0["severity"]?.string ?? "" }.sorted() == ["critical", "high", "medium"])
        #expect(group.contains { $0["severity"] == "high" && $0["detail"]?.string?.contains("22 SSH") == true })
        #expect(group.contains { $0["severity"] == "medium" && $0["detail"]?.string?.contains("port 8080") == true })
        #expect(group.contains { $0["severity"] == "critical" && $0["detail"]?.string?.contains("::/0") == true })
        #expect(!group.contains { $0["detail"]?.string?.contains("port 443 ") == true })

        #expect(checks("uploads") == ["high s3-public-access-block", "medium s3-default-encryption"])
        #expect(checks("assets") == [])
        #expect(checks("db") == ["critical rds-publicly-accessible", "high rds-storage-encrypted"])
        #expect(checks("db2") == [])
        #expect(checks("legacy") == ["high lambda-runtime-deprecated"])
        #expect(checks("orders") == [])
        #expect(findings.allSatisfy { ($0["remediation"]?.string ?? "").isEmpty == false && $0["category"]?.string != nil })

        let ranks = findings.map { ["critical": 0, "high": 1, "medium": 2, "low": 3][$0["severity"]?.string ?? ""] ?? 9 }
        #expect(ranks == ranks.sorted())
        #expect(run.output["checked"]?["buckets"] == 2)
        #expect(run.output["checked"]?["db_instances"] == 2)
        #expect(run.output["checked"]?["functions"] == 2)
        #expect((run.output["checked"]?["security_groups"]?.int ?? 0) >= 1)

        // Without resources, every bucket of the account is checked, named by bucket.
        let everything = try await h.run("aws.describe-security", [:])
        let all = everything.output["findings"]?.array ?? []
        #expect(all.contains { $0["resource"]?.string == openBucket && $0["check"] == "s3-default-encryption" })
        #expect(all.contains { $0["resource"]?.string == publicDB && $0["check"] == "rds-publicly-accessible" })
        #expect(all.contains { $0["resource"]?.string == oldFn })
        #expect((everything.output["checked"]?["buckets"]?.int ?? 0) >= 2)
    }

    @Test("runtime deprecation standing by date")
    func runtimeTable() {
        #expect(DeprecatedRuntimes.standing(of: "python3.7", today: "2025-01-01") == .deprecated(since: "2023-12-04"))
        #expect(DeprecatedRuntimes.standing(of: "python3.9", today: "2025-10-01") == .deprecating(on: "2025-12-15", inDays: 75))
        #expect(DeprecatedRuntimes.standing(of: "python3.9", today: "2025-01-01") == .supported)
        #expect(DeprecatedRuntimes.standing(of: "python3.13", today: "2025-01-01") == .supported)
    }
}
