import FaberCore
import Foundation

/// Timestamps as AWS APIs write them in their answers, which vary by service: Lambda's
/// `2025-10-28T15:30:00.000+0000`, RDS's `2025-10-28T15:30:00.123Z`, moto's
/// `2025-10-28T15:30:00.242061000Z`, and epoch seconds (JSON protocols: `1761665400.5`).
enum AWSTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, then `Z`, `+HHMM`, `+HH:MM` or
    /// `+HH` (or `-`); nil for anything else.
    static func parse(_ text: String) -> Date? {
        let chars = Array(text.trimmingWhitespace().utf8)
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t") || chars[10] == UInt8(ascii: " "),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = number(chars, 0, 4), let month = number(chars, 5, 2), let day = number(chars, 8, 2),
            let hour = number(chars, 11, 2), let minute = number(chars, 14, 2), let second = number(chars, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < chars.count, let digit = digit(chars[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        guard index < chars.count else { return nil }  // no zone: ambiguous
        switch chars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == chars.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            let zone = chars[(index + 1)...].filter { $0 != UInt8(ascii: ":") }
            guard zone.count == 2 || zone.count == 4, let hours = number(Array(zone), 0, 2),
                let minutes = zone.count == 4 ? number(Array(zone), 2, 2) : 0, hours < 24, minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(secondsFromGMT: 0)
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        guard components.isValidDate, let date = components.date else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }

    /// A timestamp value of a JSON answer: epoch seconds (a number, or its text) or one of the texts `parse` reads.
    static func date(_ value: Value?) -> Date? {
        switch value {
        case .int(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds) where seconds.isFinite: return Date(timeIntervalSince1970: seconds)
        case .string(let text):
            if let seconds = Double(text) { return seconds.isFinite ? Date(timeIntervalSince1970: seconds) : nil }
            return parse(text)
        default: return nil
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ chars: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= chars.count else { return nil }
        var value = 0
        for byte in chars[start..<(start + count)] {
            guard let digit = digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
