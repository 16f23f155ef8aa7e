import AWSSigV4
import FaberCore

/// Picks where an environment's keys come from (see `AWSConnection.resolve`).
struct AWSCredentialChain {
    struct Choice {
        var provider: any AWSCredentialProvider
        /// The profile the keys come from (nil for environment variables).
        var credentialsProfile: String?
        /// The profile that gives region and endpoint_url: the one above, else `AWS_PROFILE` or `default`.
        var settingsProfile: String
    }

    var settings: FaberEnvironment
    var shared: AWSSharedConfig
    var environment: [String: String]
    var configPath: String?

    func resolve() throws -> Choice {
        if let profile = settings.profile {
            return Choice(
                provider: try provider(profile: profile, namedIn: "config.json"),
                credentialsProfile: profile, settingsProfile: profile)
        }
        let ambientProfile = nonEmpty(environment["AWS_PROFILE"]) ?? "default"
        if let keys = try environmentKeys() {
            return Choice(
                provider: StaticCredentialProvider(keys, source: "environment variables"),
                credentialsProfile: nil, settingsProfile: ambientProfile)
        }
        if let named = nonEmpty(environment["AWS_PROFILE"]) {
            return Choice(
                provider: try provider(profile: named, namedIn: "AWS_PROFILE"),
                credentialsProfile: named, settingsProfile: named)
        }
        let keyed = ["aws_access_key_id", "aws_secret_access_key", "credential_process"]
        if keyed.contains(where: { shared.value($0, profile: "default") != nil }) {
            return Choice(
                provider: try provider(profile: "default", namedIn: nil),
                credentialsProfile: "default", settingsProfile: "default")
        }
        throw FaberError(
            .accessDenied, "no AWS credentials for environment '\(settings.name)'",
            hint: "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), "
                + "export AWS_PROFILE=<profile>, add a [default] profile to ~/.aws/credentials, "
                + "or set environments.\(settings.name).profile in \(configPath ?? "\(PluginConfiguration.baseFolder)/<plugin>/config.json")")
    }

    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); nil when neither is set.
    func environmentKeys() throws -> SigV4Credentials? {
        let keyID = nonEmpty(environment["AWS_ACCESS_KEY_ID"])
        let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"])
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (let keyID?, let secret?):
            return SigV4Credentials(
                accessKeyID: keyID, secretAccessKey: secret,
                sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]))
        case (_?, nil):
            throw FaberError(
                .accessDenied, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                hint: "export both, or unset AWS_ACCESS_KEY_ID to use a profile")
        case (nil, _?):
            throw FaberError(
                .accessDenied, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                hint: "export both, or unset AWS_SECRET_ACCESS_KEY to use a profile")
        }
    }

    /// The provider of a named profile: static keys (credentials file first, then config file) or
    /// `credential_process`.
    func provider(profile: String, namedIn: String?) throws -> any AWSCredentialProvider {
        let files = shared.describeFiles(home: environment["HOME"])
        guard shared.hasProfile(profile) else {
            var hint = namedIn.map { "the profile comes from \($0); " } ?? ""
            let known = Set(shared.credentialsFile.profiles.keys).union(shared.configFile.profiles.keys).sorted()
            if let guess = didYouMean(profile, among: known) { hint += guess + " " }
            hint +=
                known.isEmpty
                ? "no profiles are defined; create one with `aws configure --profile \(profile)`"
                : "profiles defined: \(known.joined(separator: ", "))"
            throw FaberError(.accessDenied, "profile '\(profile)' not found in \(files)", hint: hint)
        }
        if let keyID = shared.value("aws_access_key_id", profile: profile) {
            guard let secret = shared.value("aws_secret_access_key", profile: profile) else {
                throw FaberError(
                    .accessDenied, "profile '\(profile)' has aws_access_key_id but no aws_secret_access_key",
                    hint: "add aws_secret_access_key to the profile in \(files)")
            }
            let keys = SigV4Credentials(
                accessKeyID: keyID, secretAccessKey: secret,
                sessionToken: shared.value("aws_session_token", profile: profile))
            return StaticCredentialProvider(keys, source: "profile '\(profile)'")
        }
        if let command = shared.value("credential_process", profile: profile) {
            return CredentialProcessProvider(profile: profile, command: command, environment: environment)
        }
        var unsupported = ""
        for key in ["role_arn", "sso_session", "sso_start_url", "web_identity_token_file"]
        where shared.value(key, profile: profile) != nil {
            unsupported = " (it uses \(key), which faber does not support)"
            break
        }
        throw FaberError(
            .accessDenied, "profile '\(profile)' has no keys\(unsupported)",
            hint: "give it aws_access_key_id and aws_secret_access_key, or a credential_process "
                + "(e.g. `aws configure export-credentials --profile \(profile) --format process`)")
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}
