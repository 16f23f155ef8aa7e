import FaberOpsModel

/// The CloudWatch metrics queried per resource type (the seed's "CloudWatch Integration" sets),
/// with the namespace, dimensions, statistic and unit of each.
enum MetricCatalog {
    /// One metric of a type's set.
    struct Metric: Sendable, Hashable {
        var namespace: String
        var name: String
        var stat: String
        var unit: String
        /// Storage metrics S3 publishes once a day: queried over `dailyWindow` at a 1-day period.
        var daily: Bool = false
    }

    /// A query for one metric of one resource.
    struct Query: Sendable {
        var resourceID: String
        var metric: Metric
        var dimensions: [(name: String, value: String)]
    }

    /// Daily metrics look this far back, so the last published value is always inside the window.
    static let dailyWindow: Double = 2 * 86400

    static func metrics(for type: ResourceType) -> [Metric] {
        switch type {
        case .lambda:
            [
                Metric(namespace: "AWS/Lambda", name: "Invocations", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/Lambda", name: "Errors", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/Lambda", name: "Duration", stat: "Maximum", unit: "Milliseconds"),
                Metric(namespace: "AWS/Lambda", name: "Throttles", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/Lambda", name: "ConcurrentExecutions", stat: "Maximum", unit: "Count"),
            ]
        case .rdsInstance:
            [
                Metric(namespace: "AWS/RDS", name: "CPUUtilization", stat: "Average", unit: "Percent"),
                Metric(namespace: "AWS/RDS", name: "DatabaseConnections", stat: "Average", unit: "Count"),
                Metric(namespace: "AWS/RDS", name: "FreeableMemory", stat: "Average", unit: "Bytes"),
                Metric(namespace: "AWS/RDS", name: "ReadLatency", stat: "Average", unit: "Seconds"),
                Metric(namespace: "AWS/RDS", name: "WriteLatency", stat: "Average", unit: "Seconds"),
            ]
        case .ecsService:
            [
                Metric(namespace: "AWS/ECS", name: "CPUUtilization", stat: "Average", unit: "Percent"),
                Metric(namespace: "AWS/ECS", name: "MemoryUtilization", stat: "Average", unit: "Percent"),
                Metric(namespace: "ECS/ContainerInsights", name: "RunningTaskCount", stat: "Average", unit: "Count"),
                Metric(namespace: "ECS/ContainerInsights", name: "DesiredTaskCount", stat: "Average", unit: "Count"),
            ]
        case .apiGateway:
            [
                Metric(namespace: "AWS/ApiGateway", name: "Count", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/ApiGateway", name: "4XXError", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/ApiGateway", name: "5XXError", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/ApiGateway", name: "Latency", stat: "Average", unit: "Milliseconds"),
                Metric(namespace: "AWS/ApiGateway", name: "IntegrationLatency", stat: "Average", unit: "Milliseconds"),
            ]
        case .s3Bucket:
            [
                Metric(namespace: "AWS/S3", name: "BucketSizeBytes", stat: "Average", unit: "Bytes", daily: true),
                Metric(namespace: "AWS/S3", name: "NumberOfObjects", stat: "Average", unit: "Count", daily: true),
                Metric(namespace: "AWS/S3", name: "4xxErrors", stat: "Sum", unit: "Count"),
                Metric(namespace: "AWS/S3", name: "5xxErrors", stat: "Sum", unit: "Count"),
            ]
        }
    }

    /// Every metric name of every type, for `metrics:` validation.
    static var allNames: [String] {
        var names: [String] = []
        for type in ResourceType.allCases {
            for metric in metrics(for: type) where !names.contains(metric.name) { names.append(metric.name) }
        }
        return names
    }

    /// The dimensions that identify `ref` for `metric`. API Gateway metrics are keyed by the API's
    /// name (`apiName`, looked up from the id in the ARN); S3 by bucket plus storage type or filter.
    static func dimensions(for ref: ResourceRef, metric: Metric, apiName: String?) -> [(name: String, value: String)] {
        switch ref.type {
        case .lambda: [("FunctionName", ref.name)]
        case .rdsInstance: [("DBInstanceIdentifier", ref.name)]
        case .ecsService: [("ClusterName", ref.cluster ?? "default"), ("ServiceName", ref.name)]
        case .apiGateway: [("ApiName", apiName ?? ref.name)]
        case .s3Bucket:
            switch metric.name {
            case "BucketSizeBytes": [("BucketName", ref.name), ("StorageType", "StandardStorage")]
            case "NumberOfObjects": [("BucketName", ref.name), ("StorageType", "AllStorageTypes")]
            default: [("BucketName", ref.name), ("FilterId", "EntireBucket")]
            }
        }
    }
}

extension MetricSeries {
    /// A series of a catalog metric.
    init(_ metric: MetricCatalog.Metric, points: [(time: Double, value: Double)]) {
        self.init(name: metric.name, unit: metric.unit, stat: metric.stat, points: points)
    }
}
