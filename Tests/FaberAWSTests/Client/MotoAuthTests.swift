import AWSSigV4
import FaberCore
import FaberOpsModel
import FaberTestSupport
import Testing

@testable import FaberAWS

/// moto checks signatures once `/moto-api/reset-auth` was called; that is global to a server,
/// so this test runs its own.
@Suite("SigV4 accepted and refused by moto")
struct MotoAuthTests {
    @Test func signedWithANewKeySucceedsAndAWrongSecretIsRefused() async throws {
        let moto = try await MotoServer.launchPrivate()
        defer { moto.stop() }
        try moto.resetAuth(unauthenticatedRequests: 6)
        let user = uniqueName("ops")
        let powerless = uniqueName("viewer")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

        // These 6 calls run unauthenticated: a user with an allow-all inline policy and one without any policy.
        let (key, powerlessKey) = try await withClient(endpoint: moto.endpoint, retry: .none) { client in
            _ = try await client.query(.iam, "CreateUser", [("UserName", user)])
            _ = try await client.query(.iam, "PutUserPolicy", [("UserName", user), ("PolicyName", "allow-all"), ("PolicyDocument", policy)])
            let created = try await client.query(.iam, "CreateAccessKey", [("UserName", user)])
            _ = try await client.query(.iam, "CreateUser", [("UserName", powerless)])
            let createdPowerless = try await client.query(.iam, "CreateAccessKey", [("UserName", powerless)])
            _ = try await client.query(.sts, "GetCallerIdentity")  // the last free request
            return (
                SigV4Credentials(
                    accessKeyID: try #require(created.text("AccessKey/AccessKeyId")),
                    secretAccessKey: try #require(created.text("AccessKey/SecretAccessKey"))),
                SigV4Credentials(
                    accessKeyID: try #require(createdPowerless.text("AccessKey/AccessKeyId")),
                    secretAccessKey: try #require(createdPowerless.text("AccessKey/SecretAccessKey")))
            )
        }

        // Signed with the new key: accepted over JSON, query, ec2 and rest-xml. (moto 5.2.1 refuses every
        // rest-json signature in this mode, boto3's included, so Lambda and API Gateway cannot be checked here.)
        try await withClient(endpoint: moto.endpoint, credentials: key, retry: .none) { client in
            let groups = try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:])
            #expect(groups["logGroups"]?.array != nil)
            _ = try await client.query(.ec2, "DescribeSecurityGroups")
            _ = try await client.restXML(.s3, "ListBuckets", method: "GET", path: "/")
            let identity = try await client.query(.sts, "GetCallerIdentity")
            #expect(identity.text("Arn")?.hasSuffix("user/\(user)") == true)
        }

        // The same key with a wrong secret: refused, exit 77, a clear message, no secret in it.
        let wrong = SigV4Credentials(accessKeyID: key.accessKeyID, secretAccessKey: "wrong-secret-value-1234")
        let error = try await withClient(endpoint: moto.endpoint, credentials: wrong) { client in
            await awsError { _ = try await client.json(.cloudWatchLogs, "DescribeLogGroups", [:]) }
        }
        let refused = try #require(error)
        #expect(refused.exitStatus == .accessDenied)
        #expect(refused.exitStatus.rawValue == 77)
        #expect(refused.code == "SignatureDoesNotMatch")
        #expect(refused.message.contains("AWS refused the credentials"))
        #expect(refused.message.contains("logs DescribeLogGroups"))
        #expect(!refused.description.contains("wrong-secret-value-1234"))
        #expect(!refused.description.contains(key.secretAccessKey))

        // A valid key without the permission: access denied, naming the IAM action.
        let denied = try await withClient(endpoint: moto.endpoint, credentials: powerlessKey) { client in
            await awsError { _ = try await client.json(.cloudWatchLogs, "FilterLogEvents", ["logGroupName": "g"]) }
        }
        #expect(denied?.exitStatus == .accessDenied)
        #expect(denied?.isAccessDenied == true)
        #expect(denied?.message.contains("needs IAM permission logs:FilterLogEvents") == true)

        // An unknown key is refused too.
        let unknown = SigV4Credentials(accessKeyID: "AKIAUNKNOWNFABER0000", secretAccessKey: "x")
        let unknownError = try await withClient(endpoint: moto.endpoint, credentials: unknown) { client in
            await awsError { _ = try await client.query(.rds, "DescribeDBInstances") }
        }
        #expect(unknownError?.exitStatus == .accessDenied)
    }
}
