import FaberAWS
import FaberCore
import Foundation

/// `aws.get-caller-identity`: who the environment's credentials are (STS GetCallerIdentity), for
/// the remediation log: the account, the ARN and the user id. Never the keys.
struct GetCallerIdentityHandler: Handler {
    let id = "aws.get-caller-identity"

    var signature: HandlerSignature {
        HandlerSignature(
            summary: "Who the environment's credentials are: account, ARN and user id (STS GetCallerIdentity)",
            inputs: [.init("env", required: true, .text, "environment of config.json (region, profile, endpoint)")],
            outputs: ["account", "arn", "user_id", "local_user"])
    }

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let input = HandlerInput(input, handler: id)
        let client = try AWSClients.client(for: try input.environment(), context: context)
        let result = try await client.query(.sts, "GetCallerIdentity")
        return [
            "account": result.text("Account").map { .string($0) } ?? .null,
            "arn": result.text("Arn").map { .string($0) } ?? .null,
            "user_id": result.text("UserId").map { .string($0) } ?? .null,
            "local_user": Self.localUser.map { .string($0) } ?? .null,
        ]
    }

    /// The local account that ran faber: `$USER`, else `$LOGNAME`, else the account of the process.
    static var localUser: String? {
        let environment = ProcessInfo.processInfo.environment
        return [environment["USER"], environment["LOGNAME"], NSUserName()].compactMap { $0 }.first { !$0.isEmpty }
    }
}
