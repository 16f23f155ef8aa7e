/// Finds the anomalies of one series against its own baseline (docs/performance-analysis.md):
///
/// 1. The noise level σ is estimated from the first differences (`Robust.noise`), which a step
///    or a spike barely moves.
/// 2. Spikes: a point that departs from the median of its `spikeContext` neighbours on the left
///    and, in the same direction, from the median of those on the right, by more than
///    `spikeScore` σ (and `minRelativeChange` of that level). Neighbouring spike points are one
///    spike. At the ends, one side is enough. Spikes are then replaced by their neighbours'
///    level, so that they do not pass for changes.
/// 3. Changes, by binary segmentation: the split that most lowers the sum of absolute deviations
///    from the segments' medians (each side at least `minSegment` points). It is a change when
///    the medians of the `changeWindow` points on either side of it differ by more than
///    `changeScore` times the larger of σ and the spread (MAD) within those points, and by
///    `minRelativeChange` of the level before, and when two levels describe the segment better
///    than one robust line (else it is a ramp: a trend, not a change). The sides are searched
///    again, `maxChanges` changes at most; the levels reported are the medians between changes.
enum AnomalyDetector {
    /// `minimumNoise`: the smallest noise level to assume, e.g. 1 for counts of events (a count
    /// that moves by one or two is not news even when it never moved before).
    static func detect(_ points: [(time: Double, value: Double)], settings: AnomalySettings, minimumNoise: Double = 0) -> [Anomaly] {
        guard points.count >= 3 else { return [] }
        var values = points.map(\.value)
        let sigma = floorNoise(Swift.max(Robust.noise(values), minimumNoise), level: Robust.median(values))
        let spikes = findSpikes(values, points: points, sigma: sigma, settings: settings)
        for spike in spikes {
            for index in spike.index..<(spike.index + spike.width) { values[index] = spike.before }
        }
        var changes: [Anomaly] = []
        var pending = [0..<values.count]
        while let range = pending.popLast(), changes.count < settings.maxChanges {
            guard let change = bestChange(values, in: range, points: points, sigma: sigma, settings: settings) else { continue }
            changes.append(change)
            pending.append(range.lowerBound..<change.index)
            pending.append(change.index..<range.upperBound)
        }
        return (spikes + levels(changes, values: values)).sorted { $0.index != $1.index ? $0.index < $1.index : $0.kind == .change }
    }

    /// A series whose neighbours never differ (a flat line) has no noise; a tiny floor relative to
    /// its level keeps scores finite without making any real shift insignificant.
    static func floorNoise(_ sigma: Double, level: Double) -> Double {
        Swift.max(sigma, 1e-9 * Swift.max(1, abs(level)))
    }

    static func significant(before: Double, after: Double, sigma: Double, score: Double, settings: AnomalySettings) -> Bool {
        let shift = abs(after - before)
        guard shift / sigma > score else { return false }
        return before == 0 || shift / abs(before) >= settings.minRelativeChange
    }

