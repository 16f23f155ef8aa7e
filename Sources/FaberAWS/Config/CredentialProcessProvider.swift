import AWSSigV4
import FaberCore
import Foundation

/// Keys from a profile's `credential_process`: the command runs through `/bin/sh -c` and prints
/// `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": ...}`.
/// The keys are cached until five minutes before `Expiration` (forever without one), and concurrent
/// callers share one run of the command. Errors name the profile and the command, never the output
/// (which holds secrets).
public actor CredentialProcessProvider: AWSCredentialProvider {
    public nonisolated let profile: String
    public nonisolated let command: String
    private let environment: [String: String]
    private let refreshMargin: Double
    private var cached: (credentials: SigV4Credentials, expiration: Date?)?
    private var inFlight: Task<(SigV4Credentials, Date?), any Error>?

    public init(profile: String, command: String, environment: [String: String], refreshMargin: Double = 300) {
        self.profile = profile
        self.command = command
        self.environment = environment
        self.refreshMargin = refreshMargin
    }

    public nonisolated var description: String { "credential_process of profile '\(profile)'" }

    public func credentials() async throws -> SigV4Credentials {
        if let cached, cached.expiration.map({ $0.timeIntervalSinceNow > refreshMargin }) ?? true {
            return cached.credentials
        }
        if let inFlight { return try await inFlight.value.0 }
        let (profile, command, environment) = (self.profile, self.command, self.environment)
        let task = Task { try await Self.run(profile: profile, command: command, environment: environment) }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh.0
    }

    // MARK: - Running the command

    static func run(profile: String, command: String, environment: [String: String]) async throws -> (SigV4Credentials, Date?) {
        let output = try await ProcessOutput.run(command, environment: environment, failure: { reason in
            failure(profile, command, reason)
        })
        guard output.status == 0 else {
            var reason = "exited with status \(output.status)"
            if let line = output.stderrSummary { reason += ": \(line)" }
            throw failure(profile, command, reason)
        }
        return try parse(output.stdout, profile: profile, command: command)
    }

    /// Parses the command's JSON answer.
    static func parse(_ stdout: [UInt8], profile: String, command: String) throws -> (SigV4Credentials, Date?) {
        let document: Value
        do {
            document = try Value.parseJSON(bytes: stdout)
        } catch {
            throw failure(profile, command, "did not print a JSON object")
        }
        guard case .object = document else { throw failure(profile, command, "did not print a JSON object") }
        guard document["Version"]?.int == 1 else {
            throw failure(profile, command, "printed an answer without \"Version\": 1")
        }
        guard let keyID = document["AccessKeyId"]?.string, !keyID.isEmpty else {
            throw failure(profile, command, "printed no AccessKeyId")
        }
        guard let secret = document["SecretAccessKey"]?.string, !secret.isEmpty else {
            throw failure(profile, command, "printed no SecretAccessKey")
        }
        let token = document["SessionToken"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        var expiration: Date?
        if let text = document["Expiration"]?.string {
            guard let date = parseTimestamp(text) else {
                throw failure(profile, command, "printed an Expiration that is not an ISO 8601 time: '\(text)'")
            }
            expiration = date
        }
        return (SigV4Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token), expiration)
    }

    /// `2025-01-01T00:00:00Z`, with or without fractional seconds or an offset.
    static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    static func failure(_ profile: String, _ command: String, _ reason: String) -> FaberError {
        FaberError(.accessDenied, "credential_process of profile '\(profile)' failed: `\(command)` \(reason)",
                   hint: "run the command yourself to see what it prints, and fix it (or its login) in the profile; "
                       + "it must print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}")
    }
}
