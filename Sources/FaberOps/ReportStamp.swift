import FaberOpsModel
import Foundation

/// The time in a report's file name.
enum ReportStamp {
    /// `20261201T093000.123Z`: to the millisecond, so that runs at once write files of their own.
    static func string(_ date: Date) -> String {
        let iso = ISOTime.string(date)  // 2026-12-01T09:30:00.123Z
        return iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
