/// A log message as tokens, its variable parts masked as `<*>` (docs/log-patterns.md, section 2).
///
/// Tokens are split on whitespace and after `|` (and, in JSON-like text, after a `,` between
/// fields); punctuation stays attached. A token with a digit is masked,
/// keeping its brackets and trailing punctuation (`[1]` -> `[<*>]`, `1).` -> `<*>).`), the key of a
/// `key=value`/`key:value` token (`uid=0` -> `uid=<*>`) and the name before a bracketed number
/// (`sshd[1234]:` -> `sshd[<*>]:`). Hex strings of 8 or more characters and email addresses are
/// masked too. A quoted span (`'...'`, `"..."`, spaces allowed) is one masked token, except a
/// JSON-style key (`"level":`), the value of a message-like key (`msg="..."`, `"message": "..."`)
/// and the quoted message of a klog line (`go:107] "Probe failed"`), whose words are tokens like
/// any other; a quoted HTTP request line keeps its method (`"GET <*>"`).
enum LogTokenizer {
    static let wildcard = "<*>"

    /// Keys whose quoted value is the message text (or its level), not a variable: compared
    /// lowercased without `_` and `-`.
    static let messageKeys: Set<String> = [
        "msg", "message", "level", "severity", "levelname", "lvl", "loglevel", "event", "error", "err", "errormessage",
        "errortype", "exception",
    ]

    static func tokens(_ message: String) -> [String] {
        var bytes = Array(message.utf8)
        while let last = bytes.last, last == .newline || last == .carriageReturn { bytes.removeLast() }
        return Scanner(bytes).tokens()
    }

    /// A quoted span: the offsets of its quotes, and whether it is masked as a whole.
    private struct Span {
        var open: Int
        var close: Int
        var masked: Bool
        /// What a masked span becomes: `<*>`, or for an HTTP request line its method kept (`"GET <*>"`).
        var replacement: [UInt8] = LogTokenizer.wildcardBytes
    }

    static let httpMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"]

    private struct Scanner {
        let bytes: [UInt8]
        /// `{"` or `{'` somewhere: fields joined by commas without spaces are tokens of their own.
        let jsonLike: Bool

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var json = false
            for index in bytes.indices.dropLast() where bytes[index] == .openBrace && (bytes[index + 1] == .quote || bytes[index + 1] == .apostrophe) {
                json = true
                break
            }
            jsonLike = json
        }

        func tokens() -> [String] {
            let spans = quotedSpans()
            var result: [String] = []
            var token: [UInt8] = []
            var spanIndex = 0
            var index = 0
            // The closing quote of the kept span the scan is in, if any: its commas are text.
            var keptClose = -1
            func flush() {
                if !token.isEmpty { result.append(LogTokenizer.mask(token)) }
                token.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                if spanIndex < spans.count, spans[spanIndex].open == index {
                    let span = spans[spanIndex]
                    spanIndex += 1
                    if span.masked {
                        token.append(contentsOf: span.replacement)
                        index = span.close + 1
                        continue
                    }
                    keptClose = span.close
                }
                let byte = bytes[index]
                if byte.isWhitespace {
                    flush()
                } else {
                    token.append(byte)
                    if byte == .pipe, index + 1 == bytes.count || bytes[index + 1] != .pipe {
                        flush()
                    } else if jsonLike, byte == .comma, index > keptClose, index + 1 < bytes.count, !bytes[index + 1].isWhitespace {
                        flush()
                    }
                }
                index += 1
            }
            flush()
            return result
        }

