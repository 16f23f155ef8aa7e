import FaberCore

/// One finding of an audit: `{severity, category, resource, check, detail, remediation}`.
struct AuditFinding: Sendable {
    var severity: String
    var category: String
    var resource: String
    var check: String
    var detail: String
    var remediation: String

    init(severity: String, category: String, resource: String, check: String, detail: String, remediation: String) {
        self.severity = severity
        self.category = category
        self.resource = resource
        self.check = check
        self.detail = detail
        self.remediation = remediation
    }

    /// A finding of aws.describe-security, as it is.
    init(security finding: Value) {
        self.init(
            severity: finding["severity"]?.string ?? "medium", category: finding["category"]?.string ?? "security",
            resource: finding["resource"]?.string ?? "", check: finding["check"]?.string ?? "", detail: finding["detail"]?.string ?? "",
            remediation: finding["remediation"]?.string ?? "")
    }

    /// A source the audit could not read: a finding of its own, so the report says what is missing.
    static func unreadable(_ source: String, _ error: String, action: String?) -> AuditFinding {
        AuditFinding(
            severity: "high", category: "audit", resource: "(account)", check: "\(source.replacingOccurrences(of: " ", with: "-"))-unreadable",
            detail: "the \(source) could not be read: \(error)",
            remediation: action.map { "allow \($0) to the environment's credentials, then audit again" }
                ?? "allow the read actions the error names to the environment's credentials, then audit again")
    }

    var value: Value {
        [
            "severity": .string(severity), "category": .string(category), "resource": .string(resource), "check": .string(check),
            "detail": .string(detail), "remediation": .string(remediation),
        ]
    }
}
