import FaberCore
import FaberOpsModel
import Foundation

/// A deployment registry file: `{"environment": "prod", "resources": ...}` where `resources` is
/// a map `{id: {type, arn}}` or a list `[{id, type, arn}]`. Errors are located in the file.
enum Registry {
    /// The entries of the registry at `path` (`shownPath` in messages), in file order.
    static func load(path: String, shownPath: String, environment: String) throws -> [ResourceRef] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw FaberError(
                .usage, "no deployment registry for environment '\(environment)': \(shownPath) does not exist",
                hint: """
                    create it with the environment's resources, e.g.
                      {"environment": "\(environment)", "resources": {
                        "orders-api": {"type": "lambda", "arn": "arn:aws:lambda:us-east-1:123456789012:function:orders-api"}}}
                    types: \(ResourceType.names.joined(separator: ", "))
                    """,
                code: "registry-missing")
        }
        let data: [UInt8]
        do {
            data = try RegularFile.read(path)
        } catch {
            throw FaberError(
                error.exitStatus, error.message, hint: error.hint, at: SourceLocation(path: shownPath, line: 1, column: 1), code: "registry-invalid")
        }
        let document: LocatedJSONValue
        do {
            document = try Value.parseLocatedJSON(bytes: data)
        } catch let error as Value.JSONError {
            throw FaberError(
                .invalidSpec, "invalid JSON in the registry: \(error.message)",
                at: SourceLocation(path: shownPath, line: error.line, column: error.column), code: "registry-invalid")
        }
        func at(_ value: LocatedJSONValue) -> SourceLocation { SourceLocation(path: shownPath, line: value.line, column: value.column) }
        func invalid(_ message: String, _ value: LocatedJSONValue, hint: String? = nil) -> FaberError {
            FaberError(.invalidSpec, message, hint: hint, at: at(value), code: "registry-invalid")
        }
        guard document.isObject else {
            throw invalid(
                "the registry must be a JSON object, not \(document.kindText)", document,
                hint: #"write it as {"environment": "...", "resources": {...}}"#)
        }
        if let named = document["environment"], case .string(let name) = named.value, name != environment {
            throw invalid(
                "this registry is for environment '\(name)', not '\(environment)'", named,
                hint: "fix 'environment', or move the file to the folder of '\(name)'")
        }
        guard let resources = document["resources"] else {
            throw invalid("the registry has no 'resources'", document, hint: #"add "resources": {"<id>": {"type": "...", "arn": "..."}}"#)
        }
        var entries: [(id: String?, value: LocatedJSONValue)] = []
        if resources.isObject {
            entries = resources.members.map { ($0.key, $0.value) }
        } else if case .array = resources.value {
            entries = resources.items.map { (nil, $0) }
        } else {
            throw invalid("'resources' must be an object {id: {type, arn}} or a list of {id, type, arn}, not \(resources.kindText)", resources)
        }
        var refs: [ResourceRef] = []
        var seen: Set<String> = []
        for entry in entries {
            let ref: ResourceRef
            do {
                ref = try ResourceRef.parse(entry.value.value, fallbackID: entry.id, handler: "registry", key: "resources")
            } catch let error as FaberError {
                let message = error.message.hasPrefix("registry: ") ? String(error.message.dropFirst("registry: ".count)) : error.message
                throw FaberError(.invalidSpec, message, hint: error.hint, at: at(entry.value), code: "registry-invalid")
            }
            guard seen.insert(ref.id).inserted else {
                throw invalid("resource '\(ref.id)' is in the registry twice", entry.value)
            }
            refs.append(ref)
        }
        // A dependency must be a resource of the same registry.
        let ids = refs.map(\.id)
        for (ref, entry) in zip(refs, entries) {
            for dependency in ref.dependsOn where !seen.contains(dependency) || dependency == ref.id {
                let why = dependency == ref.id ? "itself" : "'\(dependency)', which is not in the registry"
                throw invalid(
                    "resource '\(ref.id)' depends on \(why)", entry.value,
                    hint: didYouMean(dependency, among: ids.filter { $0 != ref.id }) ?? "depends_on lists ids of this registry: \(ids.joined(separator: ", "))")
            }
        }
        return refs
    }
}
