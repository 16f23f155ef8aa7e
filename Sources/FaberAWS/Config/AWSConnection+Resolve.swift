import AWSSigV4
import FaberCore
import Foundation

extension AWSConnection {
    /// Resolves environment `environment` of the run's plugin configuration (the one the run read:
    /// never a second read of the file).
    ///
    /// - Credentials: when the environment names a profile (`environments.<env>.profile`, else
    ///   `handlers.hosting.aws.profiles.<env>_deploy`), that profile. Otherwise `AWS_ACCESS_KEY_ID` /
    ///   `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, else the profile `AWS_PROFILE`, else `default`.
    ///   A profile gives static keys (the credentials file first, then the config file) or a
    ///   `credential_process`.
    /// - Region: `environments.<env>.region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`,
    ///   `handlers.hosting.aws.region`.
    /// - Endpoints: see `AWSEndpoints`.
    ///
    /// Throws `FaberError`: `.invalidSpec` for a broken config.json, `.usage` for an unknown environment,
    /// a missing region or a malformed endpoint URL, `.accessDenied` for a missing profile or no credentials.
    public static func resolve(
        environment: String, configuration config: PluginConfiguration,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AWSConnection {
        let settings = try config.awsEnvironment(environment)
        let shared = AWSSharedConfig.load(processEnvironment: processEnvironment)
        let chosen = try AWSCredentialChain(
            settings: settings, shared: shared, environment: processEnvironment,
            configPath: config.path
        ).resolve()
        let region = try resolveRegion(
            settings: settings, config: config, shared: shared,
            profile: chosen.settingsProfile, environment: processEnvironment)
        let configFile = config.displayPath
        let endpoints = try AWSEndpoints.fromEnvironment(
            processEnvironment, environmentURL: settings.endpointURL,
            profileURL: shared.value("endpoint_url", profile: chosen.settingsProfile),
            profileName: chosen.settingsProfile,
            settingsPath: "environments.\(environment).endpoint_url in \(configFile)")
        return AWSConnection(
            environment: environment, region: region, profile: chosen.credentialsProfile,
            credentials: chosen.provider, requireConfirmation: settings.requireConfirmation,
            endpoints: endpoints)
    }

    static func resolveRegion(
        settings: FaberEnvironment, config: PluginConfiguration, shared: AWSSharedConfig,
        profile: String, environment: [String: String]
    ) throws -> String {
        let candidates: [(String?, String)] = [
            (settings.region, "environments.\(settings.name).region in config.json"),
            (environment["AWS_REGION"], "AWS_REGION"),
            (environment["AWS_DEFAULT_REGION"], "AWS_DEFAULT_REGION"),
            (shared.value("region", profile: profile), "region of profile '\(profile)'"),
            (config.defaultRegion, "handlers.hosting.aws.region in config.json"),
        ]
        for (value, source) in candidates {
            guard let region = value?.trimmingWhitespace(), !region.isEmpty else { continue }
            guard region.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw FaberError(
                    .usage, "\(source) is not an AWS region: '\(region)'",
                    hint: "use a region name such as us-east-1 or eu-west-1")
            }
            return region
        }
        let file = config.displayPath
        throw FaberError(
            .usage, "no AWS region for environment '\(settings.name)'",
            hint: "set environments.\(settings.name).region (or handlers.hosting.aws.region) in \(file), "
                + "export AWS_REGION, or add 'region = ...' to the profile '\(profile)' in ~/.aws/config")
    }
}
