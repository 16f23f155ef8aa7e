/// The canonicalization rules of SigV4: path, query string and headers.
enum SigV4Canonical {
    // MARK: - Path

    /// The canonical URI. `normalize` removes `.`/`..` and empty segments (keeping a trailing slash);
    /// `encode` percent-encodes each segment with the RFC 3986 unreserved set (a second encoding of a
    /// wire path, which is what every service except S3 expects).
    static func path(_ path: String, normalize: Bool, encode: Bool) -> String {
        var result = path.isEmpty ? "/" : path
        if normalize { result = normalized(result) }
        guard encode else { return result }
        return result.split(separator: "/", omittingEmptySubsequences: false)
            .map { percentEncode(Substring($0)) }
            .joined(separator: "/")
    }

    /// RFC 3986 dot-segment removal plus collapsing of empty segments: `//a/./b/../c/` -> `/a/c/`.
    static func normalized(_ path: String) -> String {
        var kept: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part {
            case "", ".": continue
            case "..": if !kept.isEmpty { kept.removeLast() }
            default: kept.append(part)
            }
        }
        guard !kept.isEmpty else { return "/" }
        let last = parts.last ?? ""
        let trailingSlash = last.isEmpty || last == "." || last == ".."
        return "/" + kept.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    // MARK: - Query

    /// Parameters decoded, re-encoded with the unreserved set and sorted by key, then value.
    /// `+` is a literal plus (AWS does not treat it as a space).
    static func query(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(key: String, value: String)] = []
        for component in query.split(separator: "&") {
            let key: Substring
            let value: Substring
            if let equals = component.firstIndex(of: "=") {
                key = component[..<equals]
                value = component[component.index(after: equals)...]
            } else {
                key = component
                value = ""
            }
            pairs.append((percentEncode(bytes: percentDecode(key)), percentEncode(bytes: percentDecode(value))))
        }
        pairs.sort { a, b in
            a.key != b.key
                ? a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
                : a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }
        return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    // MARK: - Headers

    /// `name:value` lines (each ending in a newline) and the `;`-separated signed header names.
    /// Names are lowercased and sorted; values trimmed with inner whitespace runs (including the line
    /// breaks of folded values) collapsed to one space; repeated headers joined with `,` in order.
    static func headers(_ headers: [(name: String, value: String)]) -> (block: String, names: String) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(collapsedWhitespace(value))
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in order {
            block += name + ":" + values[name, default: []].joined(separator: ",") + "\n"
        }
        return (block, order.joined(separator: ";"))
    }

    static func collapsedWhitespace(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - Percent encoding

    /// Percent-encodes every byte outside `A-Z a-z 0-9 - . _ ~` (uppercase hex).
    static func percentEncode(_ text: Substring) -> String {
        percentEncode(bytes: text.utf8)
    }

    static func percentEncode(bytes: some Collection<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes to bytes; malformed escapes are kept literally.
    static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
