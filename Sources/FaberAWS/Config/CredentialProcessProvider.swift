import AWSSigV4
import FaberCore
import Foundation

/// Keys from a profile's `credential_process`: the command runs through `/bin/sh -c` and prints
/// `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": ...}`.
/// The keys are cached until five minutes before `Expiration` (forever without one), and concurrent
/// callers share one run of the command. Errors name the profile and the command's program (its first
/// word), never its arguments or output, either of which may hold secrets. Keys that have already
/// expired when the command prints them are refused.
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
        let output = try await ProcessOutput.run(
            command, environment: environment,
            failure: { reason in
                failure(profile, command, reason)
            })
        guard output.status == 0 else {
            var reason = "exited with status \(output.status)"
            if let line = output.stderrSummary { reason += ": \(maskingArguments(of: command, in: line))" }
            throw failure(profile, command, reason)
        }
        return try parse(output.stdout, profile: profile, command: command)
    }

    /// Parses the command's JSON answer; `now` decides whether its `Expiration` has passed.
    static func parse(_ stdout: [UInt8], profile: String, command: String, now: Date = Date()) throws -> (SigV4Credentials, Date?) {
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
            guard date > now else {
                throw FaberError(
                    .accessDenied,
                    "credential_process of profile '\(profile)' returned expired credentials: "
                        + "`\(programName(command))` printed an Expiration of \(text), which has passed",
                    hint: "renew the login the command relies on (e.g. `aws sso login --profile \(profile)`) or clear its cache, "
                        + "then run again; check the clock of this machine too")
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
        FaberError(
            .accessDenied, "credential_process of profile '\(profile)' failed: `\(programName(command))` \(reason)",
            hint: "run the command yourself to see what it prints, and fix it (or its login) in the profile; "
                + "it must print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}")
    }

    /// The program a command line runs, for messages: its first word, without the arguments (which may
    /// hold a token or a password) and past leading `NAME=value` assignments (same reason).
    /// `aws-vault exec prod --json` -> `aws-vault`; `TOKEN=x '/opt/my creds/get' -p` -> `/opt/my creds/get`.
    static func programName(_ command: String) -> String {
        words(command).first { !isAssignment($0) } ?? "(empty command)"
    }

    /// `text` (the command's last stderr line) with every argument and assignment value of `command`
    /// replaced by `***`, in case the command echoes the secret it was given.
    static func maskingArguments(of command: String, in text: String) -> String {
        let all = words(command)
        let program = all.firstIndex { !isAssignment($0) }
        var secrets: [String] = []
        for (index, word) in all.enumerated() where index != program {
            secrets.append(word)
            if let equals = word.firstIndex(of: "=") { secrets.append(String(word[word.index(after: equals)...])) }
        }
        var masked = text
        for secret in secrets.filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            masked = masked.replacingOccurrences(of: secret, with: "***")
        }
        // What looks like a credential: an access key id, or a long key-like token (a secret key
        // is 40 characters, a session token hundreds).
        masked = masked.replacing(Self.accessKeyID, with: "***")
        masked = masked.replacing(Self.longToken, with: "***")
        // And any value of a key named like a secret, whatever its length.
        return SecretText.masked(masked)
    }

    nonisolated(unsafe) static let accessKeyID = try! Regex("(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}")
    nonisolated(unsafe) static let longToken = try! Regex("[A-Za-z0-9/+_-]{32,}=*")

    /// The words of the first simple command of a `/bin/sh` command line: quotes and backslashes
    /// understood, stopping at `;`, `|` or `&`.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace || character == ";" || character == "|" || character == "&" {
                if inWord {
                    words.append(word)
                    word = ""
                    inWord = false
                }
                if !character.isWhitespace { return words }  // the rest is another command
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// `NAME=value`, as a shell reads it before the program name.
    private static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) } && !(name.first?.isNumber ?? true)
    }
}
