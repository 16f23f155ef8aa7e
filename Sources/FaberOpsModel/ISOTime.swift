import Foundation

/// Timestamps as handlers write them: ISO-8601 in UTC with milliseconds (`2025-10-28T15:30:00.000Z`).
public enum ISOTime {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plain = Date.ISO8601FormatStyle(timeZone: .gmt)

    public static func string(_ date: Date) -> String {
        date.formatted(withFraction)
    }

    public static func string(epochMilliseconds ms: Int) -> String {
        string(Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    public static func string(epochSeconds seconds: Double) -> String {
        string(Date(timeIntervalSince1970: seconds))
    }

    /// Parses `2025-10-28T15:30:00Z` (with or without fraction) or a date `2025-10-28` (midnight UTC).
    public static func parse(_ text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        if let date = try? plain.parse(text) { return date }
        if text.count == 10, let date = try? plain.parse(text + "T00:00:00Z") { return date }
        return nil
    }

    /// `2025-10-28`, the day in UTC (Cost Explorer dates).
    public static func day(_ date: Date) -> String {
        String(plain.format(date).prefix(10))
    }
}
