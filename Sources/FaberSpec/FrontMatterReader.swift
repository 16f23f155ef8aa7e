import FaberCore

/// Reads front matter as tolerantly as Claude Code does, and says where strict YAML would fail
/// (docs/claude-code.md, "Front matter").
///
/// The whole front matter is parsed strictly first (libyaml). When that fails with a syntax error,
/// it is read again one top-level entry at a time: a line at column 0 that starts `key:` opens an
/// entry, every other line continues it. An unknown key-shaped line (`Context: ...`, `user: "..."`
/// of an example dialogue) continues an entry that does not parse on its own. Each entry is then
/// parsed strictly; one that fails is read as text — the way Claude Code reads it — unless it is
/// one of faber's own structured keys, whose error stands. Every value read as text is a warning
/// with the exact fix: the same text quoted, or written as a block scalar, which strict parsers
/// read as the very value faber read. `faber check --fix` applies it.
struct FrontMatterReader {
    struct Result {
        var node: YAMLNode?
        var diagnostics: [Diagnostic] = []
        var fixes: [SpecFix] = []
        /// Errors that leave the front matter unread (not warnings about portability).
        var hasErrors = false
    }

    let path: String
    /// The front matter lines, without the `---` fences and line breaks.
    let lines: [Substring]
    /// The file line of `lines[0]`.
    let firstLine: Int

    /// Keys whose value Claude Code takes as text: a flow collection written there (`[name]`) is
    /// text to it, and a list to strict YAML.
    static let textKeys: Set<String> = ["name", "description", "argument-hint", "model", "color", "when_to_use", "version"]
    /// faber's structured keys: read as text they would mean something else, so their errors stand.
    static let structuredKeys: Set<String> = ["operations", "inputs", "outputs", "arguments", "agent", "workflow"]
    /// Every key a spec of any kind knows: a key-shaped line with one of these always opens an entry.
    static let knownKeys = Set(SpecKeys.command + SpecKeys.agent + SpecKeys.skill + SpecKeys.workflow)

    func read() -> Result {
        var problems: [Diagnostic] = []
        let node = YAMLParser.parse(lines.joined(separator: "\n"), path: path, lineOffset: firstLine - 1, diagnostics: &problems)
        // Parsed without an error, empty, or past the parser's bounds (a hostile file, not a
        // tolerant one). Any other error (a syntax error, an unknown alias such as
        // `description: *bold*`) is read again entry by entry.
        if !problems.hasErrors || problems.contains(where: { $0.code == YAMLParser.limitCode }) {
            var result = Result(node: node, diagnostics: problems, hasErrors: problems.hasErrors)
            if let pairs = node?.mappingPairs, case .mapping(_, let location)? = node {
                result.node = .mapping(pairs.map { textChecked($0, result: &result) }, location)
            }
            return result
        }
        return readByEntry(strictProblems: problems)
    }

    // MARK: - Entry by entry

    private struct Entry {
        var key: String
        /// Indices into `lines`: the key's line, and the last line that is not blank or a comment.
        var start: Int
        var end: Int
    }

