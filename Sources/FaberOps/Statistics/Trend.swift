/// The direction of a series over its window, from a robust line (Theil–Sen: the slope is the
/// median of the slopes between every pair of points, the intercept the median of the residuals),
/// so one spike or the first and last point alone do not decide it.
struct Trend: Sendable, Equatable {
    enum Direction: String, Sendable { case rising, falling, flat }

    var direction: Direction
    /// Change per hour of the fitted line, in the series' unit.
    var slopePerHour: Double
    /// The fitted line's values at the first and the last point.
    var start: Double
    var end: Double
    /// (end − start) / |start|; nil when the line starts at 0.
    var relativeChange: Double?

    /// At most this many points enter the pairwise slopes (evenly spaced), so the fit stays
    /// O(n²) over a bounded n: 400 points are 79,800 pairs.
    static let maxPoints = 400

    /// nil with fewer than 3 points or a window of no length. `flat`: relative changes smaller
    /// than this are flat; so are fitted changes within the series' noise.
    static func fit(_ points: [(time: Double, value: Double)], flat: Double) -> Trend? {
        guard points.count >= 3, let first = points.first?.time, let last = points.last?.time, last > first else { return nil }
        let step = Swift.max(1, (points.count + maxPoints - 1) / maxPoints)
        let sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        var slopes: [Double] = []
        slopes.reserveCapacity(sample.count * (sample.count - 1) / 2)
        for i in 0..<sample.count {
            for j in (i + 1)..<sample.count where sample[j].time > sample[i].time {
                slopes.append((sample[j].value - sample[i].value) / (sample[j].time - sample[i].time))
            }
        }
        guard !slopes.isEmpty else { return nil }
        let slope = Robust.median(slopes)
        let intercept = Robust.median(points.map { $0.value - slope * ($0.time - first) })
        let start = intercept
        let end = intercept + slope * (last - first)
        let relative = start != 0 ? (end - start) / abs(start) : nil
        let noise = Robust.noise(points.map(\.value))
        let change = end - start
        var direction: Direction = change > 0 ? .rising : change < 0 ? .falling : .flat
        if abs(change) <= noise || (relative.map { abs($0) < flat } ?? (change == 0)) { direction = .flat }
        return Trend(direction: direction, slopePerHour: slope * 3600, start: start, end: end, relativeChange: relative)
    }
}
