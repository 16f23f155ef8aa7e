import FaberCore

/// A JSON data file shipped with a skill (thresholds, analysis settings): read from the skill's
/// folder (or an absolute path), parsed with its location kept for errors.
enum SkillDataFile {
    /// The file `name` names; errors are invalid-spec with `code`, located in the file.
    static func load(_ name: String, what: String, context: HandlerContext, handler: String, code: String) throws -> Value {
        let path = name.hasPrefix("/") ? name : (context.skillDirectory ?? context.workspace) + "/" + name
        let data: [UInt8]
        do {
            data = try RegularFile.read(path)
        } catch {
            throw FaberError(.invalidSpec, "\(handler): \(what): \(error.message)", at: error.location, code: code)
        }
        do {
            return try Value.parseJSON(bytes: data)
        } catch let error as Value.JSONError {
            throw FaberError(
                .invalidSpec, "invalid JSON in \(what): \(error.message)", at: SourceLocation(path: path, line: error.line, column: error.column),
                code: code)
        }
    }
}
