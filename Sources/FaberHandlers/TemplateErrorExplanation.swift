import Foundation
import Mustache

/// One parse error of swift-mustache (`MustacheTemplate.Error`, or the parser running out of
/// text in the middle of a tag) said in words, with the best location: the tag at fault rather
/// than where the parser stopped (which, for a tag left open on the last line, is a line after it).
struct TemplateErrorExplanation {
    var message: String
    var hint: String?
    var line: Int
    var column: Int

    init(source: String, error: any Error, line errorLine: Int, column errorColumn: Int) {
        let chars = Array(source)
        let tags = MustacheTag.scan(source)
        // Where the parser stopped, as an offset; then the tag it was reading.
        var lineStarts = [0]
        for (i, c) in chars.enumerated() where c.isNewline { lineStarts.append(i + 1) }
        let stop = min(chars.count, lineStarts[min(max(errorLine, 1), lineStarts.count) - 1] + max(errorColumn, 1) - 1)
        let current = tags.last { $0.start <= stop }
        // The location where the parser stopped, moved back onto the last line when it is past it.
        let lastLine = chars.last?.isNewline == true ? max(1, lineStarts.count - 1) : lineStarts.count
        if errorLine > lastLine {
            line = lastLine
            column = chars[lineStarts[lastLine - 1]...].prefix { !$0.isNewline }.count + 1
        } else {
            (line, column) = (max(errorLine, 1), max(errorColumn, 1))
        }
        message = "the template does not parse: \(error)"

        func at(_ tag: MustacheTag) { (line, column) = (tag.line, tag.column) }

        guard let error = error as? MustacheTemplate.Error else {
            // swift-mustache's internal Parser.Error.overflow: the text ended in the middle of a tag.
            if let current {
                at(current)
                message = Self.malformed(current)
            } else {
                message = "the template ends in the middle of a tag; close every tag with }}"
            }
            return
        }
        switch error {
        case .sectionCloseNameIncorrect:
            let closing = current?.sigil == "/" ? current : nil
            let open = closing.map { closing in Self.openSections(tags.filter { $0.start < closing.start }).last } ?? nil
            if let closing { at(closing) }
            switch (closing, open) {
            case (let closing?, let open?):
                message =
                    "\(closing.text) does not close the \(open.sectionKind) opened with \(open.text) at line \(open.line); "
                    + "close it with \(open.closingTag) first (sections close in the reverse order they open), or fix the name"
            case (let closing?, nil):
                message =
                    "\(closing.text) closes a section that is not open; remove it, or open the section before it with "
                    + "\(closing.open)#\(closing.content)\(closing.close)"
            default:
                message = "a closing tag does not match the section it closes; close each {{#name}} with {{/name}}, innermost first"
            }
        case .expectedSectionEnd:
            if let open = Self.openSections(tags).last {
                at(open)
                message = "\(open.sectionKind) opened with \(open.text) is not closed; add \(open.closingTag) where it should end"
            } else {
                message = "a section is not closed; add {{/name}} for each {{#name}} and {{^name}}"
            }
        case .unfinishedName:
            if let current {
                at(current)
                message = Self.malformed(current)
            } else {
                message = "a tag is not closed or its name has characters a name cannot have; write {{name}}"
            }
        case .invalidSetDelimiter:
            if let current { at(current) }
            message =
                "\(current?.text ?? "a set-delimiter tag") does not set delimiters; write {{=<% %>=}}: "
                + "the new opening and closing delimiters, separated by a space, between equals signs"
        case .transformAppliedToInheritanceSection:
            if let current { at(current) }
            message = "block \(current?.text ?? "{{$name}}") applies a transform, which blocks cannot; use a plain name such as {{$name}}"
        case .illegalTokenInsideInheritSection:
            let (offender, parent) = Self.firstTagDirectlyInsideParent(tags, before: stop)
            if let offender { at(offender) }
            message =
                "\(offender?.text ?? "a tag") cannot stand directly inside \(parent?.text ?? "a {{<parent}} section"): "
                + "only block overrides ({{$name}}...{{/name}}) and text may; move it into a block"
        case .textInsideInheritSection:
            message = "text cannot stand directly inside a {{<parent}} section; move it into a block override {{$name}}...{{/name}}"
        case .invalidConfigVariableSyntax:
            if let current { at(current) }
            message = "\(current?.text ?? "a pragma") is not a valid pragma; write {{% CONTENT_TYPE: TEXT}} (a name, a colon, a value)"
        case .unrecognisedConfigVariable:
            if let current { at(current) }
            if let current, current.content.hasPrefix("CONTENT_TYPE") {
                message =
                    "\(current.text) names an unknown content type; use TEXT (what faber renders by default) "
                    + "or HTML (to escape variables for HTML)"
            } else {
                message =
                    "\(current?.text ?? "a pragma") is not a known pragma; the only one is {{% CONTENT_TYPE: TEXT}} "
                    + "(or HTML, to escape variables for HTML)"
            }
        }
    }

    /// The section tags still open after `tags` (innermost last).
    static func openSections(_ tags: [MustacheTag]) -> [MustacheTag] {
        var stack: [MustacheTag] = []
        for tag in tags {
            if tag.opensSection { stack.append(tag) } else if tag.sigil == "/", stack.last?.content == tag.content { stack.removeLast() }
        }
        return stack
    }

    /// The first tag that makes a token directly inside a `{{<parent}}` section (where only
    /// `{{$block}}` overrides, comments and delimiter changes may stand), and that parent.
    static func firstTagDirectlyInsideParent(_ tags: [MustacheTag], before stop: Int) -> (MustacheTag?, MustacheTag?) {
        var stack: [MustacheTag] = []
        for tag in tags where tag.start < stop {
            if let top = stack.last, top.sigil == "<", !["$", "/", "!", "="].contains(tag.sigil ?? " ") { return (tag, top) }
            if tag.opensSection { stack.append(tag) } else if tag.sigil == "/", stack.last?.content == tag.content { stack.removeLast() }
        }
        return (nil, nil)
    }

    /// What is wrong with a tag the parser could not read.
    static func malformed(_ tag: MustacheTag) -> String {
        guard tag.isClosed else {
            return tag.sigil == "!"
                ? "comment \(tag.text) is not closed; end it with \(tag.close)"
                : "tag \(tag.text) is not closed; end it with \(tag.close)"
        }
        if tag.sigil == "{", !tag.isComplete {
            return "\(tag.text) lacks its third closing brace; write \(tag.open){\(tag.content)}\(tag.close)"
        }
        if tag.content.contains(where: \.isNewline) {
            let firstLine = tag.content.prefix { !$0.isNewline }.trimmingCharacters(in: .whitespaces)
            return
                "tag \(tag.text) is not closed on its line; end it with \(tag.close) (as \(tag.open)\(tag.sigil.map(String.init) ?? "")\(firstLine)\(tag.close))"
        }
        if tag.content.contains("(") || tag.content.contains(")") {
            return "\(tag.text) is not a valid transform; write it as \(tag.open)transform(name)\(tag.close), with one ')' for each '('"
        }
        let allowed = tag.sigil == ">" || tag.sigil == "<" ? "letters, digits and . _ - ? * /" : "letters, digits and . _ - ? *"
        return "\(tag.text) is not a valid tag: a name may contain only \(allowed), without spaces"
    }
}
