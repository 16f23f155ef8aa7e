/// One AWS API faber talks to, with everything the client needs to address, sign and encode calls.
/// The values follow botocore's models (`botocore/data/<id>/<apiVersion>/service-2.json`), which the
/// tests check when botocore is installed.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// botocore's service name: `cloudwatch`, `logs`, `resourcegroupstaggingapi`, ...
    public let id: String
    /// The SigV4 service name (`monitoring` for CloudWatch, `tagging` for the tagging API).
    public let signingName: String
    /// The host prefix of the default endpoint: `https://<endpointPrefix>.<region>.amazonaws.com`.
    public let endpointPrefix: String
    /// The `<SERVICE>` of `AWS_ENDPOINT_URL_<SERVICE>`: `CLOUDWATCH_LOGS`, `API_GATEWAY`, ...
    public let endpointSuffix: String
    public let wireProtocol: AWSProtocol
    /// `2010-08-01` and so on: the `Version` parameter of the query protocols, the path prefix of Lambda.
    public let apiVersion: String
    /// The JSON protocols' `X-Amz-Target` prefix (`Logs_20140328` -> `Logs_20140328.FilterLogEvents`).
    public let jsonTargetPrefix: String?
    /// For global services (IAM, Cost Explorer): the one region their default endpoint lives in, which
    /// is also the region requests are signed for.
    public let globalRegion: String?

    public init(
        id: String, signingName: String, endpointPrefix: String, endpointSuffix: String,
        wireProtocol: AWSProtocol, apiVersion: String, jsonTargetPrefix: String? = nil,
        globalRegion: String? = nil
    ) {
        self.id = id
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.endpointSuffix = endpointSuffix
        self.wireProtocol = wireProtocol
        self.apiVersion = apiVersion
        self.jsonTargetPrefix = jsonTargetPrefix
        self.globalRegion = globalRegion
    }

    /// `1.0` / `1.1` for the JSON protocols, nil otherwise.
    public var jsonVersion: String? { wireProtocol.jsonVersion }

    /// `AWS_ENDPOINT_URL_<SERVICE>`, the variable that overrides this service's endpoint.
    public var endpointEnvironmentVariable: String { "AWS_ENDPOINT_URL_" + endpointSuffix }

    public var description: String { id }

    // MARK: - The services faber uses

    public static let cloudWatch = AWSService(
        id: "cloudwatch", signingName: "monitoring", endpointPrefix: "monitoring", endpointSuffix: "CLOUDWATCH",
        wireProtocol: .json10, apiVersion: "2010-08-01", jsonTargetPrefix: "GraniteServiceVersion20100801")
    public static let cloudWatchLogs = AWSService(
        id: "logs", signingName: "logs", endpointPrefix: "logs", endpointSuffix: "CLOUDWATCH_LOGS",
        wireProtocol: .json11, apiVersion: "2014-03-28", jsonTargetPrefix: "Logs_20140328")
    public static let lambda = AWSService(
        id: "lambda", signingName: "lambda", endpointPrefix: "lambda", endpointSuffix: "LAMBDA",
        wireProtocol: .restJSON, apiVersion: "2015-03-31")
    public static let ecs = AWSService(
        id: "ecs", signingName: "ecs", endpointPrefix: "ecs", endpointSuffix: "ECS",
        wireProtocol: .json11, apiVersion: "2014-11-13", jsonTargetPrefix: "AmazonEC2ContainerServiceV20141113")
    public static let rds = AWSService(
        id: "rds", signingName: "rds", endpointPrefix: "rds", endpointSuffix: "RDS",
        wireProtocol: .query, apiVersion: "2014-10-31")
    public static let s3 = AWSService(
        id: "s3", signingName: "s3", endpointPrefix: "s3", endpointSuffix: "S3",
        wireProtocol: .restXML, apiVersion: "2006-03-01")
    public static let apiGateway = AWSService(
        id: "apigateway", signingName: "apigateway", endpointPrefix: "apigateway", endpointSuffix: "API_GATEWAY",
        wireProtocol: .restJSON, apiVersion: "2015-07-09")
    public static let ec2 = AWSService(
        id: "ec2", signingName: "ec2", endpointPrefix: "ec2", endpointSuffix: "EC2",
        wireProtocol: .ec2, apiVersion: "2016-11-15")
    public static let costExplorer = AWSService(
        id: "ce", signingName: "ce", endpointPrefix: "ce", endpointSuffix: "COST_EXPLORER",
        wireProtocol: .json11, apiVersion: "2017-10-25", jsonTargetPrefix: "AWSInsightsIndexService",
        globalRegion: "us-east-1")
    public static let tagging = AWSService(
        id: "resourcegroupstaggingapi", signingName: "tagging", endpointPrefix: "tagging",
        endpointSuffix: "RESOURCE_GROUPS_TAGGING_API", wireProtocol: .json11, apiVersion: "2017-01-26",
        jsonTargetPrefix: "ResourceGroupsTaggingAPI_20170126")
    public static let cloudTrail = AWSService(
        id: "cloudtrail", signingName: "cloudtrail", endpointPrefix: "cloudtrail", endpointSuffix: "CLOUDTRAIL",
        wireProtocol: .json11, apiVersion: "2013-11-01",
        jsonTargetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")
    public static let sts = AWSService(
        id: "sts", signingName: "sts", endpointPrefix: "sts", endpointSuffix: "STS",
        wireProtocol: .query, apiVersion: "2011-06-15")
    public static let iam = AWSService(
        id: "iam", signingName: "iam", endpointPrefix: "iam", endpointSuffix: "IAM",
        wireProtocol: .query, apiVersion: "2010-05-08", globalRegion: "us-east-1")

    /// Every service above.
    public static let all: [AWSService] = [
        cloudWatch, cloudWatchLogs, lambda, ecs, rds, s3, apiGateway, ec2, costExplorer, tagging, cloudTrail, sts, iam,
    ]
}
