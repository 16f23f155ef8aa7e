import FaberCore

/// Both AWS shared files, found the way the AWS SDKs find them: `AWS_SHARED_CREDENTIALS_FILE` (else
/// `~/.aws/credentials`) and `AWS_CONFIG_FILE` (else `~/.aws/config`), with `~` from `HOME` in the
/// process environment.
public struct AWSSharedConfig: Sendable {
    public var credentialsFile: AWSProfileFile
    public var configFile: AWSProfileFile
    /// The paths looked at, for messages (whether or not the files exist).
    public var credentialsPath: String
    public var configPath: String

    public init(credentialsFile: AWSProfileFile, configFile: AWSProfileFile, credentialsPath: String, configPath: String) {
        self.credentialsFile = credentialsFile
        self.configFile = configFile
        self.credentialsPath = credentialsPath
        self.configPath = configPath
    }

    public static func load(processEnvironment: [String: String]) -> AWSSharedConfig {
        let home = processEnvironment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func path(_ variable: String, default name: String) -> String {
            if let explicit = processEnvironment[variable], !explicit.isEmpty { return expandTilde(explicit, home: home) }
            return (home ?? "~") + "/.aws/" + name
        }
        let credentialsPath = path("AWS_SHARED_CREDENTIALS_FILE", default: "credentials")
        let configPath = path("AWS_CONFIG_FILE", default: "config")
        return AWSSharedConfig(
            credentialsFile: AWSProfileFile.load(credentialsPath, kind: .credentials),
            configFile: AWSProfileFile.load(configPath, kind: .config),
            credentialsPath: credentialsPath, configPath: configPath)
    }

    static func expandTilde(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// True when either file has a section for `profile`.
    public func hasProfile(_ profile: String) -> Bool {
        credentialsFile.profiles[profile] != nil || configFile.profiles[profile] != nil
    }

    /// A setting of `profile`: the credentials file first, then the config file.
    public func value(_ key: String, profile: String) -> String? {
        for file in [credentialsFile, configFile] {
            if let value = file.profiles[profile]?[key], !value.isEmpty { return value }
        }
        return nil
    }

    /// Where profiles are looked for, as the user wrote it: `~/.aws/credentials or ~/.aws/config`.
    public func describeFiles(home: String?) -> String {
        func short(_ path: String) -> String {
            guard let home, !home.isEmpty, path.hasPrefix(home + "/") else { return path }
            return "~" + path.dropFirst(home.count)
        }
        return "\(short(credentialsPath)) or \(short(configPath))"
    }
}
