import FaberCore
import FaberTestSupport
import Testing

@testable import FaberOps

/// Statistics, trends, change points and spikes, with values: the shapes a metric takes in an
/// incident and the shapes it takes when nothing happens.
@Suite("Series analysis")
struct SeriesAnalysisTests {
    /// Points a minute apart from a fixed start.
    static func series(_ values: [Double], every step: Double = 60) -> [(time: Double, value: Double)] {
        values.enumerated().map { (1_800_000_000 + Double($0.offset) * step, $0.element) }
    }

    static func noisy(_ count: Int, level: Double, spread: Double, seed: UInt64) -> [Double] {
        var noise = TestNoise(seed: seed)
        return (0..<count).map { _ in level + spread * noise.next() }
    }

    let settings = AnomalySettings()

    @Test("statistics are exact over the points: percentiles interpolate between the closest ranks")
    func statistics() throws {
        let stats = try #require(SeriesStatistics((1...100).map(Double.init)))
        #expect(stats.count == 100)
        #expect(stats.avg == 50.5)
        #expect(stats.min == 1 && stats.max == 100)
        #expect(abs(stats.p95 - 95.05) < 1e-9)
        #expect(abs(stats.p99 - 99.01) < 1e-9)
        #expect(stats.median == 50.5)
        #expect(SeriesStatistics([]) == nil)
        #expect(SeriesStatistics([7])?.p99 == 7)
    }

    @Test("a step change is one change, placed at its first point, with the levels before and after")
    func stepChange() throws {
        let values = Self.noisy(30, level: 40, spread: 3, seed: 1) + Self.noisy(30, level: 110, spread: 3, seed: 2)
        let points = Self.series(values)
        let anomalies = AnomalyDetector.detect(points, settings: settings)
        #expect(anomalies.count == 1)
        let change = try #require(anomalies.first)
        #expect(change.kind == .change)
        #expect(change.index == 30)
        #expect(change.time == points[30].time)
        #expect(abs(change.before - 40) < 3)
        #expect(abs(change.after - 110) < 3)
    }

    @Test("a fall is a change too (freeable memory dropping)")
    func drop() throws {
        let values = Self.noisy(20, level: 2_000_000_000, spread: 20_000_000, seed: 3) + Self.noisy(15, level: 300_000_000, spread: 20_000_000, seed: 4)
        let change = try #require(AnomalyDetector.detect(Self.series(values), settings: settings).first)
        #expect(change.kind == .change && change.index == 20)
        #expect(change.after < change.before)
    }

    @Test("a ramp is a trend, not a change")
    func ramp() throws {
        let values = (0..<40).map { 10 + Double($0) * 2 }
        let points = Self.series(values)
        #expect(AnomalyDetector.detect(points, settings: settings).filter { $0.kind == .change }.isEmpty)
        let trend = try #require(Trend.fit(points, flat: settings.flatTrend))
        #expect(trend.direction == .rising)
        #expect(abs(trend.slopePerHour - 120) < 1e-6)
        #expect(abs((trend.relativeChange ?? 0) - 7.8) < 1e-6)
    }

    @Test("a lone spike is a spike, not a change, and does not tilt the trend")
    func loneSpike() throws {
        var values = Self.noisy(40, level: 120, spread: 4, seed: 5)
        values[22] = 900
        let points = Self.series(values)
        let anomalies = AnomalyDetector.detect(points, settings: settings)
        #expect(anomalies.count == 1)
        #expect(anomalies.first?.kind == .spike)
        #expect(anomalies.first?.index == 22)
        #expect(anomalies.first?.after == 900)
        #expect(Trend.fit(points, flat: settings.flatTrend)?.direction == .flat)
    }

    @Test("noisy but stable series have no anomalies and a flat trend", arguments: [UInt64(11), 12, 13, 14, 15, 16, 17, 18])
    func noisyStable(seed: UInt64) {
        let points = Self.series(Self.noisy(120, level: 250, spread: 60, seed: seed))
        #expect(AnomalyDetector.detect(points, settings: settings).isEmpty)
        #expect(Trend.fit(points, flat: settings.flatTrend)?.direction == .flat)
    }

    @Test("a series that wanders (a random walk, an autocorrelated metric) has no change", arguments: [UInt64(41), 42, 43, 44, 45, 46])
    func wandering(seed: UInt64) {
        var noise = TestNoise(seed: seed)
        var level = 200.0
        var walk: [Double] = []
        var drift = 0.0
        for _ in 0..<120 {
            drift = 0.9 * drift + 4 * noise.next()  // AR(1): each minute close to the last
            level = 200 + drift * 3
            walk.append(level)
        }
        #expect(AnomalyDetector.detect(Self.series(walk), settings: settings).filter { $0.kind == .change }.isEmpty)
    }

