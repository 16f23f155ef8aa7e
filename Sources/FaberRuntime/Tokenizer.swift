import FaberCore

/// Splits a command line the way a shell would: whitespace separates words,
/// single and double quotes group, backslash escapes the next character.
public enum Tokenizer {
    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\\":
                escaped = true
                inWord = true
            case "'", "\"":
                quote = ch
                inWord = true
            case _ where ch.isWhitespace:
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(ch)
                inWord = true
            }
        }
        if let quote { throw FaberError.usage("unterminated \(quote) quote in: \(line)") }
        if inWord || escaped { words.append(current) }
        return words
    }
}
