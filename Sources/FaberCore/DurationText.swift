/// Durations written the way ops people write them: `90s`, `30m`, `1h`, `2h30m`, `7d`, `500ms`.
public enum DurationText {
    /// The longest duration faber takes anywhere (timeouts, backoffs, timeframes): 3650 days. Longer
    /// ones are refused where they are written, so no later arithmetic or integer conversion
    /// overflows.
    public static let maximumSeconds: Double = 3650 * 86400
    public static let maximumText = "3650d"

    /// Seconds in `text`, or nil when it is not a finite duration of at most `maximumSeconds`
    /// (negative plain numbers are returned as they are: callers say what range they take).
    public static func seconds(_ text: String) -> Double? {
        guard let seconds = parse(text), seconds.isFinite, seconds <= maximumSeconds else { return nil }
        return seconds
    }

    private static func parse(_ text: String) -> Double? {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        if let plain = Double(text) { return plain.isFinite ? plain : nil }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let factor: Double
            switch unit {
            case "ms": factor = 0.001
            case "s", "sec", "secs": factor = 1
            case "m", "min", "mins": factor = 60
            case "h", "hr", "hrs": factor = 3600
            case "d", "day", "days": factor = 86400
            case "w": factor = 604800
            default: return false
            }
            total += value * factor
            number = ""
            unit = ""
            return true
        }
        for ch in text {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard flush() else { return nil }
        return total
    }

    /// `3600` -> `1h`, `5400` -> `1h30m`, `0.5` -> `500ms`.
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)s" }
        let seconds = min(max(seconds, -maximumSeconds * 10), maximumSeconds * 10)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        var rest = Int(seconds.rounded())
        var parts = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return parts
    }
}

extension String {
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
