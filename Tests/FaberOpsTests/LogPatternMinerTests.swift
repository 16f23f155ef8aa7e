import Foundation
import Testing

@testable import FaberOps

/// Log patterns (docs/log-patterns.md): what is masked, what groups and what stays apart, stable
/// ids, counts and times, and the grouping accuracy on the labelled corpus of `LogCorpus`.
@Suite("Log patterns")
struct LogPatternMinerTests {
    func mine(_ messages: [String], times: [Int]? = nil, configuration: LogPatternMiner.Configuration = .init()) -> (
        patterns: [LogPattern], ofMessage: [Int]
    ) {
        var miner = LogPatternMiner(configuration: configuration)
        for (index, message) in messages.enumerated() { miner.add(message, time: times?[index]) }
        return miner.patterns()
    }

    func template(_ message: String) -> String { LogTokenizer.tokens(message).joined(separator: " ") }

    /// The share of messages whose group is exactly the set of messages of their true template
    /// (grouping accuracy, Zhu et al., ICSE-SEIP 2019).
    static func groupingAccuracy(_ labels: [String], _ groups: [Int]) -> Double {
        var perLabel: [String: Int] = [:]
        var perGroup: [Int: [String: Int]] = [:]
        for (label, group) in zip(labels, groups) {
            perLabel[label, default: 0] += 1
            perGroup[group, default: [:]][label, default: 0] += 1
        }
        let correct = perGroup.values.reduce(0) { sum, labels in
            guard labels.count == 1, let (label, count) = labels.first, perLabel[label] == count else { return sum }
            return sum + count
        }
        return Double(correct) / Double(max(labels.count, 1))
    }

    @Test("numbers, hex ids, UUIDs, IPs with ports, timestamps, dates and sizes are masked, words are kept")
    func masksVariableParts() {
        let cases: [(String, String)] = [
            (
                "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010",
                "Receiving block <*> src: <*> dest: <*>"
            ),
            ("START RequestId: 6f0e7e8d-1234-4abc-9def-0123456789ab Version: $LATEST", "START RequestId: <*> Version: $LATEST"),
            (
                "REPORT RequestId: 6f0e7e8d-1234-4abc-9def-0123456789ab\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\n",
                "REPORT RequestId: <*> Duration: <*> ms Billed Duration: <*> ms Memory Size: <*> MB"
            ),
            ("2025-10-28T15:30:00.123Z [ERROR] took 12ms for 4KB", "<*> [ERROR] took <*> for <*>"),
            ("Oct 28 15:30:00 web sshd[1234]: Invalid user admin from 1.2.3.4 port 22", "Oct <*> <*> web sshd[<*>]: Invalid user admin from <*> port <*>"),
            ("Running task 0.0 in stage 1.0 (TID 1). 2087 bytes", "Running task <*> in stage <*> (TID <*>). <*> bytes"),
            ("Package_for_KB2928120~31bf3856ad364e35~amd64~~6.1.1.1, ApplicableState: 112, CurrentState:112", "<*>, ApplicableState: <*>, CurrentState:<*>"),
            (
                "session opened for user root by (uid=0) rhost=218.188.2.4 ruser= user=root",
                "session opened for user root by (uid=<*>) rhost=<*> ruser= user=root"
            ),
            ("at com.example.OrderService.place(OrderService.java:142)", "at com.example.OrderService.place(<*>)"),
            ("ALERT exited abnormally with [1]", "ALERT exited abnormally with [<*>]"),
            ("mail from bob@example.com, trace deadbeefcafe, word decade", "mail from <*>, trace <*>, word decade"),
            ("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579", "<*>| Step_LSC| <*>| onStandStepChanged <*>"),
        ]
        for (message, expected) in cases {
            #expect(template(message) == expected, "\(message)")
        }
    }

