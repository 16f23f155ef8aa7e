/// A departure of a series from its own baseline: a sustained `change` (a new level from `start`
/// on) or a `spike` (one to a few points away from both their neighbours, then back).
struct Anomaly: Sendable, Equatable {
    enum Kind: String, Sendable { case change, spike }

    var kind: Kind
    /// Index of the first point of the new level (or of the spike) in the series.
    var index: Int
    /// Epoch seconds of that point.
    var time: Double
    /// The level before (the median of the segment before, or of the spike's neighbours) and
    /// after (the median of the segment after, or the spike's most extreme value).
    var before: Double
    var after: Double
    /// The size of the departure in units of the series' noise.
    var score: Double
    /// For a spike, how many points it spans.
    var width: Int = 1

    var rising: Bool { after > before }

    /// (after − before) / |before|; nil when `before` is 0.
    var relativeChange: Double? { before != 0 ? (after - before) / abs(before) : nil }
}
