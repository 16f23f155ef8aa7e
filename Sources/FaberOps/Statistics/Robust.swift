/// Robust location and scale: the median and the median absolute deviation, which one outlier
/// cannot drag (the mean and standard deviation can).
enum Robust {
    /// The median; 0 for no values.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median absolute deviation from the median, scaled by 1.4826 so that it estimates the
    /// standard deviation of normally distributed values.
    static func mad(_ values: [Double]) -> Double {
        let center = median(values)
        return 1.4826 * median(values.map { abs($0 - center) })
    }

    /// The noise level of a series in time order, from its first differences: 1.4826 times the
    /// median absolute difference between neighbours, divided by √2. A step moves one difference
    /// and a spike two, so neither inflates it (the MAD of the values would double at a step).
    static func noise(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 0 }
        let differences = zip(values.dropFirst(), values).map { abs($0 - $1) }
        return 1.4826 * median(differences) / 2.0.squareRoot()
    }

    /// The sum of absolute deviations from the median: the cost of describing `values` by one level.
    static func deviation(_ values: ArraySlice<Double>) -> Double {
        let center = median(Array(values))
        return values.reduce(0) { $0 + abs($1 - center) }
    }
}
