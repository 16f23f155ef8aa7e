import FaberCore
import Foundation
import Mustache

/// `core.render`: renders `templates/<template>.mustache` of the skill with `values`, as plain
/// text (no HTML escaping). Partials (`{{> other}}`) resolve to other templates of the same folder;
/// a partial that does not exist is an error. Each template is parsed on its own: a broken file
/// only breaks the templates that use it.
public struct RenderHandler: Handler {
    public let id = "core.render"
    public let signature = HandlerSignature(
        summary: "Render a Mustache template from the skill's templates/ folder",
        inputs: [
            .init("template", required: true, .text, "template name in the skill's templates/ folder, without .mustache"),
            .init("values", .object, "the object the template renders"),
        ],
        outputs: ["text"])

    public init() {}

    /// A template named as it is must be a template of the skill: said by `faber check`, not
    /// found by a run after the steps before it (AWS calls included) ran.
    public func check(literals: Value, skillDirectory: String, workspace: String) -> [HandlerCheckProblem] {
        guard let name = literals["template"]?.string, !name.isEmpty else { return [] }
        // The common case costs one stat: the folder is read only to explain a missing template.
        if FileManager.default.fileExists(atPath: skillDirectory + "/templates/" + name + ".mustache") { return [] }
        let folder = TemplateFolder(directory: skillDirectory + "/templates", workspace: workspace)
        guard folder.files[name] == nil else { return [] }
        let available = folder.names
        return [
            HandlerCheckProblem(
                input: "template", "no template '\(name)' in \(folder.displayDirectory)",
                hint: didYouMean(name, among: available)
                    ?? (available.isEmpty ? "create \(folder.displayDirectory)/\(name).mustache" : "templates: \(available.joined(separator: ", "))"))
        ]
    }

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        guard let name = input["template"]?.string, !name.isEmpty else {
            throw FaberError(.invalidSpec, "core.render needs 'template': the name of a file in the skill's templates/ folder", at: context.stepLocation)
        }
        guard let skillDirectory = context.skillDirectory else {
            throw FaberError(.invalidSpec, "core.render can only run inside a skill's workflow (it reads the skill's templates/)", at: context.stepLocation)
        }
        let folder = TemplateFolder(directory: skillDirectory + "/templates", workspace: context.workspace)
        guard folder.files[name] != nil else {
            let available = folder.names
            throw FaberError(
                .invalidSpec, "no template '\(name)' in \(folder.displayDirectory)",
                hint: didYouMean(name, among: available)
                    ?? (available.isEmpty ? "create \(folder.displayDirectory)/\(name).mustache" : "templates: \(available.joined(separator: ", "))"),
                at: context.stepLocation)
        }
        if let problem = folder.problem(rendering: name) {
            throw FaberError(.invalidSpec, problem.message, hint: problem.hint, at: problem.location)
        }
        guard let text = folder.render(name, Self.mustacheValue(input["values"] ?? [:]) ?? [String: Any]()) else {
            throw FaberError(.internalError, "template '\(name)' parsed but could not be rendered", at: context.stepLocation)
        }
        return ["text": .string(text)]
    }

    /// Checks the templates of a folder (a skill's `templates/`) without rendering: one error per
    /// template that does not parse, at the tag at fault, and one per `{{> partial}}` that names
    /// no template of the folder. Paths inside `workspace` are relative to it. A missing folder
    /// has nothing to check.
    public static func check(templatesIn directory: String, workspace: String) -> [Diagnostic] {
        TemplateFolder(directory: directory, workspace: workspace).diagnostics()
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
