/// Text that may hold secrets, made safe to print: every value given to a key whose name says it
/// is secret (`*secret*`, `*token*`, `*password*`, `*passwd*`, `*key*`, any case) is shown as
/// `***`, whatever its length: `aws_secret_access_key=CPSECRET999`, `--password=hunter2`,
/// `"SessionToken": "x"`, `api-key: abc`.
public enum SecretText {
    nonisolated(unsafe) private static let keyed = try! Regex(
        #"(?i)([A-Za-z0-9_.-]*(?:secret|token|password|passwd|key)[A-Za-z0-9_.-]*["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)"#)

    public static func masked(_ text: String) -> String {
        text.replacing(keyed) { match in
            let key = match.output[1].substring ?? ""
            let value = match.output[2].substring ?? ""
            let quote = value.first == "\"" ? "\"" : value.first == "'" ? "'" : ""
            return key + quote + "***" + quote
        }
    }
}

extension String {
    /// The text with control characters (other than newline and tab) shown as escapes (`\x1b`,
    /// `\x01`, `\u{9b}`), so that a message quoting user input cannot put live terminal escape
    /// codes on the screen or hide characters.
    public var escapingControlCharacters: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            case 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
