import FaberCore

/// A workflow's outputs as the user asked for them: `--output json` one JSON object (without the
/// presentation keys `text`, `markdown`, `exit_code`); text `outputs.text`, else a readable
/// summary; markdown `outputs.markdown`, else the text, else a markdown summary.
public enum OutputSummary {
    public static func render(_ outputs: Value, format: RunOptions.OutputFormat) -> String {
        switch format {
        case .json:
            return data(outputs).jsonString(pretty: true)
        case .markdown:
            return outputs["markdown"]?.string ?? outputs["text"]?.string ?? markdown(outputs)
        case .text:
            return outputs["text"]?.string ?? text(outputs)
        }
    }

    /// What `--output json` prints: the outputs without the presentation keys.
    public static func data(_ outputs: Value) -> Value {
        var dict = outputs.object ?? [:]
        for key in presentationKeys { dict[key] = nil }
        return .object(dict)
    }

    /// Outputs for the front end, not data: left out of `--output json` and the summaries.
    public static let presentationKeys = ["text", "markdown", "exit_code", "follow_up"]

    static func text(_ outputs: Value) -> String {
        guard let dict = outputs.object, !dict.isEmpty else { return "done (no outputs)" }
        return dict.filter { !presentationKeys.contains($0.key) }.map { key, value in
            switch value {
            case .array, .object: "\(key):\n" + value.jsonString(pretty: true).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            default: "\(key): \(value.interpolated)"
            }
        }.joined(separator: "\n")
    }

    static func markdown(_ outputs: Value) -> String {
        guard let dict = outputs.object, !dict.isEmpty else { return "_done (no outputs)_" }
        return dict.filter { !presentationKeys.contains($0.key) }.map { key, value in
            switch value {
            case .array, .object: "## \(key)\n\n```json\n\(value.jsonString(pretty: true))\n```"
            default: "- **\(key)**: \(value.interpolated)"
            }
        }.joined(separator: "\n\n")
    }
}
