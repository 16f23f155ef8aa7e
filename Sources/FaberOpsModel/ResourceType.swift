/// The resource types of a deployment registry (docs/reference.md, "Registry").
public enum ResourceType: String, Sendable, CaseIterable, Hashable {
    case lambda
    case ecsService = "ecs-service"
    case rdsInstance = "rds-instance"
    case s3Bucket = "s3-bucket"
    case apiGateway = "api-gateway"

    /// What the ARN of this type looks like, for error messages.
    public var arnExample: String {
        switch self {
        case .lambda: "arn:aws:lambda:REGION:ACCOUNT:function:NAME"
        case .ecsService: "arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE"
        case .rdsInstance: "arn:aws:rds:REGION:ACCOUNT:db:IDENTIFIER"
        case .s3Bucket: "arn:aws:s3:::BUCKET"
        case .apiGateway: "arn:aws:apigateway:REGION::/restapis/API_ID"
        }
    }

    /// The ARN's service part (`arn:aws:<service>:...`).
    public var arnService: String {
        switch self {
        case .lambda: "lambda"
        case .ecsService: "ecs"
        case .rdsInstance: "rds"
        case .s3Bucket: "s3"
        case .apiGateway: "apigateway"
        }
    }

    /// A readable name for messages: `Lambda function`, `ECS service`, ...
    public var label: String {
        switch self {
        case .lambda: "Lambda function"
        case .ecsService: "ECS service"
        case .rdsInstance: "RDS instance"
        case .s3Bucket: "S3 bucket"
        case .apiGateway: "API Gateway REST API"
        }
    }

    public static var names: [String] { allCases.map(\.rawValue) }
}
