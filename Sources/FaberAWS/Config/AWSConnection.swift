import FaberCore
import Foundation

/// Everything needed to talk to AWS for one faber environment (`--env prod`): region, credentials,
/// endpoints and whether changes need a confirmation. Made by `resolve(environment:workspace:processEnvironment:)`
/// from config.json, the AWS profile files and the process environment (docs/aws-configuration.md);
/// tests may build one directly.
public struct AWSConnection: Sendable {
    /// The faber environment name, e.g. `test`.
    public var environment: String
    public var region: String
    /// The AWS profile whose keys are used, for messages (nil when the keys come from environment variables).
    public var profile: String?
    public var credentials: any AWSCredentialProvider
    /// `environments.<env>.require_confirmation` (true for `prod` unless config.json says otherwise).
    public var requireConfirmation: Bool
    /// Endpoint overrides, in precedence order (see `AWSEndpoints`).
    public var endpoints: AWSEndpoints

    public init(
        environment: String, region: String, profile: String? = nil, credentials: any AWSCredentialProvider,
        requireConfirmation: Bool? = nil, endpoints: AWSEndpoints = AWSEndpoints()
    ) {
        self.environment = environment
        self.region = region
        self.profile = profile
        self.credentials = credentials
        self.requireConfirmation = requireConfirmation ?? EnvironmentSettings.requiresConfirmationByDefault(environment)
        self.endpoints = endpoints
    }

    /// The resolved base URL of `service`, without a trailing slash: `http://127.0.0.1:5000`,
    /// `https://logs.eu-west-1.amazonaws.com`, or a configured URL with a path prefix.
    public func endpoint(for service: AWSService) -> String {
        endpoints.resolve(service, region: region).url
    }

    /// Where `endpoint(for:)` came from (an environment variable, config.json, the profile, AWS's default).
    public func endpointSource(for service: AWSService) -> AWSEndpoints.Source {
        endpoints.resolve(service, region: region).source
    }

    /// The region to sign `service`'s requests for: the service's global region (IAM and Cost Explorer:
    /// `us-east-1`) when it has one, else the connection's region.
    public func signingRegion(for service: AWSService) -> String {
        service.globalRegion ?? region
    }
}