    private static func findSpikes(
        _ values: [Double], points: [(time: Double, value: Double)], sigma: Double, settings: AnomalySettings
    ) -> [Anomaly] {
        let n = values.count
        var outlying = [Bool](repeating: false, count: n)
        var levels = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let left = Array(values[Swift.max(0, i - settings.spikeContext)..<i])
            let right = Array(values[Swift.min(n, i + 1)..<Swift.min(n, i + 1 + settings.spikeContext)])
            // Both sides when both exist; an end point is compared with the side it has (at least 3 points).
            var sides = [left, right].filter { $0.count >= Swift.min(3, settings.spikeContext) }
            if !left.isEmpty && !right.isEmpty && sides.count < 2 { sides = [left, right].filter { !$0.isEmpty } }
            guard !sides.isEmpty else { continue }
            let medians = sides.map(Robust.median)
            let departures = medians.map { values[i] - $0 }
            let sameDirection = departures.allSatisfy { $0 > 0 } || departures.allSatisfy { $0 < 0 }
            let scale = Swift.max(sigma, Robust.median(sides.map(Robust.mad)))
            let far = zip(medians, departures).allSatisfy { level, departure in
                significant(before: level, after: level + departure, sigma: scale, score: settings.spikeScore, settings: settings)
            }
            if sameDirection && far {
                outlying[i] = true
                levels[i] = Robust.median(medians)
            }
        }
        var spikes: [Anomaly] = []
        var i = 0
        while i < n {
            guard outlying[i] else {
                i += 1
                continue
            }
            var end = i
            while end + 1 < n, outlying[end + 1], (values[end + 1] > levels[i]) == (values[i] > levels[i]) { end += 1 }
            // More than a few points in a row is a level, not a spike: left to change detection.
            if end - i + 1 <= Swift.max(1, settings.minSegment - 1) {
                let run = values[i...end]
                let peak = values[i] > levels[i] ? run.max()! : run.min()!
                spikes.append(
                    Anomaly(
                        kind: .spike, index: i, time: points[i].time, before: levels[i], after: peak,
                        score: abs(peak - levels[i]) / sigma, width: end - i + 1))
            }
            i = end + 1
        }
        return spikes
    }

    private static func bestChange(
        _ values: [Double], in range: Range<Int>, points: [(time: Double, value: Double)], sigma: Double, settings: AnomalySettings
    ) -> Anomaly? {
        let m = settings.minSegment
        guard range.count >= 2 * m else { return nil }
        let whole = values[range]
        let total = Robust.deviation(whole)
        var best: (index: Int, gain: Double)?
        for k in (range.lowerBound + m)...(range.upperBound - m) {
            let gain = total - Robust.deviation(values[range.lowerBound..<k]) - Robust.deviation(values[k..<range.upperBound])
            if gain > (best?.gain ?? 0) { best = (k, gain) }
        }
        guard let best else { return nil }
        // Judged on the points next to the split, so that another change further away does not
        // blur it, against the larger of the series' noise and the spread within those points (a
        // series that wanders has a large spread and no change).
        let w = Swift.min(settings.changeWindow, best.index - range.lowerBound, range.upperBound - best.index)
        let left = Array(values[(best.index - w)..<best.index])
        let right = Array(values[best.index..<(best.index + w)])
        let before = Robust.median(left)
        let after = Robust.median(right)
        let spread = ((Robust.mad(left) * Robust.mad(left) + Robust.mad(right) * Robust.mad(right)) / 2).squareRoot()
        let scale = Swift.max(sigma, spread)
        guard significant(before: before, after: after, sigma: scale, score: settings.changeScore, settings: settings) else { return nil }
        // A ramp: one robust line describes the segment at least as well as two levels.
        let stepCost = total - best.gain
        let segment = range.map { (time: points[$0].time, value: values[$0]) }
        if let line = Trend.fit(segment, flat: 0) {
            let slope = line.slopePerHour / 3600
            let origin = segment[0].time
            let lineCost = segment.reduce(0) { $0 + abs($1.value - (line.start + slope * ($1.time - origin))) }
            if lineCost <= stepCost { return nil }
        }
        return Anomaly(kind: .change, index: best.index, time: points[best.index].time, before: before, after: after, score: abs(after - before) / scale)
    }

    /// The levels of the final segmentation: each change's `before` is the median from the
    /// previous change (or the start), its `after` the median up to the next (or the end).
    static func levels(_ changes: [Anomaly], values: [Double]) -> [Anomaly] {
        let sorted = changes.sorted { $0.index < $1.index }
        let bounds = [0] + sorted.map(\.index) + [values.count]
        return sorted.enumerated().map { offset, change in
            var change = change
            change.before = Robust.median(Array(values[bounds[offset]..<bounds[offset + 1]]))
            change.after = Robust.median(Array(values[bounds[offset + 1]..<bounds[offset + 2]]))
            return change
        }
    }
}
