import FaberCore

/// The placeholders of a Claude Code prompt body (docs/claude-code.md, "Prompt commands"):
/// `$ARGUMENTS`, `$1`..`$9`, `${CLAUDE_PLUGIN_ROOT}`, `@path` file references and `` !`command` ``
/// lines. Found by one scan of the lines; fenced code blocks and code spans hold no file
/// references (a path in an example is not an attachment).
public struct PromptTemplate: Sendable {
    /// An `@path` that names a file: it starts with `./`, `../`, `/`, `~/` or
    /// `${CLAUDE_PLUGIN_ROOT}`, or its last part has an extension (`@docs/guide.md`). Other `@`
    /// words (`@agent-reviewer`, `@fractary/cli`, `@me`) are left as text, as Claude Code does.
    public struct FileReference: Sendable, Hashable {
        public var path: String
        /// Where the `@` is.
        public var location: SourceLocation
        /// True when it holds a placeholder (`@$1`), known only once the arguments are in.
        public var isDynamic: Bool { PromptTemplate.isPattern(path) || (isInPlugin ? path.dropFirst(Self.pluginRoot.count) : Substring(path)).contains("$") }
        public var isInPlugin: Bool { path.hasPrefix(Self.pluginRoot + "/") }
        public static let pluginRoot = "${CLAUDE_PLUGIN_ROOT}"
    }

    /// A `` !`command` `` Claude Code runs before handing the prompt over (faber never runs it).
    public struct ShellCommand: Sendable, Hashable {
        public var command: String
        public var location: SourceLocation
    }

    /// The `@` words that name files, where they are written.
    public var fileReferences: [FileReference] {
        candidates.filter { Self.namesFile($0.word) }.map { FileReference(path: $0.word, location: location(of: $0)) }
    }
    public var shellCommands: [ShellCommand] = []
    public let body: String
    public let path: String
    public let firstLine: Int

    /// An `@` word outside code (it may name a file once its placeholders are filled: `@$1`).
    struct Candidate: Sendable, Hashable {
        var line: Int  // index into the body's lines
        var column: Int  // character offset of the `@` in its line
        var word: String
    }

    var candidates: [Candidate] = []

    func location(of candidate: Candidate) -> SourceLocation {
        SourceLocation(path: path, line: firstLine + candidate.line, column: candidate.column + 1)
    }
    /// True when the body says where its arguments go (`$ARGUMENTS` or `$1`..`$9`); otherwise
    /// Claude Code appends them as a last line `ARGUMENTS: ...`.
    public var placesArguments = false

    /// The body of a spec file.
    public init(file: SpecFile) {
        self.init(body: file.body, path: file.path, firstLine: file.bodyStartLine)
    }

