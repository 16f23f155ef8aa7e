internal import CCmark
import FaberCore

/// The parts of a markdown body the runtime reads: headings and ```step blocks, with lines of
/// the whole file. Built by walking libcmark's tree once; the C tree is freed before returning.
public struct MarkdownDocument: Sendable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        /// 1-based line in the file.
        public var line: Int
    }

    /// A fenced code block whose info string's first word is `step`.
    public struct StepBlock: Sendable, Hashable {
        /// Text of the nearest heading before the block (nil when there is none).
        public var heading: String?
        /// The YAML inside the fences.
        public var yaml: String
        /// 1-based line (in the file) of the block's first content line.
        public var line: Int
        /// 1-based column of the fence; the YAML is indented by `column - 1`.
        public var column: Int
    }

    /// A fenced block whose info string looks meant as `step` but is not (`Step`, `steps`, `step:`):
    /// it is documentation, not a step, which is worth a warning.
    public struct NearMiss: Sendable, Hashable {
        public var info: String
        public var line: Int
        public var column: Int
    }

    public var headings: [Heading]
    public var stepBlocks: [StepBlock]
    public var nearMisses: [NearMiss] = []

    /// Parses `markdown`, whose first line is line `firstLine` of its file.
    public init(markdown: String, firstLine: Int = 1) {
        headings = []
        stepBlocks = []
        let utf8Count = markdown.utf8.count
        guard let root = markdown.withCString({ cmark_parse_document($0, utf8Count, CMARK_OPT_DEFAULT) }) else { return }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }

        var headingText: String?
        var headingStart = (level: 0, line: 0)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node)) + firstLine - 1
            switch type {
            case CMARK_NODE_HEADING where event == CMARK_EVENT_ENTER:
                headingText = ""
                headingStart = (Int(cmark_node_get_heading_level(node)), line)
            case CMARK_NODE_HEADING:
                let text = (headingText ?? "").trimmingWhitespace()
                headings.append(Heading(level: headingStart.level, text: text, line: headingStart.line))
                headingText = nil
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if headingText != nil { headingText! += Self.literal(node) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if headingText != nil { headingText! += " " }
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let word = info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                guard word == "step" else {
                    if word != "step", editDistance(word.lowercased(), "step") <= 1, word.count >= 4 {
                        nearMisses.append(NearMiss(info: word, line: line, column: Int(cmark_node_get_start_column(node))))
                    }
                    continue
                }
                stepBlocks.append(
                    StepBlock(
                        heading: headings.last?.text, yaml: Self.literal(node), line: line + 1,
                        column: Int(cmark_node_get_start_column(node))))
            default:
                continue
            }
        }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}
