/// Groups log messages by template, Drain-style (He et al., ICWS 2017; docs/log-patterns.md): a
/// fixed-depth tree routes a message by its token count and its first routing tokens to a leaf;
/// in the leaf it joins the most similar group when the similarity reaches the threshold (the
/// positions that differ become `<*>`), else it starts a group. One pass, bounded work per message;
/// memory is per group (template, count, first and last time, one example), plus the group index
/// of each message.
struct LogPatternMiner {
    struct Configuration: Sendable {
        /// Drain's depth: the root, the token count, then `depth - 2` routing tokens, looked for
        /// among `depth` tokens from the first that routes.
        var depth = 4
        /// The similarity a message needs to join a group (section 3 of docs/log-patterns.md).
        var similarity = 0.5
        /// Children of a tree node at most; further tokens share its `<*>` child.
        var maxChildren = 100
        /// Groups of a leaf at most; a message of a full leaf joins its most similar group.
        var maxGroupsPerLeaf = 100
        /// Templates equal but at one position, where they have at least this many different
        /// tokens, are one template with `<*>` there: a position that takes that many values is a
        /// variable (user names, program names), while two or three are different messages
        /// (`closed` / `refused`, `started` / `finished` / `failed`).
        var variableValues = 5
    }

    struct Group {
        var template: [String] {
            didSet { header = Self.headerLength(template) }
        }
        /// How many tokens the template starts with that are a header (`isHeaderToken`).
        private(set) var header: Int
        var count = 1
        /// Epoch milliseconds, nil while no message of the group had a time.
        var firstSeen: Int?
        var lastSeen: Int?
        /// The most recent message (latest time; the earliest given of equal or absent times).
        var example: String
        var exampleTime: Int?
        /// The position of the example among the messages added.
        var exampleIndex: Int

        init(template: [String], time: Int?, example: String, exampleIndex: Int) {
            self.template = template
            header = Self.headerLength(template)
            firstSeen = time
            lastSeen = time
            self.example = example
            exampleTime = time
            self.exampleIndex = exampleIndex
        }

        static func headerLength(_ template: [String]) -> Int {
            template.firstIndex { !LogPatternMiner.isHeaderToken($0) } ?? template.count
        }
    }

    let configuration: Configuration
    private(set) var groups: [Group] = []
    /// The group of each message added, in order.
    private(set) var assignments: [Int] = []
    private let root = Node()
    private var leaves: [Node] = []

    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// A node of the tree: children by routing token, or at a leaf the indices of its groups.
    private final class Node {
        var children: [String: Node] = [:]
        var groups: [Int] = []
    }

    /// Adds one message (its time in epoch milliseconds, if known) and returns its group's index.
    @discardableResult
    mutating func add(_ message: String, time: Int? = nil) -> Int {
        add(tokens: LogTokenizer.tokens(message), message: message, time: time)
    }

    @discardableResult
    mutating func add(tokens: [String], message: String, time: Int?) -> Int {
        let leaf = self.leaf(for: tokens)
        let index: Int
        if let (best, score) = bestGroup(in: leaf, for: tokens),
            score >= configuration.similarity || leaf.groups.count >= configuration.maxGroupsPerLeaf
        {
            index = best
            Self.join(&groups[best], tokens, message: message, time: time, position: assignments.count)
        } else {
            index = groups.count
            groups.append(Group(template: tokens, time: time, example: message, exampleIndex: assignments.count))
            if leaf.groups.isEmpty { leaves.append(leaf) }
            leaf.groups.append(index)
        }
        assignments.append(index)
        return index
    }

    /// The leaf of the token count and the first `depth - 2` routing tokens among the `depth` tokens
    /// from the first routing token on (`<*>` for each one missing): a header of times and ids
    /// before it does not take up the routing.
    private func leaf(for tokens: [String]) -> Node {
        let routes = configuration.depth - 2
        // The token counts are not bounded: a group only ever holds messages of one length.
        var node = child(of: root, String(tokens.count), bounded: false)
        var routed = 0
        let start = tokens.firstIndex(where: Self.routes) ?? tokens.endIndex
        for token in tokens[start...].prefix(configuration.depth) where routed < routes && Self.routes(token) {
            node = child(of: node, token)
            routed += 1
        }
        while routed < routes {
            node = child(of: node, LogTokenizer.wildcard)
            routed += 1
        }
        return node
    }

