import FaberCore
import FaberTestSupport
import Testing

@testable import FaberOps

/// `logs.patterns` through its handler, with events as `aws.query-logs` returns them.
@Suite("logs.patterns")
struct LogPatternsHandlerTests {
    /// aws.query-logs events, newest first.
    static let events: [Value] = [
        event("2025-10-28T15:30:09.000Z", "ERROR Payment 8812 declined for order ord-551\n"),
        event("2025-10-28T15:30:07.500Z", "START RequestId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d Version: $LATEST"),
        event("2025-10-28T15:30:05.000Z", "ERROR Payment 17 declined for order ord-12"),
        event("2025-10-28T15:30:03.250Z", "Database connection timeout after 3000 ms"),
        event("2025-10-28T15:30:01.000Z", "START RequestId: 6f0e7e8d-1234-4abc-9def-0123456789ab Version: $LATEST"),
        event("2025-10-28T15:29:59.000Z", "ERROR Payment 9 declined for order ord-7"),
    ]

    static func event(_ timestamp: String, _ message: String) -> Value {
        ["timestamp": .string(timestamp), "message": .string(message), "log_group": "/aws/lambda/orders-api-prod", "log_stream": "2025/10/28/[$LATEST]abc"]
    }

    func run(_ input: Value) async throws -> Value {
        try await LogPatternsHandler().run(input, context: .testing(workspace: TestWorkspace.repository))
    }

    func error(_ input: Value) async -> FaberError? {
        do {
            _ = try await run(input)
            return nil
        } catch {
            return error as? FaberError
        }
    }

    @Test("aws.query-logs events: patterns most frequent first with first and last seen, every event with its pattern_id, other keys kept")
    func queryLogsEvents() async throws {
        let output = try await run(["events": .array(Self.events)])
        let patterns = try #require(output["patterns"]?.array)
        #expect(
            patterns.map { $0["pattern"]?.string } == [
                "ERROR Payment <*> declined for order <*>", "START RequestId: <*> Version: $LATEST", "Database connection timeout after <*> ms",
            ])
        #expect(patterns.map { $0["count"] } == [3, 2, 1])
        #expect(patterns[0]["first_seen"] == "2025-10-28T15:29:59.000Z")
        #expect(patterns[0]["last_seen"] == "2025-10-28T15:30:09.000Z")
        #expect(patterns[0]["example"] == "ERROR Payment 8812 declined for order ord-551")
        #expect(patterns[1]["example"] == "START RequestId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d Version: $LATEST")
        #expect(patterns[0]["id"] == .string(LogPattern.id(of: "ERROR Payment <*> declined for order <*>")))
        #expect(output["pattern_count"] == 3)
        #expect(output["other_patterns"] == 0)
        #expect(output["count"] == 6)

        let events = try #require(output["events"]?.array)
        #expect(events.count == 6)
        let ids = patterns.map { $0["id"]! }
        #expect(events.map { $0["pattern_id"]! } == [ids[0], ids[1], ids[0], ids[2], ids[1], ids[0]])
        #expect(events[0]["log_group"] == "/aws/lambda/orders-api-prod")
        #expect(events[0]["message"] == Self.events[0]["message"])
        #expect(events[3]["timestamp"] == "2025-10-28T15:30:03.250Z")
        #expect(events[0].object?.keys.last == "pattern_id")
    }

    @Test("limit returns the first events only, all still counted; max_patterns lists the most frequent, the rest in other_patterns")
    func limitAndMaxPatterns() async throws {
        let output = try await run(["events": .array(Self.events), "limit": 2, "max_patterns": 1])
        #expect(output["events"]?.array?.count == 2)
        #expect(output["events"]?[1]?["message"] == Self.events[1]["message"])
        #expect(output["patterns"]?.array?.count == 1)
        #expect(output["patterns"]?[0]?["count"] == 3)
        #expect(output["pattern_count"] == 3)
        #expect(output["other_patterns"] == 2)
        #expect(output["count"] == 6)
        #expect(output["events"]?[1]?["pattern_id"]?.string?.hasPrefix("p") == true)
        let none = try await run(["events": .array(Self.events), "limit": 0, "max_patterns": 0])
        #expect(none["events"] == [])
        #expect(none["patterns"] == [])
        #expect(none["other_patterns"] == 3)
    }

    @Test("messages as strings: no times (first_seen null), each event comes back as {message, pattern_id}, the example is the first given")
    func plainMessages() async throws {
        let output = try await run(["events": ["Cache miss for key user:12", "Cache miss for key user:7", "Payment declined"]])
        let patterns = try #require(output["patterns"]?.array)
        #expect(patterns.map { $0["pattern"]?.string } == ["Cache miss for key user:<*>", "Payment declined"])
        #expect(patterns[0]["first_seen"] == .null)
        #expect(patterns[0]["last_seen"] == .null)
        #expect(patterns[0]["example"] == "Cache miss for key user:12")
        #expect(output["events"]?[2] == ["message": "Payment declined", "pattern_id": patterns[1]["id"]!])
    }

    @Test("the same events give the same ids in another run and in another order")
    func idsAreStable() async throws {
        let first = try await run(["events": .array(Self.events)])
        let again = try await run(["events": .array(Self.events.reversed())])
        let ids = { (output: Value) in Set(output["patterns"]?.array?.compactMap { $0["id"]?.string } ?? []) }
        let repeated = try await run(["events": .array(Self.events)])
        #expect(ids(first) == ids(again))
        #expect(first["patterns"] == repeated["patterns"])
    }

    @Test("Logs Insights rows (@timestamp, @message) are events too")
    func insightsRows() async throws {
        let output = try await run([
            "events": [
                ["@timestamp": "2025-10-28 15:30:00.000", "@message": "Task timed out after 3.00 seconds"],
                ["@timestamp": "2025-10-28 15:31:00.000", "@message": "Task timed out after 6.00 seconds"],
            ]
        ])
        #expect(output["patterns"]?[0]?["pattern"] == "Task timed out after <*> seconds")
        #expect(output["patterns"]?[0]?["first_seen"] == "2025-10-28T15:30:00.000Z")
        #expect(output["patterns"]?[0]?["last_seen"] == "2025-10-28T15:31:00.000Z")
    }

    @Test("an event that is no event, has no message or a timestamp that is no time: input-kind, naming the event")
    func badEvents() async {
        for (events, problem) in [
            ([1] as Value, "event 1 is a number"),
            ([["timestamp": "2025-10-28T15:30:00Z"]], "event 1 has no message"),
            (["fine", ["message": "x", "timestamp": "yesterday"]], "event 2 has a timestamp that is not ISO-8601"),
        ] as [(Value, String)] {
            let failure = await error(["events": events])
            #expect(failure?.code == "input-kind")
            #expect(failure?.message.contains(problem) == true, "\(failure?.message ?? "no error")")
        }
        #expect(await error(["events": "not a list"])?.code == "input-kind")
    }

    @Test("no events: no patterns")
    func noEvents() async throws {
        let output = try await run(["events": []])
        #expect(output["patterns"] == [])
        #expect(output["events"] == [])
        #expect(output["pattern_count"] == 0)
        #expect(output["count"] == 0)
    }
}
