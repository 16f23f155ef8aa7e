import FaberCore

/// One CloudWatch Logs event as `aws.query-logs` returns it.
public struct LogEvent: Sendable {
    public var timestamp: Int
    public var message: String
    public var group: String
    public var stream: String
    /// Position in the group's FilterLogEvents answer, to keep equal timestamps in a stable order.
    public var sequence: Int

    public init(timestamp: Int, message: String, group: String, stream: String, sequence: Int) {
        self.timestamp = timestamp
        self.message = message
        self.group = group
        self.stream = stream
        self.sequence = sequence
    }

    /// Newest first; equal timestamps by group, then later-read first.
    public static func newerFirst(_ a: LogEvent, _ b: LogEvent) -> Bool {
        if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
        if a.group != b.group { return a.group < b.group }
        return a.sequence > b.sequence
    }

    /// `{timestamp (ISO-8601 UTC, ms), message, log_group, log_stream}`
    public var value: Value {
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
