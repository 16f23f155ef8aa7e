import FaberCore

/// One CloudWatch Logs event as `aws.query-logs` returns it.
struct LogEvent: Sendable {
    var timestamp: Int
    var message: String
    var group: String
    var stream: String
    /// Position in the group's FilterLogEvents answer, to keep equal timestamps in a stable order.
    var sequence: Int

    /// Newest first; equal timestamps by group, then later-read first.
    static func newerFirst(_ a: LogEvent, _ b: LogEvent) -> Bool {
        if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
        if a.group != b.group { return a.group < b.group }
        return a.sequence > b.sequence
    }

    /// `{timestamp (ISO-8601 UTC, ms), message, log_group, log_stream}`
    var value: Value {
        var text = message
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return [
            "timestamp": .string(ISOTime.string(epochMilliseconds: timestamp)),
            "message": .string(text),
            "log_group": .string(group),
            "log_stream": .string(stream),
        ]
    }
}