    @Test("heavy-tailed noise: occasional outliers are spikes at most, never changes", arguments: [UInt64(51), 52, 53, 54])
    func heavyTails(seed: UInt64) {
        var noise = TestNoise(seed: seed)
        let values = (0..<120).map { index -> Double in
            let base = 80 + 8 * noise.next()
            return index % 17 == 5 ? base * 2.5 : base
        }
        #expect(AnomalyDetector.detect(Self.series(values), settings: settings).filter { $0.kind == .change }.isEmpty)
    }

    @Test("sporadic small counts are not news when the series counts events")
    func sporadicCounts() {
        let values: [Double] = [0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 1, 0]
        #expect(AnomalyDetector.detect(Self.series(values), settings: settings, minimumNoise: 0.5).isEmpty)
    }

    @Test("counts that go from none to a few every minute, and stay there, are a change")
    func countsStart() throws {
        let values = Array(repeating: 0.0, count: 40) + Array(repeating: 5.0, count: 20)
        let change = try #require(AnomalyDetector.detect(Self.series(values), settings: settings, minimumNoise: 0.5).first)
        #expect(change.kind == .change && change.index == 40 && change.before == 0 && change.after == 5)
    }

    @Test("a series with gaps: the change is placed at the time of its first point after the gap")
    func gaps() throws {
        var points = Self.series(Self.noisy(20, level: 12, spread: 1, seed: 21))
        let later: [(time: Double, value: Double)] = Self.series(Self.noisy(20, level: 48, spread: 1, seed: 22)).map { ($0.time + 3600, $0.value) }
        points += later
        let change = try #require(AnomalyDetector.detect(points, settings: settings).first)
        #expect(change.kind == .change)
        #expect(change.time == later[0].time)
    }

    @Test("up and back down are two changes")
    func upAndDown() {
        let values =
            Self.noisy(20, level: 10, spread: 1, seed: 31) + Self.noisy(20, level: 60, spread: 2, seed: 32) + Self.noisy(20, level: 10, spread: 1, seed: 33)
        let changes = AnomalyDetector.detect(Self.series(values), settings: settings).filter { $0.kind == .change }
        #expect(changes.map(\.index) == [20, 40])
        #expect(changes.first?.rising == true)
        #expect(changes.last?.rising == false)
    }

    @Test("empty and tiny series: no statistics, no trend, no anomalies")
    func empty() {
        #expect(AnomalyDetector.detect([], settings: settings).isEmpty)
        #expect(Trend.fit([], flat: 0.1) == nil)
        #expect(AnomalyDetector.detect(Self.series([1, 2]), settings: settings).isEmpty)
    }

    @Test("a flat line has no anomalies; a small relative move of a flat line is not a change")
    func flatLine() {
        #expect(AnomalyDetector.detect(Self.series(Array(repeating: 5, count: 30)), settings: settings).isEmpty)
        let values = Array(repeating: 100.0, count: 15) + Array(repeating: 105.0, count: 15)
        #expect(AnomalyDetector.detect(Self.series(values), settings: settings).isEmpty)
    }

    @Test("the robust trend ignores an outlier that a least-squares line would follow")
    func robustTrend() throws {
        var values = (0..<30).map { 100 + Double($0) }
        values[29] = 10_000
        let trend = try #require(Trend.fit(Self.series(values), flat: 0.1))
        #expect(abs(trend.slopePerHour - 60) < 1e-6)
    }

    @Test("the sparkline draws the shape over the series' own range")
    func sparkline() {
        #expect(Sparkline.line([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.line([3, 3, 3]) == "▁▁▁")
        #expect(Sparkline.line(Array(repeating: 1, count: 200), width: 48).count == 48)
        #expect(Sparkline.line([]) == "")
    }

    @Test("settings: an unknown key is refused with a did-you-mean, overrides merge")
    func settingsFile() throws {
        #expect(throws: FaberError.self) { try AnomalySettings().merged(["change_scor": 4], origin: "analysis.json anomalies") }
        let merged = try AnomalySettings().merged(["change_score": 9], origin: "config.json analysis.anomalies")
        #expect(merged.changeScore == 9)
        #expect(merged.minSegment == 3)
    }
}
