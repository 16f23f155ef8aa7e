import Foundation

/// A tag as written in a Mustache template (`{{#items}}`, `{{> row}}`, `{{name}}`), with where it
/// stands. Found by scanning the text the way swift-mustache's parser reads it (including
/// delimiter changes such as `{{=<% %>=}}`), because the parser reports neither its tags nor where
/// a broken tag started: the scan lists the partials a template uses and points parse errors at
/// the tag at fault.
struct MustacheTag: Sendable, Hashable {
    /// The character after the opening delimiter that says what the tag is (`#` `^` `/` `>` `<`
    /// `$` `!` `=` `%` `&` `{`); nil for a plain variable.
    var sigil: Character?
    /// What stands between the sigil and the closing delimiter, trimmed (`items` for `{{#items}}`,
    /// `name` for `{{{name}}}`, `<% %>` for `{{=<% %>=}}`).
    var content: String
    /// The tag as written, up to the end of its first line (shortened when very long).
    var text: String
    /// Offsets in characters into the scanned text: the opening delimiter, and just after the closing one.
    var start: Int
    var end: Int
    /// 1-based line and column of the opening delimiter.
    var line: Int
    var column: Int
    /// The delimiters in force where the tag stands.
    var open: String
    var close: String
    /// False when no closing delimiter follows: the tag runs to the end of the file.
    var isClosed: Bool
    /// False for `{{{name}}` (a triple mustache without its last brace).
    var isComplete: Bool

    static let sigils: Set<Character> = ["#", "^", "/", ">", "<", "$", "!", "=", "%", "&", "{"]

    /// Sections, inverted sections, blocks and parents: the tags that need a `{{/name}}`.
    var opensSection: Bool { sigil.map { "#^$<".contains($0) } ?? false }

    /// The template a `{{> name}}` or `{{<name}}` tag names; nil for other tags and for dynamic
    /// partials (`{{>*name}}`), whose template is only known when rendering.
    var partialName: String? {
        guard sigil == ">" || sigil == "<", !content.isEmpty, !content.hasPrefix("*") else { return nil }
        return content
    }

    /// The closing tag for this section tag, with the delimiters in force: `{{/items}}`.
    var closingTag: String { "\(open)/\(content)\(close)" }

    /// What kind of section this tag opens, for messages.
    var sectionKind: String {
        switch sigil {
        case "^": "inverted section"
        case "$": "block"
        case "<": "parent"
        default: "section"
        }
    }

    /// The tags of `source` in order. Scanning stops after a tag without a closing delimiter.
    static func scan(_ source: String) -> [MustacheTag] {
        let chars = Array(source)
        var open = Array("{{")
        var close = Array("}}")
        var tags: [MustacheTag] = []
        var line = 1
        var lineStart = 0
        var counted = 0  // lines counted up to `counted`
        var position = 0
        while let start = find(open, in: chars, from: position) {
            while counted < start {
                if chars[counted].isNewline {
                    line += 1
                    lineStart = counted + 1
                }
                counted += 1
            }
            var contentStart = start + open.count
            let sigil = contentStart < chars.count && sigils.contains(chars[contentStart]) ? chars[contentStart] : nil
            if sigil != nil { contentStart += 1 }
            // `{{=<% %>=}}` ends with `=` and the closing delimiter; every other tag with the delimiter.
            let terminator = sigil == "=" ? ["="] + close : close
            let closeAt = find(terminator, in: chars, from: contentStart)
            var end = closeAt.map { $0 + terminator.count } ?? chars.count
            var complete = true
            if sigil == "{", closeAt != nil {
                if end < chars.count, chars[end] == "}" { end += 1 } else { complete = false }
            }
            let content = String(chars[contentStart..<(closeAt ?? chars.count)]).trimmingCharacters(in: .whitespacesAndNewlines)
            let firstLine = chars[start..<end].prefix { !$0.isNewline }
            let text = firstLine.count > 60 ? String(firstLine.prefix(57)) + "..." : String(firstLine)
            tags.append(
                MustacheTag(
                    sigil: sigil, content: content, text: text, start: start, end: end, line: line, column: start - lineStart + 1,
                    open: String(open), close: String(close), isClosed: closeAt != nil, isComplete: complete))
            guard closeAt != nil else { break }
            if sigil == "=" {
                let parts = content.split(whereSeparator: \.isWhitespace)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            }
            position = end
        }
        return tags
    }

    private static func find(_ needle: [Character], in chars: [Character], from start: Int) -> Int? {
        guard !needle.isEmpty, chars.count >= needle.count, start <= chars.count - needle.count else { return nil }
        var i = start
        while i <= chars.count - needle.count {
            if chars[i] == needle[0], chars[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
