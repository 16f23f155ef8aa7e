/// JSON reading and writing for `Value`, keeping object key order.
extension Value {
    public struct JSONError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses one JSON document.
    public static func parseJSON(_ text: String) throws -> Value {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    public static func parseJSON(bytes: [UInt8]) throws -> Value {
        try parseJSON(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses one JSON document as `parseJSON` does (same errors), keeping where each value and
    /// object key starts: for messages that point into a file (`faber check` of config files).
    public static func parseLocatedJSON(bytes: [UInt8]) throws -> LocatedJSONValue {
        var parser = JSONParser(bytes: Array(String(decoding: bytes, as: UTF8.self).utf8))
        parser.startLocating()
        parser.skipWhitespace()
        _ = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return parser.located[0]
    }

    /// Compact or pretty (2-space indent) JSON text.
    public func jsonString(pretty: Bool = false) -> String {
        var out = ""
        writeJSON(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func writeJSON(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += Value.formatNumber(d)
        case .string(let s): Value.writeJSONString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.writeJSON(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let dict):
            if dict.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (n, (key, item)) in dict.enumerated() {
                if n > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                Value.writeJSONString(key, into: &out)
                out += pretty ? ": " : ":"
                item.writeJSON(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// A JSON value with the place (1-based line, column in bytes) where it starts, and where each
/// object key starts. See `Value.parseLocatedJSON(bytes:)`.
public struct LocatedJSONValue: Sendable {
    public struct Member: Sendable {
        public var key: String
        public var keyLine: Int
        public var keyColumn: Int
        public var value: LocatedJSONValue
    }

    public var value: Value
    public var line: Int
    public var column: Int
    /// An object's members in document order (a key appears once: repeats are parse errors).
    public var members: [Member]
    /// A list's items.
    public var items: [LocatedJSONValue]

    /// The member called `key` (the last one when repeated, the one `value` keeps).
    public func member(_ key: String) -> Member? { members.last { $0.key == key } }

    public subscript(key: String) -> LocatedJSONValue? { member(key)?.value }
}

private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    /// When locating: the offset where each line starts, the values finished and not yet taken by
    /// their container, and the keys (with their offsets) of the objects being read.
    private var lineStarts: [Int]?
    private(set) var located: [LocatedJSONValue] = []
    private var keys: [(String, Int)] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func startLocating() {
        lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }

    /// Line and column (1-based, columns in bytes, as `error` counts them) of `offset`.
    private func position(_ offset: Int, lineStarts: [Int]) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    func error(_ message: String) -> Value.JSONError {
        var line = 1
        var column = 1
        for b in bytes[..<min(index, bytes.count)] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return Value.JSONError(message: message, line: line, column: column)
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func parseValue(depth: Int) throws -> Value {
        guard let lineStarts else { return try parseBareValue(depth: depth) }
        let (start, childBase, keyBase) = (index, located.count, keys.count)
        let value = try parseBareValue(depth: depth)
        let children = Array(located[childBase...])
        let childKeys = Array(keys[keyBase...])  // an Array, not a slice: a slice kept alive would make removeSubrange copy all keys (quadratic)
        located.removeSubrange(childBase...)
        keys.removeSubrange(keyBase...)
        let (line, column) = position(start, lineStarts: lineStarts)
        var node = LocatedJSONValue(value: value, line: line, column: column, members: [], items: [])
        if case .object = value {
            node.members = zip(childKeys, children).map { key, child in
                let (keyLine, keyColumn) = position(key.1, lineStarts: lineStarts)
                return LocatedJSONValue.Member(key: key.0, keyLine: keyLine, keyColumn: keyColumn, value: child)
            }
        } else {
            node.items = children
        }
        located.append(node)
        return value
    }

    private mutating func parseBareValue(depth: Int) throws -> Value {
        guard depth < 512 else { throw error("JSON nested too deeply") }
        guard index < bytes.count else { throw error("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var dict = OrderedDictionary<String, Value>()
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(dict)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyStart = index
                let key = try parseString()
                if dict[key] != nil {  // last-wins would silently drop a setting
                    index = keyStart
                    throw error("duplicate key \"\(key)\" in an object; each key may appear once")
                }
                if lineStarts != nil { keys.append((key, keyStart)) }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
                index += 1
                skipWhitespace()
                dict[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of JSON in object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(dict)
                }
                throw error("expected ',' or '}' in object")
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [Value] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of JSON in list") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                throw error("expected ',' or ']' in list")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            return try parseNumber()
        }
    }

    mutating func literal(_ word: String, _ value: Value) throws -> Value {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error("unexpected character")
        }
        index += w.count
        return value
    }

    mutating func parseNumber() throws -> Value {
        let start = index
        var isInteger = true
        while index < bytes.count {
            let b = bytes[index]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                index += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                isInteger = false
                index += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if text.isEmpty { throw error("unexpected character") }
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("invalid number '\(text)'") }
        return .double(d)
    }

    mutating func parseString() throws -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var run = index
        func flushRun(_ upTo: Int) {
            if upTo > run { scalars.append(contentsOf: String(decoding: bytes[run..<upTo], as: UTF8.self).unicodeScalars) }
        }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                flushRun(index)
                index += 1
                return String(scalars)
            }
            if b == UInt8(ascii: "\\") {
                flushRun(index)
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
                        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {  // a high surrogate without its low half: a replacement character, then the other escape
                            scalars.append("\u{FFFD}")
                            code = low
                        }
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(e))
                default:
                    index -= 2
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
                run = index
                continue
            }
            if b < 0x20 {
                throw error(
                    "a control character (U+00\(b < 0x10 ? "0" : "")\(String(b, radix: 16, uppercase: true))) in a string; write it as an escape such as \\n or \\t"
                )
            }
            index += 1
        }
        throw error("unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw error("invalid \\u escape")
        }
        index += 4
        return v
    }
}
