import FaberCore

extension SpecBuilder {
    /// Claude Code's tool permissions under the first of `keys` present: a list, or one string
    /// of names separated by commas (or, without commas, by spaces), where a pattern such as
    /// `Bash(git add:*)` is one name. Kept as written; never checked as handler namespaces.
    mutating func claudeCodeTools(_ keys: [String], in map: YAMLNode?) -> [Located<String>] {
        guard let key = keys.first(where: { map?[$0] != nil }), let node = map?[key], !Self.isNull(node) else { return [] }
        if let text = node.scalarText { return Self.splitTools(text, at: node.location) }
        guard let items = node.sequenceItems else {
            report(.error("'\(key)' must be a list of tool names, such as [Read, Grep, \"Bash(git:*)\"]", at: node.location))
            return []
        }
        return items.flatMap { item -> [Located<String>] in
            guard let text = item.scalarText else {
                report(.error("'\(key)' must be a list of tool names", at: item.location))
                return []
            }
            return Self.splitTools(text, at: item.location)
        }
    }

    /// `Read, Bash(git add:*), Grep` -> the three names, each at its column (when on one line).
    static func splitTools(_ text: String, at location: SourceLocation) -> [Located<String>] {
        let separators: Set<Character> = text.contains(",") ? [","] : [" ", "\t", "\n"]
        var result: [Located<String>] = []
        var depth = 0
        var current = ""
        var start = 0
        for (offset, character) in text.enumerated() {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            if depth == 0, separators.contains(character) {
                append(current, from: start)
                current = ""
                start = offset + 1
            } else {
                current.append(character)
            }
        }
        append(current, from: start)
        return result

        func append(_ piece: String, from offset: Int) {
            let leading = piece.prefix { $0 == " " || $0 == "\t" || $0 == "\n" }.count
            let name = piece.trimmingWhitespace()
            guard !name.isEmpty else { return }
            let column = text.contains("\n") ? location.column : location.column + offset + leading
            result.append(Located(name, at: SourceLocation(path: location.path, line: location.line, column: column)))
        }
    }

    /// What Claude Code shows for a prompt without `description`: the first line of its body that
    /// holds text, without a heading's `#`s.
    static func firstLine(of body: String) -> String? {
        for line in body.split(separator: "\n", omittingEmptySubsequences: true) {
            let text = String(line.drop { $0 == "#" || $0 == " " }).trimmingWhitespace()
            if !text.isEmpty { return text }
        }
        return nil
    }
}
