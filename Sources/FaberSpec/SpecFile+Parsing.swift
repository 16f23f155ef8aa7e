import FaberCore

extension SpecFile {
    /// Splits `text` into front matter (between a first line `---` and the next `---` or `...`
    /// line) and markdown body, and parses the front matter with libyaml. Locations are lines
    /// of the whole file. Problems (YAML errors, an unclosed front matter, front matter that is
    /// not a mapping) are appended to `diagnostics`; `frontMatter` is then nil.
    public init(path: String, text: String, diagnostics: inout [Diagnostic]) {
        self.path = path
        // Only the front matter is cut into lines: a spec's body can be large, and is cmark's.
        // "\r\n" is one Character in Swift; count it as one line break, as libyaml and cmark do.
        let isBreak: (Character) -> Bool = { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        var lines: [Substring] = []
        var cursor = rest.startIndex
        var bodyStart: Substring.Index?
        while true {
            let end = rest[cursor...].firstIndex(where: isBreak) ?? rest.endIndex
            let line = rest[cursor..<end]
            lines.append(line)
            if lines.count == 1, !Self.isFence(line, closing: false) { break }
            if lines.count > 1, Self.isFence(line, closing: true) {
                bodyStart = end == rest.endIndex ? end : rest.index(after: end)
                break
            }
            if end == rest.endIndex { break }
            cursor = rest.index(after: end)
        }
        guard let first = lines.first, Self.isFence(first, closing: false) else {
            frontMatter = nil
            body = text
            bodyStartLine = 1
            return
        }
        guard let bodyStart else {
            diagnostics.append(
                Self.markedAsFrontMatter(
                    .error(
                        "front matter is not closed", at: SourceLocation(path: path, line: 1, column: 1),
                        hint: "add a line '---' after the last front matter key")))
            frontMatter = nil
            body = text
            bodyStartLine = 1
            hasFrontMatterErrors = true
            return
        }
        let close = lines.count - 1
        let read = FrontMatterReader(path: path, lines: Array(lines[1..<close]), firstLine: 2).read()
        hasFrontMatterErrors = read.hasErrors
        diagnostics += read.diagnostics.map(Self.markedAsFrontMatter)
        fixes = read.fixes
        if let node = read.node, node.mappingPairs == nil {
            hasFrontMatterErrors = true
            diagnostics.append(
                Self.markedAsFrontMatter(
                    .error(
                        "front matter must be a mapping of keys to values", at: node.location,
                        hint: "write one 'key: value' per line between the '---' lines")))
            frontMatter = nil
        } else {
            frontMatter = read.node
        }
        let remainder = rest[bodyStart...]
        body =
            remainder.utf8.contains(UInt8(ascii: "\r"))
            ? remainder.split(omittingEmptySubsequences: false, whereSeparator: isBreak).joined(separator: "\n") : String(remainder)
        bodyStartLine = close + 2
    }

    /// Reads and splits the file at `path`; an unreadable file is a diagnostic and an empty spec.
    public init(contentsOf path: String, diagnostics: inout [Diagnostic]) {
        do {
            self.init(path: path, text: try FileSystem.readText(path), diagnostics: &diagnostics)
        } catch {
            diagnostics.append(error)
            self.init(path: path, frontMatter: nil, body: "", bodyStartLine: 1)
            readFailed = true
        }
    }

    /// The code of a front-matter problem that Claude Code lives with: a prompt or documentation
    /// file with one still loads (without its front matter), so there it is a warning; in a spec
    /// faber runs it stays an error. (The parser's bounds keep their own code: a hostile file is
    /// an error wherever it is.)
    public static let frontMatterCode = "front-matter"

    private static func markedAsFrontMatter(_ diagnostic: Diagnostic) -> Diagnostic {
        var marked = diagnostic
        if marked.severity == .error, marked.code == nil { marked.code = frontMatterCode }
        return marked
    }

    /// Where "missing key" problems point: the front matter's first key, else the file's first line.
    var frontMatterLocation: SourceLocation {
        frontMatter?.location ?? SourceLocation(path: path, line: 1, column: 1)
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line.removeLast() }
        return line == "---" || (closing && line == "...")
    }
}
