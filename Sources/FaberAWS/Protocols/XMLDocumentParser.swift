/// A small, strict-enough XML parser for AWS responses: elements, attributes, text,
/// CDATA, comments, processing instructions and the predefined and numeric entities.
/// No DTDs (AWS never sends them; a `<!DOCTYPE` is skipped, never expanded).
struct XMLDocumentParser {
    struct Error: Swift.Error, Sendable, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "malformed XML at byte \(offset): \(message)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws -> XMLElement {
        skipMisc()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { throw error("expected a root element") }
        let root = try parseElement(depth: 0)
        skipMisc()
        guard index == bytes.count else { throw error("unexpected content after the root element") }
        return root
    }

    private func error(_ message: String) -> Error { Error(message: message, offset: index) }

    private func peek(_ literal: String) -> Bool {
        let utf8 = literal.utf8
        guard index + utf8.count <= bytes.count else { return false }
        var i = index
        for b in utf8 {
            if bytes[i] != b { return false }
            i += 1
        }
        return true
    }

    private mutating func skip(past literal: String) throws {
        let first = literal.utf8.first!
        while index < bytes.count {
            if bytes[index] == first, peek(literal) {
                index += literal.utf8.count
                return
            }
            index += 1
        }
        throw error("expected '\(literal)'")
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Whitespace, comments, processing instructions and a doctype between top-level items.
    private mutating func skipMisc() {
        while true {
            skipSpace()
            if peek("<?") {
                _ = try? skip(past: "?>")
                continue
            }
            if peek("<!--") {
                _ = try? skip(past: "-->")
                continue
            }
            if peek("<!DOCTYPE") {
                _ = try? skip(past: ">")
                continue
            }
            if index < bytes.count, bytes[index] == 0xEF, peek("\u{FEFF}") {
                index += 3
                continue
            }
            return
        }
    }

    private mutating func parseName() throws -> String {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if Self.isSpace(b) || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") { break }
            index += 1
        }
        guard index > start else { throw error("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private mutating func parseElement(depth: Int) throws -> XMLElement {
        guard depth < 256 else { throw error("elements nested too deeply") }
        index += 1  // '<'
        let qualifiedName = try parseName()
        var element = XMLElement(name: Self.localName(qualifiedName))
        // Attributes.
        while true {
            skipSpace()
            guard index < bytes.count else { throw error("unterminated start tag <\(qualifiedName)>") }
            if bytes[index] == UInt8(ascii: "/") {
                guard peek("/>") else { throw error("expected '/>'") }
                index += 2
                return element
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            let attribute = try parseName()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw error("expected '=' after \(attribute)") }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw error("expected a quoted attribute value")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw error("unterminated attribute value") }
            element.attributes[attribute] = try decodeEntities(bytes[start..<index])
            index += 1
        }
        // Content.
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("missing </\(qualifiedName)>") }
            let b = bytes[index]
            if b != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                text.append(contentsOf: Array(try decodeEntities(bytes[start..<index]).utf8))
                continue
            }
            if peek("</") {
                index += 2
                let closing = try parseName()
                guard closing == qualifiedName else { throw error("</\(closing)> closes <\(qualifiedName)>") }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw error("expected '>'") }
                index += 1
                break
            }
            if peek("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text.append(contentsOf: bytes[start..<(index - 3)])
                continue
            }
            if peek("<!--") {
                try skip(past: "-->")
                continue
            }
            if peek("<?") {
                try skip(past: "?>")
                continue
            }
            element.children.append(try parseElement(depth: depth + 1))
        }
        let decoded = String(decoding: text, as: UTF8.self)
        element.text = element.children.isEmpty ? decoded : decoded.trimmingWhitespace()
        return element
    }

    private func decodeEntities(_ slice: ArraySlice<UInt8>) throws -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var i = slice.startIndex
        var run = i
        func flush(_ end: Int) {
            if end > run { out.append(contentsOf: String(decoding: slice[run..<end], as: UTF8.self).unicodeScalars) }
        }
        while i < slice.endIndex {
            guard slice[i] == UInt8(ascii: "&") else {
                i += 1
                continue
            }
            flush(i)
            guard let semicolon = slice[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                throw Error(message: "unterminated entity", offset: i)
            }
            let entity = String(decoding: slice[(i + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": out.append("<")
            case "gt": out.append(">")
            case "amp": out.append("&")
            case "quot": out.append("\"")
            case "apos": out.append("'")
            default:
                var code: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    code = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    code = UInt32(entity.dropFirst())
                }
                guard let code, let scalar = Unicode.Scalar(code) else {
                    throw Error(message: "unknown entity &\(entity);", offset: i)
                }
                out.append(scalar)
            }
            i = semicolon + 1
            run = i
        }
        flush(slice.endIndex)
        return String(out)
    }
}
