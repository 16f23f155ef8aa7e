import FaberCore

/// One way to spend less: `{priority, title, resource, current, recommended, monthly_savings, reason}`.
struct AuditOpportunity: Sendable {
    var title: String
    var resource: String
    var current: String
    var recommended: String
    /// Per month, in the price table's currency; nil when it cannot be priced.
    var monthlySavings: Double?
    var reason: String
    var priority = "low"
    /// Opportunities of one resource that exclude each other (one class down, or Graviton): the
    /// total counts the largest of a group only.
    var group: String

    /// `high` from `high` a month, `medium` from `medium`, else `low`.
    func prioritised(high: Double, medium: Double) -> AuditOpportunity {
        var copy = self
        let savings = monthlySavings ?? 0
        copy.priority = savings > high ? "high" : savings > medium ? "medium" : "low"
        return copy
    }

    /// The savings of every group's largest opportunity.
    static func total(_ opportunities: [AuditOpportunity]) -> Double {
        Dictionary(grouping: opportunities, by: \.group).values.reduce(0) { sum, group in sum + (group.compactMap(\.monthlySavings).max() ?? 0) }
    }

    var value: Value {
        [
            "priority": .string(priority), "priority_label": .string(priority.uppercased()), "title": .string(title), "resource": .string(resource),
            "current": .string(current),
            "recommended": .string(recommended), "monthly_savings": monthlySavings.map { .double(($0 * 100).rounded() / 100) } ?? .null,
            "reason": .string(reason),
        ]
    }
}
