internal import CYAML
import FaberCore

extension YAMLParser {
    /// One libyaml event, copied into Swift values so the C event can be freed at once.
    enum Event {
        case streamStart, streamEnd
        case documentStart(SourceLocation)
        case documentEnd
        case alias(String, SourceLocation)
        case scalar(String, YAMLNode.ScalarStyle, anchor: String?, SourceLocation)
        case sequenceStart(anchor: String?, SourceLocation)
        case sequenceEnd
        case mappingStart(anchor: String?, SourceLocation)
        case mappingEnd
    }

    /// The next event, or the syntax error libyaml found, at libyaml's problem mark.
    func next() throws(Diagnostic) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parserPointer, &event) == 1 else { throw syntaxError() }
        defer { yaml_event_delete(&event) }
        let location = location(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(location)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(string(event.data.alias.anchor) ?? "", location)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            var style: YAMLNode.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            // `!!str 42` is a string, whatever it looks like.
            if style == .plain, string(scalar.tag) == "tag:yaml.org,2002:str" { style = .singleQuoted }
            return .scalar(text, style, anchor: string(scalar.anchor), location)
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: string(event.data.sequence_start.anchor), location)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: string(event.data.mapping_start.anchor), location)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamEnd
        }
    }

    private func syntaxError() -> Diagnostic {
        let state = parserPointer.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = state.context.map { String(cString: $0) }
        var mark = state.problem_mark
        if state.error == YAML_READER_ERROR {
            // Invalid UTF-8: libyaml gives a byte offset only.
            let before = input.prefix(min(state.problem_offset, input.count))
            let line = before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let column = before.count - ((before.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0)
            mark = yaml_mark_t(index: state.problem_offset, line: line, column: column)
        }
        let message = context.map { "\(problem) \($0)" } ?? problem
        var hint = "check the indentation, and quote values that contain ': ' or start with a special character"
        if context != nil {
            let start = location(state.context_mark)
            hint = "the construct started at line \(start.line), column \(start.column); " + hint
        }
        if lineHasTab(at: Int(mark.index)) {
            hint = "YAML does not allow tabs for indentation: indent with spaces"
        }
        return .error(message, at: location(mark), hint: hint)
    }

    /// Whether the input line holding byte `index` contains a tab.
    private func lineHasTab(at index: Int) -> Bool {
        let bytes = Array(input)
        let index = min(max(index, 0), bytes.count)
        let start = bytes[..<index].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        return bytes[start..<end].contains(0x09)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: sourcePath, line: Int(mark.line) + 1 + lineShift, column: Int(mark.column) + 1 + columnShift)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
