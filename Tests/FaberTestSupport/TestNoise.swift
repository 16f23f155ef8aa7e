/// Reproducible noise for test series: the same values on every run and machine (a linear
/// congruential generator; three uniform draws averaged, for a bell-shaped spread in [-1, 1]).
public struct TestNoise: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> Double {
        var sum = 0.0
        for _ in 0..<3 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            sum += Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        return sum / 3
    }
}
