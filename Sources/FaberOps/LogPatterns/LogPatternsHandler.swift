import FaberCore
import FaberOpsModel
import Foundation

/// `logs.patterns`: log events grouped by pattern (the message with its variable parts as `<*>`),
/// most frequent first, Drain-style (docs/log-patterns.md). Each event gets the id of its
/// pattern, a hash of the template that stays the same across runs.
struct LogPatternsHandler: Handler {
    let id = "logs.patterns"
    static let defaultMaxPatterns = 50

    let signature = HandlerSignature(
        summary: "Group log events by pattern (Drain-style): templates with <*> for variable parts, counts, first and last seen",
        inputs: [
            .init("events", required: true, .list, "aws.query-logs events {timestamp, message, ...}, or messages as strings, newest first"),
            .init("limit", .wholeNumber(min: 0), "only the first this many events are returned (all are grouped)"),
            .init("max_patterns", .wholeNumber(min: 0), "most patterns listed, the rest counted in other_patterns (default 50)"),
        ],
        outputs: ["patterns", "events", "pattern_count", "other_patterns", "count"],
        environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        guard let events = input["events"]?.array else {
            throw FaberError(
                .invalidSpec, "\(id): 'events' must be a list of log events (the events of aws.query-logs) or of messages",
                at: context.stepLocation, code: "input-kind")
        }
        let limit = try with.int("limit")
        let maxPatterns = try with.int("max_patterns") ?? Self.defaultMaxPatterns
        for (name, value) in [("limit", limit), ("max_patterns", maxPatterns)] {
            if let value, value < 0 { throw FaberError.usage("\(id): '\(name)' must be 0 or more, got \(value)") }
        }

        var miner = LogPatternMiner()
        for (index, event) in events.enumerated() {
            let (message, time) = try Self.messageAndTime(of: event, index: index, handler: id, context: context)
            miner.add(message, time: time)
        }
        let (patterns, ofEvent) = miner.patterns()
        let listed = patterns.prefix(maxPatterns).map(Self.value)
        let shown = events.prefix(limit ?? events.count).enumerated().map { index, event in
            var object = event.object ?? ["message": event]
            object["pattern_id"] = .string(patterns[ofEvent[index]].id)
            return Value.object(object)
        }
        return [
            "patterns": .array(listed),
            "events": .array(shown),
            "pattern_count": .int(patterns.count),
            "other_patterns": .int(patterns.count - listed.count),
            "count": .int(events.count),
        ]
    }

    /// An event's message (a trailing newline removed) and its time in epoch milliseconds: an
    /// object `{message, timestamp}` (`@message`/`@timestamp` of Logs Insights rows too) or a string.
    static func messageAndTime(of event: Value, index: Int, handler: String, context: HandlerContext) throws -> (String, Int?) {
        func refuse(_ problem: String) -> FaberError {
            FaberError(
                .invalidSpec, "\(handler): event \(index + 1) \(problem)", hint: "pass the events of aws.query-logs, or messages as strings",
                at: context.stepLocation, code: "input-kind")
        }
        var message: String
        var time: Int?
        switch event {
        case .string(let text):
            message = text
        case .object(let fields):
            guard let text = (fields["message"] ?? fields["@message"])?.string else { throw refuse("has no message (a string)") }
            message = text
            if let stamp = fields["timestamp"] ?? fields["@timestamp"], !stamp.isNull {
                guard let parsed = epochMilliseconds(stamp) else { throw refuse("has a timestamp that is not ISO-8601: \(stamp.jsonString())") }
                time = parsed
            }
        default:
            throw refuse("is \(English.withArticle(event.typeName)), not a log event or a message")
        }
        while message.hasSuffix("\n") || message.hasSuffix("\r") { message.removeLast() }
        return (message, time)
    }

    /// `2025-10-28T15:30:00.123Z` (or Logs Insights' `2025-10-28 15:30:00.123`), or epoch milliseconds.
    static func epochMilliseconds(_ stamp: Value) -> Int? {
        switch stamp {
        case .int(let milliseconds): return milliseconds
        case .double(let milliseconds): return abs(milliseconds) < 9e15 ? Int(milliseconds.rounded()) : nil
        case .string(let text):
            var date = ISOTime.parse(text)
            if date == nil, text.count >= 19, text.dropFirst(10).first == " " {
                date = ISOTime.parse(text.prefix(10) + "T" + text.dropFirst(11) + (text.hasSuffix("Z") ? "" : "Z"))
            }
            return date.map { Int(($0.timeIntervalSince1970 * 1000).rounded()) }
        default: return nil
        }
    }

    static func value(_ pattern: LogPattern) -> Value {
        [
            "id": .string(pattern.id),
            "pattern": .string(pattern.template),
            "count": .int(pattern.count),
            "first_seen": pattern.firstSeen.map { .string(ISOTime.string(epochMilliseconds: $0)) } ?? .null,
            "last_seen": pattern.lastSeen.map { .string(ISOTime.string(epochMilliseconds: $0)) } ?? .null,
            "example": .string(pattern.example),
        ]
    }
}