    private func readByEntry(strictProblems: [Diagnostic]) -> Result {
        var entries: [Entry] = []
        let keys = lines.map(Self.topLevelKey)
        // Text at column 0 that is no key, list item or comment: only free text (an example
        // dialogue pasted into a description) is written so. `freeTextBefore[i]`: how many lines
        // before line i are free text; `nextKnown[i]`: the first line from i with a known key.
        var freeTextBefore = [0]
        for (index, line) in lines.enumerated() {
            let free = keys[index] == nil && !Self.isBlankOrComment(line) && line.first != " " && line.first != "\t" && line.first != "-"
            freeTextBefore.append(freeTextBefore[index] + (free ? 1 : 0))
        }
        var nextKnown = Array(repeating: lines.count, count: lines.count + 1)
        for index in lines.indices.reversed() {
            nextKnown[index] = keys[index].map(Self.knownKeys.contains) == true ? index : nextKnown[index + 1]
        }
        // Whether the current entry parses alone, decided once: lines added to it are its text.
        var currentParses: Bool?
        for (index, line) in lines.enumerated() {
            if let key = keys[index] {
                if let current = entries.last, !Self.knownKeys.contains(key) {
                    // An unknown key-shaped line (`Context:`, `user:`) continues an entry that does
                    // not parse alone, or one that runs on as free text up to the next known key.
                    let next = nextKnown[index + 1]
                    let runsOnAsText = freeTextBefore[next] - freeTextBefore[current.start + 1] > 0
                    if currentParses == nil { currentParses = parse(current).node != nil }
                    if runsOnAsText || currentParses == false {
                        entries[entries.count - 1].end = index
                        continue
                    }
                }
                entries.append(Entry(key: key, start: index, end: index))
                currentParses = nil
            } else if Self.isBlankOrComment(line) {
                continue
            } else if entries.isEmpty {
                // Text before the first key: no reading makes a mapping of it.
                return Result(node: nil, diagnostics: strictProblems, hasErrors: true)
            } else {
                entries[entries.count - 1].end = index
            }
        }
        var result = Result()
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        for entry in entries {
            let parsed = parse(entry)
            if let pair = parsed.node?.mappingPairs?.first {
                pairs.append(textChecked(pair, result: &result))
                result.diagnostics += parsed.diagnostics
            } else if !Self.structuredKeys.contains(entry.key),
                let pair = recoverAsText(entry, problem: parsed.diagnostics.errors.first, result: &result)
            {
                pairs.append(pair)
            } else {
                // The error stands; the key stays, empty, so the spec is still of its kind.
                result.diagnostics += parsed.diagnostics
                result.hasErrors = true
                let location = SourceLocation(path: path, line: firstLine + entry.start, column: 1)
                pairs.append((.scalar(entry.key, .plain, location), .scalar("", .plain, location)))
            }
        }
        result.diagnostics += YAMLParser.duplicateKeys(pairs)
        let location = pairs.first?.key.location ?? SourceLocation(path: path, line: firstLine, column: 1)
        result.node = .mapping(pairs, location)
        return result
    }

