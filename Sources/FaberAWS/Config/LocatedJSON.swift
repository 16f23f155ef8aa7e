/// A JSON document with the place (1-based line and column, columns counted in bytes as
/// `Value.parseJSON` counts them) of every value and object key, for messages that point at
/// `path:line:col`. Only for checking configuration files: the values themselves are read with
/// `Value.parseJSON`. `parse` returns nil for text that is not valid JSON.
struct LocatedJSON: Sendable {
    struct Member: Sendable {
        var key: String
        var keyLine: Int
        var keyColumn: Int
        var value: LocatedJSON
    }

    indirect enum Node: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        /// The number as written.
        case number(String)
        case bool(Bool)
        case null
    }

    var node: Node
    var line: Int
    var column: Int

    /// The member called `key` of an object (the last one when the key is repeated, as `Value.parseJSON` keeps).
    subscript(key: String) -> LocatedJSON? {
        member(key)?.value
    }

    func member(_ key: String) -> Member? {
        guard case .object(let members) = node else { return nil }
        return members.last { $0.key == key }
    }

    var members: [Member] {
        if case .object(let members) = node { return members }
        return []
    }

    var isObject: Bool {
        if case .object = node { return true }
        return false
    }

    /// `a number`, `text`, `a list`, ... for messages.
    var kindText: String {
        switch node {
        case .object: "an object"
        case .array: "a list"
        case .string: "text"
        case .number: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// The value as written, short, for messages (`5`, `"yes"`, `[...]`).
    var shownText: String {
        switch node {
        case .object: "{...}"
        case .array: "[...]"
        case .string(let text): "\"\(text.count > 40 ? String(text.prefix(40)) + "..." : text)\""
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    static func parse(_ bytes: [UInt8]) -> LocatedJSON? {
        var scanner = Scanner(bytes: bytes)
        var bytesToSkip = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytesToSkip = 3 }  // a UTF-8 byte order mark
        scanner.index = bytesToSkip
        guard let value = scanner.value(depth: 0) else { return nil }
        scanner.skipWhitespace()
        return scanner.index == bytes.count ? value : nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var column = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func advance() {
            if bytes[index] == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            index += 1
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
        }

        mutating func value(depth: Int) -> LocatedJSON? {
            guard depth < 512 else { return nil }
            skipWhitespace()
            guard let byte = current else { return nil }
            let (startLine, startColumn) = (line, column)
            func located(_ node: Node) -> LocatedJSON { LocatedJSON(node: node, line: startLine, column: startColumn) }
            switch byte {
            case UInt8(ascii: "{"):
                advance()
                var members: [Member] = []
                skipWhitespace()
                if current == UInt8(ascii: "}") { advance(); return located(.object(members)) }
                while true {
                    skipWhitespace()
                    let (keyLine, keyColumn) = (line, column)
                    guard current == UInt8(ascii: "\""), let key = string() else { return nil }
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { return nil }
                    advance()
                    guard let member = value(depth: depth + 1) else { return nil }
                    members.append(Member(key: key, keyLine: keyLine, keyColumn: keyColumn, value: member))
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { advance(); continue }
                    guard current == UInt8(ascii: "}") else { return nil }
                    advance()
                    return located(.object(members))
                }
            case UInt8(ascii: "["):
                advance()
                var items: [LocatedJSON] = []
                skipWhitespace()
                if current == UInt8(ascii: "]") { advance(); return located(.array(items)) }
                while true {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { advance(); continue }
                    guard current == UInt8(ascii: "]") else { return nil }
                    advance()
                    return located(.array(items))
                }
            case UInt8(ascii: "\""):
                return string().map { located(.string($0)) }
            case UInt8(ascii: "t"):
                return literal("true") ? located(.bool(true)) : nil
            case UInt8(ascii: "f"):
                return literal("false") ? located(.bool(false)) : nil
            case UInt8(ascii: "n"):
                return literal("null") ? located(.null) : nil
            default:
                let start = index
                while let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    advance()
                }
                guard index > start else { return nil }
                return located(.number(String(decoding: bytes[start..<index], as: UTF8.self)))
            }
        }

        mutating func literal(_ word: String) -> Bool {
            for expected in word.utf8 {
                guard current == expected else { return false }
                advance()
            }
            return true
        }

        /// A string starting at the current `"`; escapes decoded.
        mutating func string() -> String? {
            advance()  // the opening quote
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while let byte = current {
                advance()
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return nil }
                    advance()
                    flush()
                    switch escaped {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "u"):
                        var code: UInt32 = 0
                        for _ in 0..<4 {
                            guard let digit = current, let value = hexValue(digit) else { return nil }
                            advance()
                            code = code * 16 + value
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")  // a lone surrogate half: shown as U+FFFD
                    default: scalars.append(Unicode.Scalar(escaped))
                    }
                default:
                    raw.append(byte)
                }
            }
            return nil
        }

        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