    private func child(of node: Node, _ token: String, bounded: Bool = true) -> Node {
        if let child = node.children[token] { return child }
        let key = bounded && node.children.count + 1 >= configuration.maxChildren ? LogTokenizer.wildcard : token
        if let child = node.children[key] { return child }
        let child = Node()
        node.children[key] = child
        return child
    }

    /// Whether a token routes: it has a letter outside its `<*>` parts (`sshd[<*>]:`, `"GET <*>"`),
    /// no digit, none of `. / \ @`, which mark names that vary (hosts, files, classes), and is not
    /// the name of a month, weekday or time zone (`Oct`, `[Sun`, `UTC`).
    static func routes(_ token: String) -> Bool {
        var letters = 0
        var bytes = token.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "@"): return false
            default: break
            }
        }
        return letters > 0 && !isCalendarWord(token)
    }

    /// A token of a header: no letters outside `<*>` (`<*>`, `[<*>]`, `-`), or a month, weekday or
    /// time zone name.
    static func isHeaderToken(_ token: String) -> Bool {
        if token == LogTokenizer.wildcard { return true }
        for byte in token.utf8 where (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") {
            return isCalendarWord(token)
        }
        return true
    }

    /// A month, weekday or time zone name (`Oct`, `[Sun`, `Mon,`, `UTC`): three letters, the first
    /// a capital, with punctuation around.
    static func isCalendarWord(_ token: String) -> Bool {
        let utf8 = token.utf8
        guard utf8.count >= 3, utf8.count <= 6 else { return false }
        var letters: UInt32 = 0
        var count = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                // Capitalised (`Oct`, `OCT`): `may`, `sat` and `sun` are words.
                guard count < 3, count > 0 || byte < UInt8(ascii: "a") else { return false }
                count += 1
                letters = letters << 8 | UInt32(byte | 0x20)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return count == 3 && calendarWords.contains(letters)
    }

    /// jan ... dec, mon ... sun and common time zones, as three lowercase ASCII bytes.
    private static let calendarWords: Set<UInt32> = Set(
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
            "utc", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "cet",
        ].map {
            $0.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        })

    /// The group of the leaf most similar to the message, and its similarity; equal similarities
    /// prefer the group with more `<*>`, then the older.
    private func bestGroup(in leaf: Node, for tokens: [String]) -> (Int, Double)? {
        var best: (index: Int, score: Double, wildcards: Int)?
        for index in leaf.groups {
            let (score, wildcards) = Self.similarity(groups[index].template, tokens, header: groups[index].header)
            if let current = best, score < current.score || (score == current.score && wildcards <= current.wildcards) { continue }
            best = (index, score, wildcards)
        }
        return best.map { ($0.index, $0.score) }
    }

    /// Drain's simSeq: the share of positions where the template has the message's token (a `<*>`
    /// of the template counts for nothing), and the template's `<*>` count. Two changes: the first
    /// `lead` positions (the template's header: `isHeaderToken`) are left out, and month, weekday
    /// and time zone names equal each other. A message that has every constant token of the
    /// template after its header matches it fully (1).
    static func similarity(_ template: [String], _ tokens: [String], header lead: Int) -> (Double, Int) {
        var equal = 0
        var wildcards = lead
        for position in lead..<template.count {
            let part = template[position]
            if part == LogTokenizer.wildcard {
                wildcards += 1
            } else if part == tokens[position] || (isCalendarWord(part) && isCalendarWord(tokens[position])) {
                equal += 1
            }
        }
        if equal + wildcards == template.count { return (1, wildcards) }
        return (Double(equal) / Double(template.count - lead), wildcards)
    }

    /// Adds the message at `position` to the group (a static function: a method of `self` would
    /// make the array of groups be copied on every join).
    private static func join(_ group: inout Group, _ tokens: [String], message: String, time: Int?, position: Int) {
        for index in group.template.indices where group.template[index] != tokens[index] {
            group.template[index] = LogTokenizer.wildcard
        }
        group.count += 1
        if let time {
            group.firstSeen = min(group.firstSeen ?? time, time)
            group.lastSeen = max(group.lastSeen ?? time, time)
            if time > (group.exampleTime ?? Int.min) {
                group.example = message
                group.exampleTime = time
                group.exampleIndex = position
            }
        }
    }

    /// Across the whole tree (a varying first token routes to leaves of its own): groups whose
    /// templates are equal but at one position, where they have `variableValues` different tokens
    /// or more, are merged with `<*>` there, until nothing changes. Returns the templates.
    private func mergeVariablePositions(_ target: inout [Int]) -> [[String]] {
        var templates = groups.map(\.template)
        let wildcard = LogTokenizer.wildcard
        for _ in 0..<4 {
            var changed = false
            let roots = groups.indices.filter { target[$0] == $0 }
            for (length, members) in Dictionary(grouping: roots, by: { templates[$0].count }) where members.count >= configuration.variableValues {
                for position in 0..<length {
                    var buckets: [[String]: [Int]] = [:]
                    for member in members where target[member] == member && templates[member][position] != wildcard {
                        var key = templates[member]
                        key[position] = wildcard
                        buckets[key, default: []].append(member)
                    }
                    for (key, bucket) in buckets where Set(bucket.map { templates[$0][position] }).count >= configuration.variableValues {
                        let keep = bucket.max { groups[$0].count < groups[$1].count || (groups[$0].count == groups[$1].count && $0 > $1) }!
                        templates[keep] = key
                        for member in bucket where member != keep { target[member] = keep }
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        return templates
    }

    /// Whether `general` has `<*>` wherever it differs from `specific`: every message of `specific`
    /// would match it fully.
    private static func covers(_ general: [String], _ specific: [String]) -> Bool {
        zip(general, specific).allSatisfy { $0 == LogTokenizer.wildcard || $0 == $1 }
    }

    /// The patterns, in the order of `LogPattern.precedes`, and the position in that list of each
    /// message's pattern. A group whose template another group of its leaf covers (that group grew
    /// more general after it started) is merged into it, and groups of equal templates are merged.
    /// Ids are unique: should two templates' hashes be equal, the later in the list gets `-2`,
    /// `-3`, ... after it.
    func patterns() -> (patterns: [LogPattern], ofMessage: [Int]) {
        var target = Array(groups.indices)
        for leaf in leaves where leaf.groups.count > 1 {
            for specific in leaf.groups {
                let general = leaf.groups.filter { $0 != specific && target[$0] == $0 && Self.covers(groups[$0].template, groups[specific].template) }
                    .max { groups[$0].count < groups[$1].count || (groups[$0].count == groups[$1].count && $0 > $1) }
                if let general, !Self.covers(groups[specific].template, groups[general].template) || general < specific {
                    target[specific] = general
                }
            }
        }
        func root(_ index: Int) -> Int {
            var index = index
            while target[index] != index { index = target[index] }
            return index
        }
        let templates = mergeVariablePositions(&target)
        var merged: [LogPattern] = []
        var byTemplate: [String: Int] = [:]
        var patternOfGroup = Array(repeating: 0, count: groups.count)
        for index in groups.indices where root(index) == index {
            let template = templates[index].joined(separator: " ")
            if let existing = byTemplate[template] {
                merged[existing].absorb(groups[index])
                patternOfGroup[index] = existing
            } else {
                byTemplate[template] = merged.count
                patternOfGroup[index] = merged.count
                merged.append(LogPattern(template: template, groups[index]))
            }
        }
        for index in groups.indices where root(index) != index {
            let pattern = patternOfGroup[root(index)]
            merged[pattern].absorb(groups[index])
            patternOfGroup[index] = pattern
        }
        let order = merged.indices.sorted { LogPattern.precedes(merged[$0], merged[$1]) }
        var rank = Array(repeating: 0, count: merged.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        var sorted = order.map { merged[$0] }
        var seen: [String: Int] = [:]
        for index in sorted.indices {
            let id = sorted[index].id
            if let uses = seen[id] {
                seen[id] = uses + 1
                sorted[index].id = "\(id)-\(uses + 1)"
            } else {
                seen[id] = 1
            }
        }
        return (sorted, assignments.map { rank[patternOfGroup[$0]] })
    }
}