    /// Scans `body`, whose first line is line `firstLine` of `path`.
    public init(body: String, path: String, firstLine: Int) {
        self.body = body
        self.path = path
        self.firstLine = firstLine
        // One pass over the bytes of each line: every mark the scan looks for is ASCII.
        var fence: (mark: UInt8, count: Int)?
        for (offset, line) in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            if !placesArguments, Self.placesArguments(bytes) { placesArguments = true }
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if indent <= 3, indent < bytes.count, bytes[indent] == UInt8(ascii: "`") || bytes[indent] == UInt8(ascii: "~") {
                let mark = bytes[indent]
                let count = bytes[indent...].prefix { $0 == mark }.count
                if count >= 3 {
                    if let open = fence {
                        if open.mark == mark, count >= open.count, bytes[(indent + count)...].allSatisfy({ $0 == UInt8(ascii: " ") }) { fence = nil }
                    } else {
                        fence = (mark, count)
                    }
                    continue
                }
            }
            scanShellCommands(bytes, line: firstLine + offset, path: path)
            if fence == nil { scanReferences(bytes, index: offset) }
        }
    }

    private static let backtick = UInt8(ascii: "`")

    /// `$ARGUMENTS`, or `$1`..`$9` not followed by another digit.
    private static func placesArguments(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next >= UInt8(ascii: "1"), next <= UInt8(ascii: "9"), index + 2 >= bytes.count || !isDigit(bytes[index + 2]) { return true }
                if bytes[(index + 1)...].starts(with: "ARGUMENTS".utf8) { return true }
            }
            index += 1
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The character column (1-based) of byte `index` of a line.
    private static func column(_ bytes: [UInt8], _ index: Int) -> Int {
        String(decoding: bytes[..<index], as: UTF8.self).count + 1
    }

    private mutating func scanShellCommands(_ bytes: [UInt8], line number: Int, path: String) {
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "!"), bytes[index + 1] == Self.backtick else {
                index += 1
                continue
            }
            guard let close = bytes[(index + 2)...].firstIndex(of: Self.backtick) else { break }
            let command = String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingWhitespace()
            if !command.isEmpty {
                shellCommands.append(
                    ShellCommand(command: command, location: SourceLocation(path: path, line: number, column: Self.column(bytes, index))))
            }
            index = close + 1
        }
    }

    private mutating func scanReferences(_ bytes: [UInt8], index lineIndex: Int) {
        var inCode = false
        var previous = UInt8(ascii: " ")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.backtick {
                inCode.toggle()
            } else if byte == UInt8(ascii: "@"), !inCode, previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || "([\"'".utf8.contains(previous) {
                var end = index + 1
                while end < bytes.count, Self.isPathByte(bytes[end]) { end += 1 }
                var word = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                while let last = word.last, ".,;:!?".contains(last) { word.removeLast() }
                if Self.namesFile(word) || word.contains("$") {
                    candidates.append(Candidate(line: lineIndex, column: Self.column(bytes, index) - 1, word: word))
                }
                index = end
                previous = UInt8(ascii: " ")
                continue
            }
            previous = byte
            index += 1
        }
    }

    /// Letters and digits (any non-ASCII byte counts as part of a letter) and `_./~${}+-*`.
    static func isPathByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || "_./~${}+-*".utf8.contains(byte)
    }

    /// The prompt as Claude Code hands it to the model: `$ARGUMENTS` and `$1`..`$9` filled (the
    /// arguments appended as `ARGUMENTS: ...` when the body places them nowhere),
    /// `${CLAUDE_PLUGIN_ROOT}` replaced by `pluginRoot`, and each `@file` replaced by what `inline`
    /// gives for it (called with the reference, placeholders filled, and where it is written).
    public func render(
        arguments: String, positional: [String], pluginRoot: String?,
        inline: (_ reference: String, _ location: SourceLocation) throws -> String
    ) throws -> String {
        func fill(_ text: Substring) -> String {
            let filled = Self.substitute(String(text), arguments: arguments, positional: positional)
            guard let pluginRoot else { return filled }
            return filled.split(separator: FileReference.pluginRoot, omittingEmptySubsequences: false).joined(separator: pluginRoot)
        }
        var output: [String] = []
        let byLine = Dictionary(grouping: candidates, by: \.line)
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = ""
            var position = line.startIndex
            for candidate in (byLine[index] ?? []).sorted(by: { $0.column < $1.column }) {
                let at = line.index(line.startIndex, offsetBy: candidate.column)
                text += fill(line[position..<at])
                let reference = Self.substitute(candidate.word, arguments: arguments, positional: positional)
                text +=
                    Self.namesFile(reference) && !Self.isPattern(reference)
                    ? try inline(reference, location(of: candidate)) : "@" + fill(Substring(candidate.word))
                position = line.index(at, offsetBy: 1 + candidate.word.count)
            }
            text += fill(line[position...])
            output.append(text)
        }
        var prompt = output.joined(separator: "\n").trimmingWhitespace()
        if !placesArguments, !arguments.isEmpty { prompt += "\n\nARGUMENTS: \(arguments)" }
        return prompt
    }

    /// A path with a glob or a placeholder of prose in it (`docs/*.md`, `skills/{name}/SKILL.md`):
    /// it names no one file, so it is left as text.
    static func isPattern(_ word: String) -> Bool {
        let rest = word.hasPrefix(FileReference.pluginRoot) ? word.dropFirst(FileReference.pluginRoot.count) : Substring(word)
        return rest.contains { $0 == "*" || $0 == "{" || $0 == "}" }
    }

    /// Whether an `@` word names a file (see `FileReference`).
    static func namesFile(_ word: String) -> Bool {
        guard !word.isEmpty else { return false }
        if ["./", "../", "/", "~/", FileReference.pluginRoot + "/"].contains(where: { word.hasPrefix($0) }) { return true }
        let last = word.split(separator: "/").last ?? Substring(word)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return false }
        let fileExtension = last[last.index(after: dot)...]
        return (1...10).contains(fileExtension.count) && fileExtension.allSatisfy { $0.isLetter || $0.isNumber }
            && fileExtension.contains(where: \.isLetter)
    }

    /// `body` with `$ARGUMENTS` replaced by `arguments` and `$1`..`$9` by `positional` (a missing
    /// one by nothing), as Claude Code fills them.
    public static func substitute(_ body: String, arguments: String, positional: [String]) -> String {
        var result = ""
        var index = body.startIndex
        while let dollar = body[index...].firstIndex(of: "$") {
            result += body[index..<dollar]
            let rest = body[dollar...]
            if rest.hasPrefix("$ARGUMENTS") {
                result += arguments
                index = body.index(dollar, offsetBy: "$ARGUMENTS".count)
                continue
            }
            let digit = body.index(after: dollar)
            if digit < body.endIndex, let value = body[digit].wholeNumberValue, value >= 1 {
                let after = body.index(after: digit)
                if after == body.endIndex || !body[after].isNumber {
                    result += value <= positional.count ? positional[value - 1] : ""
                    index = after
                    continue
                }
            }
            result.append("$")
            index = digit
        }
        result += body[index...]
        return result
    }
}