    @Test("a quoted span is one masked token; JSON keys, message values and HTTP methods stay")
    func quotedSpans() {
        #expect(template("user 'bob smith' not found, can't retry") == "user <*> not found, can't retry")
        #expect(template(#"acquire lock=2335, tag="View Lock", name=com.android.systemui"#) == "acquire lock=<*>, tag=<*>, name=com.android.systemui")
        #expect(
            template(#"1.2.3.4 - - [28/Oct/2025:15:30:00 +0000] "GET /orders/12 HTTP/1.1" 200 512 "-" "curl/8.4.0""#)
                == #"<*> - - [<*> <*>] "GET <*>" <*> <*> <*> <*>"#)
        #expect(
            template(#"{"level":"ERROR","message":"Payment declined","order_id":"ord-123","amount":12.5}"#)
                == #"{"level":"ERROR", "message":"Payment declined", "order_id":<*>, "amount":<*>}"#)
        #expect(
            template(#"time="2025-10-28T15:30:00Z" level=info msg="request completed" user="bob""#) == #"time=<*> level=info msg="request completed" user=<*>"#)
        #expect(
            template(#"I1028 12:00:00.000000    2320 prober.go:107] "Probe failed" probeType="Readiness""#) == #"<*> <*> <*> <*>] "Probe failed" probeType=<*>"#
        )
    }

    @Test("messages that differ only in ids, numbers, IPs, UUIDs and timestamps are one pattern that masks exactly those parts")
    func variablePartsGroup() {
        let messages = [
            "2025-10-28T15:30:00.123Z 6f0e7e8d-1234-4abc-9def-0123456789ab ERROR Payment 8812 failed for 10.0.0.12:443 after 3000 ms",
            "2025-10-28T15:31:07.020Z 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d ERROR Payment 9120 failed for 10.0.3.40:8443 after 5000 ms",
            "2025-10-28T16:02:59.999Z 9f8e7d6c-5b4a-4321-8fed-cba987654321 ERROR Payment 17 failed for 192.168.1.1:443 after 250 ms",
        ]
        let (patterns, ofMessage) = mine(messages)
        #expect(patterns.count == 1)
        #expect(patterns.first?.template == "<*> <*> ERROR Payment <*> failed for <*> after <*> ms")
        #expect(ofMessage == [0, 0, 0])
    }

    @Test("a word that varies in a fixed sentence becomes <*>: user names, states")
    func variableWordsGroup() {
        let (users, _) = mine(["Failed password for root from 1.2.3.4 port 22 ssh2", "Failed password for admin from 5.6.7.8 port 2200 ssh2"])
        #expect(users.map(\.template) == ["Failed password for <*> from <*> port <*> <*>"])
        let (states, _) = mine([
            "attempt_1445_0020_m_000002_0 TaskAttempt Transitioned from NEW to UNASSIGNED",
            "attempt_1445_0020_m_000003_0 TaskAttempt Transitioned from UNASSIGNED to ASSIGNED",
        ])
        #expect(states.map(\.template) == ["<*> TaskAttempt Transitioned from <*> to <*>"])
    }

    @Test("different sentences stay apart: closed/refused by peer, a timeout and a declined payment, different lengths")
    func differentSentencesStayApart() {
        let (patterns, ofMessage) = mine([
            "Connection closed by peer", "Connection refused by peer", "Connection closed by peer",
            "Database connection timeout", "Payment declined",
            "Starting TrustedInstaller initialization.", "Ending TrustedInstaller initialization.",
            "Cache miss for key user:12", "Cache miss for key user:12 after 3 retries",
        ])
        #expect(patterns.count == 8)
        #expect(ofMessage[0] == ofMessage[2])
        #expect(Set(ofMessage).count == 8)
        #expect(patterns.first?.template == "Connection closed by peer")
        #expect(patterns.first?.count == 2)
    }

    @Test("the id is p and 8 hex digits of the template's hash: the same in two runs and in any order of the events")
    func stableIDs() {
        let messages = LogCorpus.lines(of: LogCorpus.openssh, count: 300).map(\.message)
        let first = mine(messages).patterns
        let again = mine(messages).patterns
        let reversed = mine(messages.reversed()).patterns
        #expect(first == again)
        #expect(Dictionary(uniqueKeysWithValues: first.map { ($0.template, $0.id) }) == Dictionary(uniqueKeysWithValues: reversed.map { ($0.template, $0.id) }))
        #expect(Set(first.map(\.id)).count == first.count)
        #expect(LogPattern.id(of: "Connection closed by <*> [preauth]") == LogPattern.id(of: "Connection closed by <*> [preauth]"))
        #expect(LogPattern.id(of: "") == "p" + String(0xcbf2_9ce4 ^ 0x8422_2325, radix: 16))
        for pattern in first {
            #expect(pattern.id.count == 9 && pattern.id.hasPrefix("p") && pattern.id.dropFirst().allSatisfy(\.isHexDigit), "\(pattern.id)")
        }
    }

    @Test("two or three words at the routing positions are different messages; five or more are a variable")
    func variableWordInPrefix() {
        let (two, _) = mine(["User bob logged in", "User eve logged in"])
        #expect(two.map(\.template) == ["User bob logged in", "User eve logged in"])
        let users = ["bob", "eve", "ana", "kim", "lee", "joe"]
        let (many, _) = mine(users.map { "User \($0) logged in" })
        #expect(many.map(\.template) == ["User <*> logged in"])
        let programs = ["chrome.exe", "firefox.exe", "outlook.exe", "slack.exe", "teams.exe"]
        let (proxied, _) = mine(programs.map { "\($0) - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS" })
        #expect(proxied.count == 1)
        #expect(proxied.first?.template.hasPrefix("<*> - ") == true)
        let (states, _) = mine(["Job 12 started", "Job 13 finished", "Job 14 failed", "Job 15 started"])
        #expect(Set(states.map(\.template)) == ["Job <*> started", "Job <*> finished", "Job <*> failed"])
    }

    @Test("counts, first and last seen, the most recent message as example, most frequent first")
    func countsAndTimes() {
        let (patterns, ofMessage) = mine(
            ["Payment 3 declined", "Login of user bob from 1.2.3.4", "Payment 17 declined", "Payment 9 declined", "Login of user eve from 5.6.7.8"],
            times: [5000, 4000, 9000, 1000, 3000])
        #expect(patterns.map(\.template) == ["Payment <*> declined", "Login of user <*> from <*>"])
        #expect(patterns.map(\.count) == [3, 2])
        #expect(patterns[0].firstSeen == 1000 && patterns[0].lastSeen == 9000)
        #expect(patterns[0].example == "Payment 17 declined")
        #expect(patterns[1].firstSeen == 3000 && patterns[1].lastSeen == 4000)
        #expect(patterns[1].example == "Login of user bob from 1.2.3.4")
        #expect(ofMessage == [0, 1, 0, 0, 1])
        let (untimed, _) = mine(["Cache miss for key a1", "Cache miss for key b2"])
        #expect(untimed.first?.firstSeen == nil && untimed.first?.lastSeen == nil)
        #expect(untimed.first?.example == "Cache miss for key a1")
    }

    @Test("equal counts: the earlier first seen, then the template text")
    func ties() {
        let (patterns, _) = mine(["beta started", "alpha started", "gamma stopped now"], times: [2000, 3000, 1000])
        #expect(patterns.map(\.template) == ["gamma stopped now", "beta started", "alpha started"])
        let (untimed, _) = mine(["beta started", "alpha started"])
        #expect(untimed.map(\.template) == ["alpha started", "beta started"])
    }

    @Test("a full leaf: messages join its most similar group instead of starting more groups")
    func boundedLeaf() {
        var configuration = LogPatternMiner.Configuration()
        configuration.maxGroupsPerLeaf = 3
        // One leaf (5 tokens, routed by "alpha beta"), no two similar enough to join.
        let messages = [
            "alpha beta one two three", "alpha beta four five six", "alpha beta seven eight nine", "alpha beta ten eleven twelve", "alpha beta x y z",
        ]
        let (patterns, ofMessage) = mine(messages, configuration: configuration)
        #expect(patterns.count <= 3)
        #expect(ofMessage.count == 5)
        #expect(patterns.reduce(0) { $0 + $1.count } == 5)
    }

    @Test("the tree is bounded: past 100 first words they share one branch; token counts are never mixed")
    func boundedTree() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let words = (0..<150).map { String([letters[$0 / 26], letters[$0 % 26], "x"]) }
        let (patterns, ofMessage) = mine(words.map { "\($0) started the nightly job" })
        #expect(ofMessage.count == 150)
        #expect(patterns.count < 150)
        #expect(patterns.contains { $0.template == "<*> started the nightly job" })
        let lengths = (1...150).map { count in Array(repeating: "word", count: count).joined(separator: " ") }
        let (byLength, _) = mine(lengths)
        #expect(byLength.count == 150)
        #expect(byLength.allSatisfy { $0.count == 1 })
    }

    @Test("a 256 KB message (the largest CloudWatch Logs takes) of quotes, commas and braces is tokenised in one pass")
    func largeMessage() {
        let chunk = #"{"key":"value, more", 'it's "x\" y' } "#
        let message = String(repeating: chunk, count: 256 * 1024 / chunk.utf8.count)
        let tokens = LogTokenizer.tokens(message)
        #expect(tokens.count > 10000)
        #expect(mine([message, message]).patterns.count == 1)
    }

    @Test("grouping accuracy on the labelled corpus: on average at least 0.9, each source at least 0.65")
    func groupingAccuracy() {
        var results: [(String, Double, Double)] = []
        for source in LogCorpus.sources {
            let raw = LogCorpus.lines(of: source, count: 2000)
            let content = LogCorpus.lines(of: source, count: 2000, headers: false)
            let rawGA = Self.groupingAccuracy(raw.map(\.template), mine(raw.map(\.message)).ofMessage)
            let contentGA = Self.groupingAccuracy(content.map(\.template), mine(content.map(\.message)).ofMessage)
            results.append((source.name, rawGA, contentGA))
            #expect(rawGA >= 0.65, "\(source.name): \(rawGA)")
        }
        let rawMean = results.map(\.1).reduce(0, +) / Double(results.count)
        let contentMean = results.map(\.2).reduce(0, +) / Double(results.count)
        let table = results.map { "\($0.0) \(String(format: "%.3f %.3f", $0.1, $0.2))" }.joined(separator: "\n")
        print("grouping accuracy (source, lines as generated, without headers):\n\(table)\nmean \(String(format: "%.4f %.4f", rawMean, contentMean))")
        #expect(rawMean >= 0.9)
        #expect(contentMean >= 0.9)
    }

    @Test("100,000 events: each in one pattern, the counts add up")
    func hundredThousandEvents() {
        let perSource = 100_000 / LogCorpus.sources.count + 1
        let bySource = LogCorpus.sources.map { LogCorpus.lines(of: $0, count: perSource).map(\.message) }
        var messages: [String] = []
        messages.reserveCapacity(100_000)
        for index in 0..<perSource {
            for lines in bySource where messages.count < 100_000 { messages.append(lines[index]) }
        }
        let start = Date()
        var miner = LogPatternMiner()
        for (index, message) in messages.enumerated() { miner.add(message, time: 1_761_665_400_000 - index * 10) }
        let (patterns, ofMessage) = miner.patterns()
        print("100,000 events: \(patterns.count) patterns from \(miner.groups.count) groups in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        #expect(messages.count == 100_000)
        #expect(ofMessage.count == 100_000)
        #expect(patterns.reduce(0) { $0 + $1.count } == 100_000)
        #expect(ofMessage.allSatisfy { patterns.indices.contains($0) })
        var counted = Array(repeating: 0, count: patterns.count)
        for pattern in ofMessage { counted[pattern] += 1 }
        #expect(counted == patterns.map(\.count))
        #expect(patterns.count < 1000)
    }
}
