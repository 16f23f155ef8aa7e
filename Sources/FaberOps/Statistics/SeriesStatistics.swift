/// Summary statistics of a series' values, exact over the points given: avg, min, max, median,
/// p95, p99 (percentiles by linear interpolation between the closest ranks, as numpy's default
/// and R's type 7: the p-th percentile of n sorted values is at rank p/100 × (n − 1)).
struct SeriesStatistics: Sendable, Equatable {
    var count: Int
    var avg: Double
    var min: Double
    var max: Double
    var median: Double
    var p95: Double
    var p99: Double
    var latest: Double

    /// nil for no values; `values` in time order (for `latest`).
    init?(_ values: [Double]) {
        guard let last = values.last else { return nil }
        let sorted = values.sorted()
        count = values.count
        avg = values.reduce(0, +) / Double(values.count)
        min = sorted[0]
        max = sorted[sorted.count - 1]
        median = Self.percentile(50, sorted: sorted)
        p95 = Self.percentile(95, sorted: sorted)
        p99 = Self.percentile(99, sorted: sorted)
        latest = last
    }

    /// The `p`-th percentile (0...100) of sorted values, interpolated between the closest ranks.
    static func percentile(_ p: Double, sorted: [Double]) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let rank = p / 100 * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let weight = rank - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}
