import FaberCore
import FaberOpsModel
import Foundation

/// The `since` / `until` window of the handlers that read what happened over a time range
/// (`aws.query-logs`, `aws.get-changes`): each a duration back from now (`30m`, `2h`, `2d`) or an
/// ISO-8601 time; `until` defaults to now; `since` must come before `until`.
struct TimeWindow: Sendable, Equatable {
    var since: Date
    var until: Date

    init(since: Date, until: Date) {
        self.since = since
        self.until = until
    }

    /// The window of `input`'s `since` (default `defaultSince`) and `until` (default `now`).
    init(_ input: HandlerInput, defaultSince: String, now: Date = Date()) throws {
        since = try Self.time(input, "since", default: defaultSince, now: now)
        until = try Self.time(input, "until", default: nil, now: now)
        guard since < until else {
            throw FaberError.usage(
                "\(input.handler): 'since' (\(ISOTime.string(since))) must be before 'until' (\(ISOTime.string(until)))")
        }
    }

    /// Whether `date` lies in the window, both ends included.
    func contains(_ date: Date) -> Bool {
        since <= date && date <= until
    }

    /// `key` of `input` (or `fallback`; `now` when both are nil): a duration back from `now`, or an ISO-8601 time.
    static func time(_ input: HandlerInput, _ key: String, default fallback: String?, now: Date) throws -> Date {
        guard let text = try input.string(key) ?? fallback else { return now }
        if let seconds = DurationText.seconds(text), seconds >= 0 { return now.addingTimeInterval(-seconds) }
        if let date = ISOTime.parse(text) { return date }
        throw FaberError.usage(
            "\(input.handler): '\(key)' must be a duration back from now (30m, 1h, 2d) or an ISO-8601 time (2025-10-28T15:30:00Z), got '\(text)'")
    }
}
