import FaberCore

/// One problem `aws.describe-security` found.
public struct SecurityFinding: Sendable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case critical, high, medium, low

        private var rank: Int {
            switch self {
            case .critical: 0
            case .high: 1
            case .medium: 2
            case .low: 3
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// `network`, `storage`, `database`, `compute`.
    public var category: String
    /// The registry id when the resource came from `resources`, else the AWS name or id.
    public var resource: String
    /// A stable check id, e.g. `sg-open-ingress`, `s3-default-encryption`.
    public var check: String
    public var detail: String
    public var remediation: String

    public init(severity: Severity, category: String, resource: String, check: String, detail: String, remediation: String) {
        self.severity = severity
        self.category = category
        self.resource = resource
        self.check = check
        self.detail = detail
        self.remediation = remediation
    }

    public var value: Value {
        [
            "severity": .string(severity.rawValue),
            "category": .string(category),
            "resource": .string(resource),
            "check": .string(check),
            "detail": .string(detail),
            "remediation": .string(remediation),
        ]
    }
}
