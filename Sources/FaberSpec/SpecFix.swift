import FaberCore

/// A change to a spec file that makes it portable without changing what it says: lines of the file
/// replaced by others. `faber check --fix` applies them; every other byte of the file stays as it is.
public struct SpecFix: Sendable, Hashable {
    public var path: String
    /// The 1-based lines of the whole file that are replaced, inclusive.
    public var lines: ClosedRange<Int>
    /// What replaces them, one string a line, without line breaks.
    public var replacement: [String]
    /// What the fix does, for the report: "quoted 'description'".
    public var summary: String

    public init(path: String, lines: ClosedRange<Int>, replacement: [String], summary: String) {
        self.path = path
        self.lines = lines
        self.replacement = replacement
        self.summary = summary
    }

    /// `text` with `fixes` (all of one file) applied. Fixes that overlap an earlier one are left out
    /// and returned as skipped. Line breaks are kept as the file has them (`\n` or `\r\n`).
    public static func apply(_ fixes: [SpecFix], to text: String) -> (text: String, applied: [SpecFix], skipped: [SpecFix]) {
        // Bytes, not Characters: "\r\n" is one Character, and its "\r" must stay where it is.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let crlf = lines.first?.utf8.last == UInt8(ascii: "\r")
        var applied: [SpecFix] = []
        var skipped: [SpecFix] = []
        for fix in fixes.sorted(by: { $0.lines.lowerBound < $1.lines.lowerBound }) {
            if fix.lines.upperBound > lines.count || applied.contains(where: { $0.lines.overlaps(fix.lines) }) {
                skipped.append(fix)
                continue
            }
            applied.append(fix)
        }
        for fix in applied.reversed() {
            let range = (fix.lines.lowerBound - 1)...(fix.lines.upperBound - 1)
            let lastHadCR = lines[range.upperBound].utf8.last == UInt8(ascii: "\r")
            var replacement = fix.replacement.map { crlf ? $0 + "\r" : $0 }
            if !crlf, lastHadCR, !replacement.isEmpty { replacement[replacement.count - 1] += "\r" }
            lines.replaceSubrange(range, with: replacement)
        }
        return (lines.joined(separator: "\n"), applied, skipped)
    }
}
