internal import CYAML
import FaberCore

/// Parses YAML text into `YAMLNode`s with 1-based locations, over libyaml's event API.
///
/// The parser owns the C `yaml_parser_t` and the input bytes, and frees both in `deinit`;
/// no C type leaves this file. Syntax errors stop the parse; duplicate keys and unknown
/// aliases are reported and the parse goes on, so `faber check` can list them all.
public final class YAMLParser {
    let parserPointer: UnsafeMutablePointer<yaml_parser_t>
    let input: UnsafeMutableBufferPointer<UInt8>
    let sourcePath: String
    let lineShift: Int
    let columnShift: Int
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var problems: [Diagnostic] = []
    /// Bounds that keep every later walk of the tree (values, templates, checks) small, whatever
    /// a file holds: how deep collections nest, and how many nodes the document holds once its
    /// aliases are expanded (a "billion laughs" document has few lines and billions of nodes).
    public static let maxDepth = 200
    public static let maxExpandedNodes = 1_000_000
    /// The code of the errors of those bounds: no tolerant reading retries a document past them.
    static let limitCode = "yaml-limit"
    private var depth = 0
    private var expandedNodes = 0

    private init(text: String, path: String, lineOffset: Int, columnOffset: Int) {
        sourcePath = path
        lineShift = lineOffset
        columnShift = columnOffset
        let bytes = Array(text.utf8)
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parserPointer = .allocate(capacity: 1)
        yaml_parser_initialize(parserPointer)
        yaml_parser_set_encoding(parserPointer, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parserPointer, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parserPointer)
        parserPointer.deallocate()
        input.deallocate()
    }

    /// The single document in `text`, or nil when it holds none (empty, or only comments).
    /// `lineOffset` is added to every line, so YAML cut out of a larger file (front matter,
    /// a ```step block) reports lines of that file. Throws the first problem found.
    public static func parse(_ text: String, path: String, lineOffset: Int = 0) throws(Diagnostic) -> YAMLNode? {
        var diagnostics: [Diagnostic] = []
        let node = parse(text, path: path, lineOffset: lineOffset, diagnostics: &diagnostics)
        if let first = diagnostics.first(where: { $0.severity == .error }) { throw first }
        return node
    }

    /// Like `parse(_:path:lineOffset:)` but collects every problem into `diagnostics`.
    /// Returns nil on a syntax error (the error is in `diagnostics`) or for an empty document.
    static func parse(
        _ text: String, path: String, lineOffset: Int = 0, columnOffset: Int = 0, diagnostics: inout [Diagnostic]
    ) -> YAMLNode? {
        let parser = YAMLParser(text: text, path: path, lineOffset: lineOffset, columnOffset: columnOffset)
        do {
            let node = try parser.parseStream()
            diagnostics += parser.problems
            return node
        } catch {
            diagnostics += parser.problems
            diagnostics.append(error)
            return nil
        }
    }

    // MARK: - Documents and nodes

    private func parseStream() throws(Diagnostic) -> YAMLNode? {
        guard case .streamStart = try next() else { return nil }
        let first = try next()
        guard case .documentStart = first else { return nil }
        let root = try parseNode(try next())
        _ = try next()  // document end
        if case .documentStart(let location) = try next() {
            throw Diagnostic.error(
                "a second YAML document starts here; only one is allowed", at: location,
                hint: "remove the '---' line, or close the front matter before it")
        }
        if case .scalar("", .plain, _) = root { return nil }
        return root
    }

    private func parseNode(_ event: Event) throws(Diagnostic) -> YAMLNode {
        try parseWeighted(event).node
    }

