/// Percent-encoding the way AWS wants it on the wire (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay as
/// they are), for rest-json / rest-xml path segments, query strings and query-protocol forms.
public enum AWSPath {
    /// One path segment (a `/` inside it is encoded too): `AWSPath.encode("my fn")` -> `my%20fn`.
    public static func encode(_ segment: String) -> String {
        percentEncode(segment, keepSlash: false)
    }

    /// A whole path whose `/` separate segments (S3 keys): every other reserved byte is encoded.
    public static func encodePath(_ path: String) -> String {
        percentEncode(path, keepSlash: true)
    }

    /// `a=1&b=x%20y`, pairs kept in the given order (the signer sorts for the canonical form).
    public static func queryString(_ pairs: [(String, String)]) -> String {
        pairs.map { percentEncode($0.0, keepSlash: false) + "=" + percentEncode($0.1, keepSlash: false) }.joined(separator: "&")
    }

    static func percentEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return out
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
}
