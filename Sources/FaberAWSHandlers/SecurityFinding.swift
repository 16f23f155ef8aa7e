import FaberCore

/// One problem `aws.describe-security` found.
struct SecurityFinding: Sendable {
    enum Severity: String, Sendable, Comparable, CaseIterable {
        case critical, high, medium, low

        private var rank: Int {
            switch self {
            case .critical: 0
            case .high: 1
            case .medium: 2
            case .low: 3
            }
        }

        static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    var severity: Severity
    /// `network`, `storage`, `database`, `compute`.
    var category: String
    /// The registry id when the resource came from `resources`, else the AWS name or id.
    var resource: String
    /// A stable check id, e.g. `sg-open-ingress`, `s3-default-encryption`.
    var check: String
    var detail: String
    var remediation: String

    var value: Value {
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