    private func parse(_ entry: Entry) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
        parse(lines[entry.start...entry.end].joined(separator: "\n"), at: entry.start)
    }

    private func parse(_ text: String, at index: Int) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        let node = YAMLParser.parse(text, path: path, lineOffset: firstLine - 1 + index, diagnostics: &problems)
        return (problems.hasErrors ? nil : node, problems)
    }

    /// The entry's value as the text Claude Code reads, written so that strict YAML reads the same:
    /// quoted when it is one line, a block scalar when it spans several.
    private func recoverAsText(_ entry: Entry, problem: Diagnostic?, result: inout Result) -> (key: YAMLNode, value: YAMLNode)? {
        let first = lines[entry.start]
        guard let colon = first.firstIndex(of: ":") else { return nil }
        let value = String(first[first.index(after: colon)...]).trimmingWhitespace()
        let continuation = lines[(entry.start + 1)..<(entry.end + 1)].map(String.init)
        let head = "\(entry.key):"
        var candidates: [[String]] = []
        if continuation.isEmpty {
            candidates.append(["\(head) \(Self.quoted(value))"])
        } else {
            candidates.append(Self.block(head: head, first: value, continuation: continuation))
            candidates.append(["\(head) \(Self.escaped(([value] + continuation).joined(separator: "\n")))"])
        }
        for replacement in candidates {
            guard let pair = parse(replacement.joined(separator: "\n"), at: entry.start).node?.mappingPairs?.first,
                pair.value.scalarText != nil
            else { continue }
            let valueColumn = first.distance(from: first.startIndex, to: colon) + 2 + (first[first.index(after: colon)...].prefix { $0 == " " }.count)
            let location = SourceLocation(path: path, line: firstLine + entry.start, column: valueColumn)
            let shown = replacement.count == 1 ? Self.shortened(replacement[0]) : "\(replacement[0]) and the lines below it indented"
            result.diagnostics.append(
                .warning(
                    "strict YAML parsers reject this value of '\(entry.key)'" + (problem.map { " (\($0.message))" } ?? "")
                        + "; Claude Code reads it as text",
                    at: location, hint: "\(replacement.count == 1 ? "quote it" : "write it as a block"): \(shown) (faber check --fix does it)"))
            result.fixes.append(
                SpecFix(
                    path: path, lines: (firstLine + entry.start)...(firstLine + entry.end), replacement: replacement,
                    summary: replacement.count == 1 ? "quoted '\(entry.key)'" : "wrote '\(entry.key)' as a block scalar"))
            return (pair.key, pair.value)
        }
        return nil
    }

    /// A value of a text key that strict YAML reads as a list or a mapping (`argument-hint: [name]`)
    /// is the text written there, as Claude Code shows it; the fix quotes it.
    private func textChecked(_ pair: (key: YAMLNode, value: YAMLNode), result: inout Result) -> (key: YAMLNode, value: YAMLNode) {
        guard let key = pair.key.scalarText, Self.textKeys.contains(key), pair.value.scalarText == nil else { return pair }
        let location = pair.value.location
        let index = location.line - firstLine
        guard lines.indices.contains(index), pair.key.location.line == location.line else { return pair }
        let line = lines[index]
        let text = String(line.dropFirst(location.column - 1)).trimmingWhitespace()
        // Only a collection written on this one line (the next line opens another key or ends).
        guard text.first == "[" || text.first == "{",
            index + 1 >= lines.count || Self.topLevelKey(lines[index + 1]) != nil || Self.isBlankOrComment(lines[index + 1])
        else { return pair }
        let replacement = "\(key): \(Self.quoted(text))"
        result.diagnostics.append(
            .warning(
                "strict YAML reads this '\(key)' as a \(pair.value.sequenceItems != nil ? "list" : "mapping"), not as text; Claude Code shows it as written",
                at: location, hint: "quote it: \(Self.shortened(replacement)) (faber check --fix does it)"))
        result.fixes.append(
            SpecFix(path: path, lines: (firstLine + index)...(firstLine + index), replacement: [replacement], summary: "quoted '\(key)'"))
        return (pair.key, .scalar(text, .doubleQuoted, location))
    }

    // MARK: - Text

    /// `key:` at column 0 followed by a space or the end of the line: the key.
    static func topLevelKey(_ line: Substring) -> String? {
        guard let first = line.first, first.isLetter || first == "_" else { return nil }
        var end = line.startIndex
        while end < line.endIndex, line[end].isLetter || line[end].isNumber || "_-.".contains(line[end]) { end = line.index(after: end) }
        guard end < line.endIndex, line[end] == ":" else { return nil }
        let after = line.index(after: end)
        guard after == line.endIndex || line[after] == " " || line[after] == "\t" else { return nil }
        return String(line[..<end])
    }

    static func isBlankOrComment(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.first == "#"
    }

    /// `"text"` when it needs no escape, else `'text'` (a `'` doubled), else escaped.
    static func quoted(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { return escaped(text) }
        if !text.contains("\"") && !text.contains("\\") { return "\"\(text)\"" }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A double-quoted scalar with every special character escaped: always valid YAML. (Not a JSON
    /// string: YAML also refuses a raw DEL and the C1 controls, which JSON leaves as they are.)
    static func escaped(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `key: |-` (lines kept) or `key: >-` (lines folded, when all of them were indented, as YAML
    /// folds a plain scalar), with the lines indented by two spaces.
    static func block(head: String, first: String, continuation: [String]) -> [String] {
        let nonBlank = continuation.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        let folded = nonBlank.allSatisfy { $0.first == " " || $0.first == "\t" }
        let indent = folded ? nonBlank.map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0 : 0
        var body: [String] = first.isEmpty ? [] : [first]
        body += continuation.map { line in line.allSatisfy { $0 == " " || $0 == "\t" } ? "" : String(line.dropFirst(indent)) }
        while body.first == "" { body.removeFirst() }
        // A first line that starts with a space needs the indentation said explicitly.
        let indicator = body.first?.first == " " || body.first?.first == "\t" ? "2" : ""
        return ["\(head) \(folded ? ">" : "|")\(indicator)-"] + body.map { $0.isEmpty ? "" : "  " + $0 }
    }

    static func shortened(_ text: String, to limit: Int = 72) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…" + (text.last.map { $0 == "\"" || $0 == "'" ? String($0) : "" } ?? "")
    }
}
