import FaberCore

extension SpecFile {
    /// Splits `text` into front matter (between a first line `---` and the next `---` or `...`
    /// line) and markdown body, and parses the front matter with libyaml. Locations are lines
    /// of the whole file. Problems (YAML errors, an unclosed front matter, front matter that is
    /// not a mapping) are appended to `diagnostics`; `frontMatter` is then nil.
    public init(path: String, text: String, diagnostics: inout [Diagnostic]) {
        self.path = path
        // "\r\n" is one Character in Swift; count it as one line break, as libyaml and cmark do.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let first = lines.first, Self.isFence(first, closing: false) else {
            frontMatter = nil
            body = text
            bodyStartLine = 1
            return
        }
        guard let close = lines.indices.dropFirst().first(where: { Self.isFence(lines[$0], closing: true) }) else {
            diagnostics.append(
                .error(
                    "front matter is not closed", at: SourceLocation(path: path, line: 1, column: 1),
                    hint: "add a line '---' after the last front matter key"))
            frontMatter = nil
            body = text
            bodyStartLine = 1
            hasFrontMatterErrors = true
            return
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        var problems: [Diagnostic] = []
        let node = YAMLParser.parse(yaml, path: path, lineOffset: 1, diagnostics: &problems)
        hasFrontMatterErrors = problems.hasErrors
        diagnostics += problems
        if let node, node.mappingPairs == nil {
            hasFrontMatterErrors = true
            diagnostics.append(
                .error(
                    "front matter must be a mapping of keys to values", at: node.location,
                    hint: "write one 'key: value' per line between the '---' lines"))
            frontMatter = nil
        } else {
            frontMatter = node
        }
        body = lines[(close + 1)...].joined(separator: "\n")
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