        /// The quoted spans, left to right, not overlapping. A quote opens a span at the start of a
        /// token or after `=`, `:`, `(`, `[`, `{`, `,` or `<`, and the same quote closes it before
        /// whitespace, punctuation or the end; backslash-escaped quotes are skipped. Once a quote has
        /// no closing one up to the end, no later one has: the scan stays linear.
        private func quotedSpans() -> [Span] {
            var spans: [Span] = []
            var unclosed: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let quote = bytes[index]
                guard quote == .quote || quote == .apostrophe, !unclosed.contains(quote), index == 0 || bytes[index - 1].opensQuote else {
                    index += 1
                    continue
                }
                guard let close = closingQuote(quote, after: index) else {
                    unclosed.append(quote)
                    index += 1
                    continue
                }
                var span = Span(open: index, close: close, masked: !keeps(open: index, close: close))
                if span.masked, let method = httpMethod(open: index, close: close) {
                    span.replacement = [quote] + method + [.space] + LogTokenizer.wildcardBytes + [quote]
                }
                spans.append(span)
                index = close + 1
            }
            return spans
        }

        private func closingQuote(_ quote: UInt8, after open: Int) -> Int? {
            var index = open + 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == .backslash {
                    index += 2
                    continue
                }
                if byte == quote, index + 1 == bytes.count || bytes[index + 1].closesQuote { return index }
                index += 1
            }
            return nil
        }

        /// The method of a quoted HTTP request line (`"GET /orders/12 HTTP/1.1"`).
        private func httpMethod(open: Int, close: Int) -> [UInt8]? {
            guard let space = bytes[(open + 1)..<close].firstIndex(of: .space), space - open - 1 <= 7 else { return nil }
            let method = Array(bytes[(open + 1)..<space])
            return LogTokenizer.httpMethods.contains(String(decoding: method, as: UTF8.self)) ? method : nil
        }

        /// A key (`"level":`) or the value of a message-like key stays text.
        private func keeps(open: Int, close: Int) -> Bool {
            let text = bytes[(open + 1)..<close]
            let isKey = close + 1 < bytes.count && bytes[close + 1] == .colon && text.count <= 64 && !text.contains(where: \.isWhitespace)
            if isKey { return true }
            if let key = key(before: open) { return LogTokenizer.messageKeys.contains(key) }
            // The message of a klog line, `file.go:12] "Probe failed" key=value`: a sentence in quotes
            // (words, no digits, no paths) first in the line or after a `]`.
            guard open == 0 || bytes[open - 1].isWhitespace else { return false }
            var before = open - 1
            while before >= 0, bytes[before].isWhitespace { before -= 1 }
            guard before < 0 || bytes[before] == UInt8(ascii: "]") else { return false }
            return text.contains(.space) && text.allSatisfy { $0.isLetter || $0.isSentencePunctuation }
        }

        /// The key a value at `open` belongs to: `key=`, `key:`, `"key":` or `"key": ` right before it,
        /// lowercased without `_` and `-`.
        private func key(before open: Int) -> String? {
            var index = open - 1
            while index >= 0, bytes[index] == .space { index -= 1 }
            guard index >= 0, bytes[index] == .equals || bytes[index] == .colon else { return nil }
            index -= 1
            if index >= 0, bytes[index] == .quote || bytes[index] == .apostrophe { index -= 1 }
            var key: [UInt8] = []
            while index >= 0, bytes[index].isLetterOrDigit || bytes[index] == .underscore || bytes[index] == .hyphen {
                if bytes[index] != .underscore, bytes[index] != .hyphen { key.append(bytes[index].lowercased) }
                index -= 1
            }
            guard !key.isEmpty else { return nil }
            return String(decoding: key.reversed(), as: UTF8.self)
        }
    }

    static let wildcardBytes = Array(wildcard.utf8)

    /// One token with its variable part masked.
    static func mask(_ token: [UInt8]) -> String {
        if token == wildcardBytes { return wildcard }
        var start = 0
        var end = token.count
        while start < end, token[start].isOpeningPunctuation { start += 1 }
        while end > start, token[end - 1].isClosingPunctuation { end -= 1 }
        guard start < end else { return String(decoding: token, as: UTF8.self) }
        let core = token[start..<end]
        guard core.contains(where: \.isDigit) else {
            if isHex(core) || isEmail(core) { return masked(token, keeping: start, end) }
            return String(decoding: token, as: UTF8.self)
        }
        if let separator = keySeparator(token, start: start, end: end) { return masked(token, keeping: separator + 1, end) }
        if let bracket = nameBracket(core) {
            var result = Array(token[..<(bracket + 1)])
            result.append(contentsOf: wildcardBytes)
            // The closing bracket is among the trailing punctuation when the token has one.
            result.append(contentsOf: token[end...])
            return String(decoding: result, as: UTF8.self)
        }
        return masked(token, keeping: start, end)
    }

    /// The token with `token[prefix..<suffix]` replaced by `<*>`.
    private static func masked(_ token: [UInt8], keeping prefix: Int, _ suffix: Int) -> String {
        var result = Array(token[..<prefix])
        result.append(contentsOf: wildcardBytes)
        result.append(contentsOf: token[suffix...])
        return String(decoding: result, as: UTF8.self)
    }

    /// The offset of the `=` or `:` of a `key=value` token whose key has no digit (`uid=0`,
    /// `(uid=0)`, `"ms":45}`, `CurrentState:112`); a `host:port`, a URL or an IPv6 address is no key.
    private static func keySeparator(_ token: [UInt8], start: Int, end: Int) -> Int? {
        guard let separator = token[start..<end].firstIndex(where: { $0 == .equals || $0 == .colon }), separator + 1 < end else { return nil }
        var keyStart = start
        var keyEnd = separator
        if token[keyStart] == .quote || token[keyStart] == .apostrophe { keyStart += 1 }
        if keyEnd > keyStart, token[keyEnd - 1] == .quote || token[keyEnd - 1] == .apostrophe { keyEnd -= 1 }
        guard keyStart < keyEnd, token[keyStart].isLetter || token[keyStart] == .underscore else { return nil }
        let colon = token[separator] == .colon
        for byte in token[keyStart..<keyEnd] {
            guard byte.isLetter || byte == .underscore || byte == .hyphen || (byte == .dot && !colon) else { return nil }
        }
        if colon, token[separator + 1] == .slash || token[separator + 1] == .colon { return nil }
        return separator
    }

    /// The offset (in `core`'s indices) of the bracket after a name without digits, before the first
    /// digit: `sshd[1234`, `Bar.process(Bar.java:42`, `retries(3/5`.
    private static func nameBracket(_ core: ArraySlice<UInt8>) -> Int? {
        guard let digit = core.firstIndex(where: \.isDigit),
            let bracket = core[..<digit].lastIndex(where: { $0 == .openBracket || $0 == .openParenthesis }), bracket > core.startIndex
        else { return nil }
        guard !core[..<bracket].contains(where: \.isDigit) else { return nil }
        return bracket
    }

    /// 8 or more hex digits (`deadbeefcafe`), with or without `0x`.
    private static func isHex(_ core: ArraySlice<UInt8>) -> Bool {
        core.count >= 8 && core.allSatisfy(\.isHexDigit)
    }

    /// `name@domain.tld`.
    private static func isEmail(_ core: ArraySlice<UInt8>) -> Bool {
        guard let at = core.firstIndex(of: .at), at > core.startIndex, core[(at + 1)...].firstIndex(of: .at) == nil,
            let dot = core[(at + 1)...].lastIndex(of: .dot), dot > at + 1, dot + 2 < core.endIndex
        else { return false }
        return core[(dot + 1)...].allSatisfy(\.isLetter)
    }
}

