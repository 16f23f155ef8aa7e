import FaberCore

/// The price table of the plugin (`prices.json`) for one region.
struct AuditPricing: Sendable {
    var region: String
    var table: Value
    var classes: Value
    var hoursPerMonth: Double

    init(prices: Value, region: String) {
        let known = prices["regions"]?[region] != nil
        self.region = known ? region : (prices["default_region"]?.string ?? region)
        table = prices["regions"]?[self.region] ?? [:]
        classes = prices["rds_classes"] ?? [:]
        hoursPerMonth = prices["hours_per_month"]?.double ?? 730
    }

    /// A month of an RDS instance class, on demand; nil when the table does not have it.
    func rdsMonthly(_ instanceClass: String) -> Double? {
        table["rds_hourly"]?[instanceClass]?.double.map { $0 * hoursPerMonth }
    }

    func rdsClass(_ instanceClass: String) -> Value? { classes[instanceClass] }

    func number(_ key: String) -> Double? { table[key]?.double }
}
