import FaberCore
import Foundation

/// The days a cost query covers: `[start, end)` as Cost Explorer wants them (`YYYY-MM-DD`, end exclusive).
public struct CostPeriod: Sendable, Equatable {
    public var start: String
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// `period`: a duration such as `30d` (the whole days before today: today's costs are not final)
    /// or an object `{start, end}` of dates.
    public static func parse(_ value: Value?, handler: String, today: Date = Date()) throws -> CostPeriod {
        let dayLength = 86400.0
        let end = ISOTime.day(today)
        switch value {
        case nil, .null?:
            return CostPeriod(start: ISOTime.day(today.addingTimeInterval(-30 * dayLength)), end: end)
        case .string(let text)?:
            guard let seconds = DurationText.seconds(text), seconds >= dayLength else {
                throw FaberError.usage("\(handler): 'period' must be a number of days such as 7d or 30d, or {start, end} dates; got '\(text)'")
            }
            let days = Int((seconds / dayLength).rounded(.up))
            return CostPeriod(start: ISOTime.day(today.addingTimeInterval(-Double(days) * dayLength)), end: end)
        case .object(let object)?:
            guard let start = object["start"]?.string, let end = object["end"]?.string,
                let startDate = ISOTime.parse(start), let endDate = ISOTime.parse(end)
            else {
                throw FaberError.usage(
                    "\(handler): 'period' as an object needs 'start' and 'end' dates (YYYY-MM-DD)",
                    hint: "e.g. period: {start: 2025-10-01, end: 2025-11-01} (end is exclusive)")
            }
            guard startDate < endDate else {
                throw FaberError.usage("\(handler): 'period' start \(start) must be before end \(end) (end is exclusive)")
            }
            return CostPeriod(start: ISOTime.day(startDate), end: ISOTime.day(endDate))
        case let other?:
            throw FaberError.usage("\(handler): 'period' must be a duration such as 30d or {start, end}, got \(English.withArticle(other.typeName))")
        }
    }
}
