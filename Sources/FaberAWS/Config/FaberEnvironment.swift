import FaberCore

/// One faber environment (`--env prod`) as the AWS layer reads it from the plugin configuration: `environments.<name>`
/// {`require_confirmation`, `region`, `profile`, `endpoint_url`}.
public struct FaberEnvironment: Sendable {
    public var name: String
    /// `environments.<name>.region`.
    public var region: String?
    /// `environments.<name>.profile`, else `handlers.hosting.aws.profiles.<name>_deploy`.
    public var profile: String?
    /// `environments.<name>.endpoint_url`.
    public var endpointURL: String?
    /// `environments.<name>.require_confirmation`; by default true for `prod` (and `production`), false otherwise.
    public var requireConfirmation: Bool

    public init(
        name: String, region: String? = nil, profile: String? = nil, endpointURL: String? = nil,
        requireConfirmation: Bool? = nil
    ) {
        self.name = name
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.requireConfirmation = requireConfirmation ?? EnvironmentSettings.requiresConfirmationByDefault(name)
    }
}
