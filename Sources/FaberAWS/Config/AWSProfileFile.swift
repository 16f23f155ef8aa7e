import FaberCore
import Foundation

/// One of the AWS shared files, `~/.aws/credentials` or `~/.aws/config`, parsed the way the AWS CLI
/// reads them: `[section]` headers, `key = value` lines, full-line comments starting with `#` or `;`,
/// inline comments after whitespace + `#`/`;`. Nested sub-sections (`s3 =` followed by indented
/// `key = value` lines) are skipped. In the config file, profiles are `[profile name]` (and `[default]`);
/// in the credentials file they are `[name]`.
public struct AWSProfileFile: Sendable {
    public enum Kind: Sendable { case credentials, config }

    public var kind: Kind
    /// The file read (for messages), or nil for a file that does not exist.
    public var path: String?
    /// Profile name -> settings (keys lowercased). Other section types (`sso-session`, `services`) are left out.
    public var profiles: [String: [String: String]]

    public init(kind: Kind, path: String? = nil, profiles: [String: [String: String]] = [:]) {
        self.kind = kind
        self.path = path
        self.profiles = profiles
    }

    /// Reads `path`; a missing file gives an empty one.
    public static func load(_ path: String, kind: Kind) -> AWSProfileFile {
        guard let data = FileManager.default.contents(atPath: path) else { return AWSProfileFile(kind: kind) }
        return parse(String(decoding: data, as: UTF8.self), kind: kind, path: path)
    }

    public static func parse(_ text: String, kind: Kind, path: String? = nil) -> AWSProfileFile {
        var profiles: [String: [String: String]] = [:]
        var current: String?  // profile being filled, nil inside a section that is not a profile
        var inSubsection = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                inSubsection = false
                current = profileName(section: trimmed, kind: kind)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            let indented = line.first == " " || line.first == "\t"
            if indented, inSubsection { continue }
            guard let current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = String(trimmed[..<equals]).trimmingWhitespace().lowercased()
            let value = stripInlineComment(String(trimmed[trimmed.index(after: equals)...])).trimmingWhitespace()
            if value.isEmpty, !indented {
                inSubsection = true  // `s3 =` opens a nested block of indented lines
                continue
            }
            inSubsection = false
            profiles[current]?[key] = value
        }
        return AWSProfileFile(kind: kind, path: path, profiles: profiles)
    }

    /// `[default]`, `[profile x]` (config), `[x]` (credentials); nil for other section types.
    static func profileName(section: String, kind: Kind) -> String? {
        guard let close = section.lastIndex(of: "]") else { return nil }
        let inner = String(section[section.index(after: section.startIndex)..<close]).trimmingWhitespace()
        switch kind {
        case .credentials:
            return inner.isEmpty ? nil : inner
        case .config:
            if inner == "default" { return "default" }
            let words = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2, words[0] == "profile" else { return nil }
            return String(words[1])
        }
    }

    /// `value ; comment` and `value # comment` lose the comment (a `#` inside a value, as in a URL
    /// fragment without whitespace before it, stays).
    static func stripInlineComment(_ value: String) -> String {
        var previous: Character = " "
        for index in value.indices {
            let ch = value[index]
            if ch == "#" || ch == ";", previous == " " || previous == "\t" {
                return String(value[..<index])
            }
            previous = ch
        }
        return value
    }
}
