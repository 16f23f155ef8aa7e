/// One pattern of `logs.patterns`: a template with `<*>` for each variable part, how many messages
/// it has, when it was first and last seen, and its most recent message.
struct LogPattern: Sendable, Equatable {
    /// `p` and 8 hex digits of the template's FNV-1a hash: the same for the same template in every run.
    var id: String
    var template: String
    var count: Int
    /// Epoch milliseconds; nil when none of its messages had a time.
    var firstSeen: Int?
    var lastSeen: Int?
    var example: String
    var exampleTime: Int?
    /// The position of the example among the messages, to choose between examples of equal time.
    var exampleIndex: Int

    init(template: String, _ group: LogPatternMiner.Group) {
        id = Self.id(of: template)
        self.template = template
        count = group.count
        firstSeen = group.firstSeen
        lastSeen = group.lastSeen
        example = group.example
        exampleTime = group.exampleTime
        exampleIndex = group.exampleIndex
    }

    /// Adds the messages of a group whose template is the same.
    mutating func absorb(_ group: LogPatternMiner.Group) {
        count += group.count
        if let first = group.firstSeen { firstSeen = min(firstSeen ?? first, first) }
        if let last = group.lastSeen { lastSeen = max(lastSeen ?? last, last) }
        let newer = (group.exampleTime ?? Int.min, -group.exampleIndex) > (exampleTime ?? Int.min, -exampleIndex)
        if newer {
            example = group.example
            exampleTime = group.exampleTime
            exampleIndex = group.exampleIndex
        }
    }

    /// The order of the list: most messages first, then the earliest first seen (patterns without
    /// a time last), then the template text.
    static func precedes(_ a: LogPattern, _ b: LogPattern) -> Bool {
        if a.count != b.count { return a.count > b.count }
        if a.firstSeen != b.firstSeen { return (a.firstSeen ?? Int.max) < (b.firstSeen ?? Int.max) }
        return a.template < b.template
    }

    /// `p` + the 64-bit FNV-1a hash of the template's UTF-8 bytes, folded to 32 bits, as 8 lowercase
    /// hex digits.
    static func id(of template: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in template.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let folded = (hash >> 32) ^ (hash & 0xffff_ffff)
        let hex = String(folded, radix: 16)
        return "p" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
