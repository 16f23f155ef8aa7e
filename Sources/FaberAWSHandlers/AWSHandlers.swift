import FaberAWS
import FaberCore
import FaberOpsModel

/// The `aws` namespace: native handlers over the AWS layer, which `handler-hosting-aws` maps its
/// operations to (plugins/fractary-faber-cloud/skills/handler-hosting-aws/SKILL.md documents them).
public enum AWSHandlers: HandlerModule {
    public static let handlers: [any Handler] = [
        GetResourceStatusHandler(),
        QueryMetricsHandler(),
        QueryLogsHandler(),
        RestartServiceHandler(),
        ScaleServiceHandler(),
        GetCostHandler(),
        DescribeSecurityHandler(),
        GetTagsHandler(),
        GetChangesHandler(),
        GetCallerIdentityHandler(),
        WaitUntilStableHandler(),
    ]

    /// What the AWS layer reads from a plugin configuration: environments' region, profile,
    /// endpoint and require_confirmation; `handlers.hosting.*`.
    public static func checkConfiguration(path: String, document: LocatedJSONValue) -> [Diagnostic] {
        PluginConfigCheck.check(path: path, document: document)
    }
}
