import FaberCore
import Foundation
import Mustache

/// `core.render`: renders `templates/<template>.mustache` of the skill with `values`.
/// Partials (`{{> other}}`) resolve to other templates of the same folder.
public struct RenderHandler: Handler {
    public let id = "core.render"
    public let signature = HandlerSignature(
        summary: "Render a Mustache template from the skill's templates/ folder",
        inputs: [
            .init("template", required: true, "template name in the skill's templates/ folder, without .mustache"),
            .init("values", "the object the template renders"),
        ],
        outputs: ["text"])

    public init() {}

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        guard let name = input["template"]?.string, !name.isEmpty else {
            throw FaberError(.invalidSpec, "core.render needs 'template': the name of a file in the skill's templates/ folder", at: context.stepLocation)
        }
        guard let skillDirectory = context.skillDirectory else {
            throw FaberError(.invalidSpec, "core.render can only run inside a skill's workflow (it reads the skill's templates/)", at: context.stepLocation)
        }
        let directory = skillDirectory + "/templates"
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw FaberError(.invalidSpec, "\(error.error)", at: SourceLocation(
                path: directory + "/" + error.filename, line: error.context.lineNumber, column: error.context.columnNumber))
        }
        guard let text = library.render(Self.mustacheValue(input["values"] ?? [:]) ?? [String: Any](), withTemplate: name) else {
            let available = Self.templateNames(in: directory)
            throw FaberError(.invalidSpec, "no template '\(name)' in \(directory)", hint: didYouMean(name, among: available)
                             ?? (available.isEmpty ? "create \(directory)/\(name).mustache" : "templates: \(available.joined(separator: ", "))"),
                             at: context.stepLocation)
        }
        return ["text": .string(text)]
    }

    static func templateNames(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }.sorted()
    }

    /// Values as Mustache renders them: objects as dictionaries, lists as arrays; nulls left out.
    static func mustacheValue(_ value: Value) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? Int(d) as Any : d
        case .string(let s): return s
        case .array(let items): return items.compactMap(mustacheValue)
        case .object(let dict):
            var result: [String: Any] = [:]
            for (key, item) in dict { if let v = mustacheValue(item) { result[key] = v } }
            return result
        }
    }
}
