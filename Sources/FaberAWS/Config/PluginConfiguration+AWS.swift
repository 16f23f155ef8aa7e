import FaberCore

/// What the AWS layer reads from the plugin configuration (the one loader, `PluginConfiguration`):
///
/// ```json
/// {
///   "handlers": {"hosting": {"active": "aws",
///                            "aws": {"region": "us-east-1", "profiles": {"prod_deploy": "acme-prod"}}}},
///   "environments": {"test": {"endpoint_url": "http://127.0.0.1:5000"},
///                    "prod": {"region": "eu-west-1", "profile": "acme-prod", "require_confirmation": true}},
///   "thresholds": {"lambda": {"error_rate": 5}}
/// }
/// ```
extension PluginConfiguration {
    /// `handlers.hosting.active` (`aws` when not set).
    public var activeHostingHandler: String {
        lookup("handlers.hosting.active")?.string ?? "aws"
    }

    /// `handlers.hosting.aws.region`: the region of every environment that names none.
    public var defaultRegion: String? {
        nonEmpty(lookup("handlers.hosting.aws.region")?.string)
    }

    /// `handlers.hosting.aws.profiles.<env>_deploy`.
    public func deployProfile(for environment: String) -> String? {
        nonEmpty(document["handlers"]?["hosting"]?["aws"]?["profiles"]?["\(environment)_deploy"]?.string)
    }

    /// Environment `name` with the settings the AWS layer reads (see `environment(_:)` for the rules).
    public func awsEnvironment(_ name: String) throws -> FaberEnvironment {
        let settings = try environment(name)
        return FaberEnvironment(
            name: name, region: settings.text("region"),
            profile: settings.text("profile") ?? deployProfile(for: name),
            endpointURL: settings.text("endpoint_url"), requireConfirmation: settings.requireConfirmation)
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}