extension UInt8 {
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let openParenthesis = UInt8(ascii: "(")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let equals = UInt8(ascii: "=")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let hyphen = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let at = UInt8(ascii: "@")
    fileprivate static let pipe = UInt8(ascii: "|")

    fileprivate var isWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0B || self == 0x0C }
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isLetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    fileprivate var isLetterOrDigit: Bool { isLetter || isDigit }
    fileprivate var isHexDigit: Bool { isDigit || ((self | 0x20) >= 0x61 && (self | 0x20) <= 0x66) }
    fileprivate var lowercased: UInt8 { isLetter ? self | 0x20 : self }

    /// What may come right before an opening quote.
    fileprivate var opensQuote: Bool {
        isWhitespace || self == .equals || self == .colon || self == .openParenthesis || self == .openBracket || self == .openBrace
            || self == .comma || self == UInt8(ascii: "<")
    }

    /// What may come right after a closing quote.
    fileprivate var closesQuote: Bool {
        isWhitespace || self == .comma || self == UInt8(ascii: ";") || self == .colon || self == UInt8(ascii: ")") || self == UInt8(ascii: "]")
            || self == UInt8(ascii: "}") || self == UInt8(ascii: ">") || self == .dot || self == UInt8(ascii: "!") || self == UInt8(ascii: "?")
            || self == .quote || self == .apostrophe
    }

    /// What a quoted sentence may have besides letters.
    fileprivate var isSentencePunctuation: Bool {
        self == .space || self == .comma || self == .dot || self == .colon || self == UInt8(ascii: ";") || self == UInt8(ascii: "!")
            || self == UInt8(ascii: "?") || self == .hyphen || self == .apostrophe || self == UInt8(ascii: "(") || self == UInt8(ascii: ")")
    }

    /// Brackets and stray quotes kept in front of a masked part.
    fileprivate var isOpeningPunctuation: Bool {
        self == .openParenthesis || self == .openBracket || self == .openBrace || self == UInt8(ascii: "<") || self == .quote || self == .apostrophe
    }

    /// Closing brackets and punctuation kept after a masked part.
    fileprivate var isClosingPunctuation: Bool {
        self == UInt8(ascii: ")") || self == UInt8(ascii: "]") || self == UInt8(ascii: "}") || self == UInt8(ascii: ">") || self == .dot
            || self == .comma || self == UInt8(ascii: ";") || self == .colon || self == UInt8(ascii: "!") || self == UInt8(ascii: "?") || self == .quote
            || self == .apostrophe || self == .pipe
    }
}