    /// The node and how many nodes it stands for with its aliases expanded.
    private func parseWeighted(_ event: Event) throws(Diagnostic) -> (node: YAMLNode, weight: Int) {
        switch event {
        case .scalar(let text, let style, let anchor, let location):
            return try register(.scalar(text, style, location), weight: 1, anchor: anchor, at: location)
        case .alias(let name, let location):
            if let entry = anchors[name] { return try register(entry.node, weight: entry.weight, anchor: nil, at: location) }
            problems.append(
                .error(
                    "unknown alias '*\(name)'", at: location,
                    hint: didYouMean(name, among: anchors.keys) ?? "define an anchor '&\(name)' before this alias"))
            return (.scalar("", .plain, location), 1)
        case .sequenceStart(let anchor, let location):
            try enter(at: location)
            defer { depth -= 1 }
            var items: [YAMLNode] = []
            var weight = 1
            while true {
                let event = try next()
                if case .sequenceEnd = event { break }
                let item = try parseWeighted(event)
                items.append(item.node)
                weight += item.weight
            }
            return try register(.sequence(items, location), weight: weight, anchor: anchor, at: location, counted: weight - 1)
        case .mappingStart(let anchor, let location):
            try enter(at: location)
            defer { depth -= 1 }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var weight = 1
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try parseWeighted(event)
                let value = try parseWeighted(try next())
                pairs.append((key.node, value.node))
                weight += key.weight + value.weight
            }
            reportDuplicateKeys(pairs)
            return try register(.mapping(mergingKeys(pairs), location), weight: weight, anchor: anchor, at: location, counted: weight - 1)
        default:
            throw Diagnostic.error("unexpected YAML event", at: nil)
        }
    }

    private func enter(at location: SourceLocation) throws(Diagnostic) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw Diagnostic(
                .error, at: location, "YAML nested deeper than \(Self.maxDepth) levels", hint: "flatten the structure; specs never need this depth",
                code: Self.limitCode)
        }
    }

    /// Records the node under its anchor and adds its weight to the document's count (`counted`:
    /// the part of the weight its children have added already).
    private func register(_ node: YAMLNode, weight: Int, anchor: String?, at location: SourceLocation, counted: Int = 0)
        throws(Diagnostic) -> (node: YAMLNode, weight: Int)
    {
        expandedNodes += weight - counted
        guard expandedNodes <= Self.maxExpandedNodes else {
            throw Diagnostic(
                .error, at: location, "this YAML expands to more than \(Self.maxExpandedNodes) nodes through its aliases",
                hint: "an alias repeats everything its anchor holds; use fewer nested aliases", code: Self.limitCode)
        }
        if let anchor { anchors[anchor] = (node, weight) }
        return (node, weight)
    }

    private func reportDuplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) {
        problems += Self.duplicateKeys(pairs)
    }

    /// An error at every key of `pairs` written a second time (`<<` merges aside).
    static func duplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> [Diagnostic] {
        var seen: [String: SourceLocation] = [:]
        var result: [Diagnostic] = []
        for pair in pairs {
            guard let key = pair.key.scalarText, key != "<<" else { continue }
            if let first = seen[key] {
                result.append(
                    .error(
                        "duplicate key '\(key)' (first defined at line \(first.line))", at: pair.key.location,
                        hint: "remove one of them; a mapping holds each key once"))
            } else {
                seen[key] = pair.key.location
            }
        }
        return result
    }

    /// `<<: *base` (or a list of aliases) merges the keys of those mappings; keys written here win.
    private func mergingKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> [(key: YAMLNode, value: YAMLNode)] {
        guard pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
        var result = pairs.filter { !isMergeKey($0.key) }
        var present = Set(result.compactMap(\.key.scalarText))
        for pair in pairs where isMergeKey(pair.key) {
            let sources = pair.value.sequenceItems ?? [pair.value]
            for source in sources {
                for merged in source.mappingPairs ?? [] {
                    guard let key = merged.key.scalarText, !present.contains(key) else { continue }
                    present.insert(key)
                    result.append(merged)
                }
            }
        }
        return result
    }

    private func isMergeKey(_ node: YAMLNode) -> Bool {
        if case .scalar("<<", .plain, _) = node { true } else { false }
    }
}
