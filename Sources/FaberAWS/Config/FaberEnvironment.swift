import FaberCore

/// One faber environment (`--env prod`) as config.json describes it: `environments.<name>`
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

    public init(name: String, region: String? = nil, profile: String? = nil, endpointURL: String? = nil,
                requireConfirmation: Bool? = nil) {
        self.name = name
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.requireConfirmation = requireConfirmation ?? Self.confirmsByDefault(name)
    }

    init(name: String, settings: Value, config: FaberCloudConfig) {
        func text(_ key: String) -> String? {
            guard let value = settings[key]?.string?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        self.init(name: name, region: text("region"), profile: text("profile") ?? config.deployProfile(for: name),
                  endpointURL: text("endpoint_url"), requireConfirmation: settings["require_confirmation"]?.bool)
    }

    /// Production environments ask before changing anything unless config.json says otherwise.
    public static func confirmsByDefault(_ name: String) -> Bool {
        RunConfirmation.requiredByDefault(in: name)
    }
}
