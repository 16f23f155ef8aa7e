import Testing

@testable import FaberCore

@Suite("DurationText: reading and writing durations")
struct DurationTextTests {
    // MARK: - seconds(_:)

    @Test(
        "a number with a unit is read as seconds",
        arguments: [
            ("90s", 90.0), ("30m", 1800), ("1h", 3600), ("7d", 604_800), ("1w", 604_800), ("500ms", 0.5),
            ("0s", 0), ("1.5h", 5400), ("0.5d", 43_200), ("250ms", 0.25),
        ])
    func singleUnit(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(
        "units add up, in any order, repeated or not",
        arguments: [
            ("2h30m", 9000.0), ("1h30m15s", 5415), ("1d12h", 129_600), ("30m2h", 9000), ("1d1d", 172_800),
            ("1m500ms", 60.5), ("1w1d", 691_200),
        ])
    func combinedUnits(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(
        "the spelled-out unit names",
        arguments: [
            ("10sec", 10.0), ("10secs", 10), ("5min", 300), ("5mins", 300), ("2hr", 7200), ("2hrs", 7200),
            ("1day", 86400), ("3days", 259_200),
        ])
    func unitNames(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(
        "a plain number is seconds",
        arguments: [
            ("42", 42.0), ("0", 0), ("1.5", 1.5), ("1e3", 1000), ("+5", 5),
        ])
    func plainNumbers(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("a negative plain number is read as it is (callers check the sign); a negative duration with a unit is not")
    func negative() {
        #expect(DurationText.seconds("-5") == -5)
        #expect(DurationText.seconds("-5m") == nil)
    }

    @Test("whitespace around the duration is ignored, whitespace inside is not")
    func whitespace() {
        #expect(DurationText.seconds(" 90s ") == 90)
        #expect(DurationText.seconds("\t1h\n") == 3600)
        #expect(DurationText.seconds("  42  ") == 42)
        #expect(DurationText.seconds("1h 30m") == nil)
        #expect(DurationText.seconds("1 h") == nil)
    }

    @Test(
        "text that is not a duration gives nil",
        arguments: [
            "", "   ", "h", "ms", "5x", "1h-", "-5m", "1H", "5M", "1h30", "1.2.3s", "s5", "1,5h", "1µs", "1y",
        ] as [String])
    func notADuration(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test(
        "infinity and NaN are not durations",
        arguments: ["inf", "Infinity", "nan", "1e400"]
    )
    func notFinite(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    // MARK: - format(seconds:)

    @Test(
        "whole seconds are written with the largest units first, zero units left out",
        arguments: [
            (1.0, "1s"), (45, "45s"), (90, "1m30s"), (3600, "1h"), (5400, "1h30m"), (3601, "1h1s"), (86400, "1d"),
            (93784, "1d2h3m4s"), (604_800, "7d"), (691_200, "8d"),
        ])
    func format(seconds: Double, text: String) {
        #expect(DurationText.format(seconds: seconds) == text)
    }

    @Test(
        "under a second is written in milliseconds",
        arguments: [
            (0.5, "500ms"), (0.25, "250ms"), (0.001, "1ms"), (0.0004, "0ms"), (0.0, "0ms"),
        ])
    func formatMilliseconds(seconds: Double, text: String) {
        #expect(DurationText.format(seconds: seconds) == text)
    }

    @Test("a second or more is rounded to the nearest second")
    func formatRounds() {
        #expect(DurationText.format(seconds: 1.4) == "1s")
        #expect(DurationText.format(seconds: 1.5) == "2s")
        #expect(DurationText.format(seconds: 59.6) == "1m")
        #expect(DurationText.format(seconds: 3599.5) == "1h")
    }

    @Test(
        "what format writes reads back as the same number of seconds",
        arguments: [
            1.0, 59, 61, 3599, 3600, 5400, 86399, 93784, 1_209_600, 0.5, 0.125,
        ])
    func roundTrip(seconds: Double) throws {
        let text = DurationText.format(seconds: seconds)
        #expect(DurationText.seconds(text) == seconds, "\(seconds) -> \(text)")
    }

    // MARK: - String.trimmingWhitespace()

    @Test("trimmingWhitespace removes leading and trailing white space of any kind, and keeps inner space")
    func trimming() {
        #expect("  a b \n".trimmingWhitespace() == "a b")
        #expect("\t\r\n".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("\u{00A0}x\u{2003}".trimmingWhitespace() == "x")
        #expect("x".trimmingWhitespace() == "x")
    }
}
