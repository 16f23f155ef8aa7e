import FaberCore

/// The `aws` namespace: native handlers over the AWS layer, which `handler-hosting-aws` maps its
/// operations to (plugins/fractary-faber-cloud/skills/handler-hosting-aws/SKILL.md documents them).
public enum AWSHandlers {
    public static let all: [any Handler] = [
        GetResourceStatusHandler(),
        QueryMetricsHandler(),
        QueryLogsHandler(),
        RestartServiceHandler(),
        ScaleServiceHandler(),
        GetCostHandler(),
        DescribeSecurityHandler(),
        GetTagsHandler(),
    ]
}
