import FaberCore

/// Where each service's requests go. Precedence, highest first (as the AWS SDKs do it, with faber's
/// per-environment setting between the environment variables and the profile):
///
/// 1. `AWS_ENDPOINT_URL_<SERVICE>` (`CLOUDWATCH`, `CLOUDWATCH_LOGS`, `LAMBDA`, `ECS`, `RDS`, `S3`,
///    `API_GATEWAY`, `EC2`, `COST_EXPLORER`, `RESOURCE_GROUPS_TAGGING_API`, `CLOUDTRAIL`, `STS`, `IAM`)
/// 2. `AWS_ENDPOINT_URL`
/// 3. `environments.<env>.endpoint_url` in config.json
/// 4. `endpoint_url` of the environment's AWS profile
/// 5. the AWS default: `https://<prefix>.<region>.amazonaws.com`; S3 `https://s3.<region>.amazonaws.com`
///    (path-style requests); IAM `https://iam.amazonaws.com` and Cost Explorer
///    `https://ce.us-east-1.amazonaws.com`, both signed for `us-east-1`.
///
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips 1-4. See docs/aws-configuration.md.
public struct AWSEndpoints: Sendable, Hashable {
    /// Where an endpoint came from, for messages and `--trace`.
    public enum Source: Sendable, Hashable {
        case serviceVariable(String)  // AWS_ENDPOINT_URL_<SERVICE>
        case globalVariable  // AWS_ENDPOINT_URL
        case environmentConfig  // config.json environments.<env>.endpoint_url
        case profile(String)  // endpoint_url of the profile
        case awsDefault
    }

    /// `AWS_ENDPOINT_URL_<SERVICE>` values by service suffix.
    public var serviceOverrides: [String: String]
    public var globalOverride: String?
    public var environmentURL: String?
    public var profileURL: String?
    public var profileName: String?

    public init(
        serviceOverrides: [String: String] = [:], globalOverride: String? = nil, environmentURL: String? = nil,
        profileURL: String? = nil, profileName: String? = nil
    ) {
        self.serviceOverrides = serviceOverrides
        self.globalOverride = globalOverride
        self.environmentURL = environmentURL
        self.profileURL = profileURL
        self.profileName = profileName
    }

    /// The base URL for `service` (no trailing slash) and where it came from.
    public func resolve(_ service: AWSService, region: String) -> (url: String, source: Source) {
        if let url = serviceOverrides[service.endpointSuffix] { return (url, .serviceVariable(service.endpointEnvironmentVariable)) }
        if let url = globalOverride { return (url, .globalVariable) }
        if let url = environmentURL { return (url, .environmentConfig) }
        if let url = profileURL { return (url, .profile(profileName ?? "default")) }
        return (Self.awsDefault(service, region: region), .awsDefault)
    }

    /// The endpoint AWS itself publishes for `service` in `region`.
    public static func awsDefault(_ service: AWSService, region: String) -> String {
        if service == .iam { return "https://iam.amazonaws.com" }
        if let global = service.globalRegion { return "https://\(service.endpointPrefix).\(global).amazonaws.com" }
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(service.endpointPrefix).\(region).\(domain)"
    }

    /// Reads the overrides from the process environment and validates every URL found.
    static func fromEnvironment(
        _ environment: [String: String], environmentURL: String?, profileURL: String?,
        profileName: String?, settingsPath: String
    ) throws -> AWSEndpoints {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true" { return AWSEndpoints() }
        var endpoints = AWSEndpoints(profileName: profileName)
        for service in AWSService.all {
            if let raw = environment[service.endpointEnvironmentVariable], !raw.isEmpty {
                endpoints.serviceOverrides[service.endpointSuffix] = try validated(raw, from: service.endpointEnvironmentVariable)
            }
        }
        if let raw = environment["AWS_ENDPOINT_URL"], !raw.isEmpty {
            endpoints.globalOverride = try validated(raw, from: "AWS_ENDPOINT_URL")
        }
        if let raw = environmentURL { endpoints.environmentURL = try validated(raw, from: settingsPath) }
        if let raw = profileURL { endpoints.profileURL = try validated(raw, from: "endpoint_url of profile '\(profileName ?? "default")'") }
        return endpoints
    }

    /// `http(s)://host[:port][/path]` without a trailing slash, or a usage error naming the setting.
    static func validated(_ raw: String, from setting: String) throws -> String {
        var url = raw.trimmingWhitespace()
        let lower = url.lowercased()
        let schemeOK = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        guard schemeOK, let host, !host.isEmpty, !url.contains(" "), AWSEndpoint(url) != nil else {
            throw FaberError(
                .usage, "\(setting) is not an http(s) URL: '\(redactingUserInfo(raw))'",
                hint: "write it as http://host:port or https://host, e.g. http://127.0.0.1:5000")
        }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `url` fit to be shown: a password in it is masked (`http://admin:***@127.0.0.1:5000`), a user
    /// name alone (which may be a token) too (`https://***@host`). Works on malformed text as well
    /// (no scheme, no host), since error messages show what the user wrote.
    public static func redactingUserInfo(_ url: String) -> String {
        let authorityStart = url.range(of: "://")?.upperBound ?? url.startIndex
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        let userInfo = url[authorityStart..<at]
        let shown = userInfo.firstIndex(of: ":").map { userInfo[..<$0] + ":***" } ?? "***"
        return String(url[..<authorityStart]) + shown + String(url[at...])
    }
}
