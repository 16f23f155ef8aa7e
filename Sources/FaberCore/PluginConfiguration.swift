import Foundation

/// The configuration a run reads: `config.*` in expressions, `env.*` (one environment of it), the
/// confirmation policy, and what handlers read through `HandlerContext.configuration` (the AWS
/// handlers' region, profile and endpoint; thresholds). There is one loader, used by every front
/// end, `faber check` and the handlers alike (docs/reference.md, "Plugin configuration"):
///
/// - A plugin's specs read `.fractary/plugins/<plugin without "fractary-">/`, then
///   `.fractary/plugins/<plugin>/`; workspace-scope specs read the folders of the loaded plugins
///   (in that order), then every other folder under `.fractary/plugins/`, alphabetically.
/// - In each folder the first of `config.json`, `faber-cloud.json`, `devops.json` that exists is read.
/// - No file: an empty configuration (`[:]`). A file that is not a JSON object is an invalid-spec
///   error at its `path:line:col`.
public struct PluginConfiguration: Sendable {
    /// The folder under a workspace that holds plugin configurations.
    public static let baseFolder = ".fractary/plugins"
    /// The file names tried in each folder, in order.
    public static let fileNames = ["config.json", "faber-cloud.json", "devops.json"]

    /// The file read (absolute), or nil when there is none.
    public var path: String?
    /// The whole document (`[:]` when there is no file).
    public var document: Value

    public init(path: String? = nil, document: Value = [:]) {
        self.path = path
        self.document = document
    }

    /// The configuration specs of `plugin` (nil: workspace scope) read in `workspace`, where
    /// `loadedPlugins` are the plugins faber loaded, in order.
    public static func load(workspace: String, plugin: String?, loadedPlugins: [String]) throws -> PluginConfiguration {
        for folder in folders(workspace: workspace, plugin: plugin, loadedPlugins: loadedPlugins) {
            if let path = file(in: folder) { return try load(file: path) }
        }
        return PluginConfiguration()
    }

    /// The folders tried, absolute, in order.
    public static func folders(workspace: String, plugin: String?, loadedPlugins: [String]) -> [String] {
        let base = (workspace.hasSuffix("/") ? workspace : workspace + "/") + baseFolder
        var names: [String] = []
        for name in plugin.map({ [$0] }) ?? loadedPlugins {
            let short = name.hasPrefix("fractary-") ? String(name.dropFirst("fractary-".count)) : name
            for candidate in [short, name] where !names.contains(candidate) { names.append(candidate) }
        }
        if plugin == nil {  // workspace scope: also configurations of plugins not loaded here
            let present = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
            names += present.filter { !names.contains($0) }
        }
        return names.map { "\(base)/\($0)" }
    }

    /// The configuration file a folder offers (the first of `fileNames` that exists).
    public static func file(in folder: String) -> String? {
        fileNames.map { "\(folder)/\($0)" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The configuration file of every folder under `.fractary/plugins/` of `workspace`, alphabetically.
    public static func files(workspace: String) -> [String] {
        folders(workspace: workspace, plugin: nil, loadedPlugins: []).compactMap(file(in:))
    }

    /// Reads one configuration file.
    public static func load(file path: String) throws -> PluginConfiguration {
        PluginConfiguration(path: path, document: try locatedDocument(bytes: try read(file: path), path: path).value)
    }

    /// The bytes of a configuration file (a regular file of at most 4 MiB: `RegularFile`).
    public static func read(file path: String) throws -> [UInt8] {
        do {
            return try RegularFile.read(path)
        } catch {
            throw FaberError(error.exitStatus, error.message, hint: error.hint, at: error.location, code: "config-unreadable")
        }
    }

    /// A configuration's bytes parsed with every value's place: the one parse and the one set of
    /// rules (valid JSON, an object at the top) for runs, `faber check` and the modules' checks.
    public static func locatedDocument(bytes: [UInt8], path: String) throws -> LocatedJSONValue {
        let document: LocatedJSONValue
        do {
            document = try Value.parseLocatedJSON(bytes: bytes)
        } catch let error as Value.JSONError {
            throw FaberError(
                .invalidSpec, "invalid JSON: \(error.message)",
                hint: "fix the file; it follows the plugin's config.example.json",
                at: SourceLocation(path: path, line: error.line, column: error.column), code: "config-invalid-json")
        }
        guard document.isObject else {
            throw FaberError(
                .invalidSpec, "the plugin configuration must be a JSON object, not \(document.kindText)",
                hint: "start the file with '{' and put 'handlers', 'environments' and 'thresholds' in it",
                at: SourceLocation(path: path, line: document.line, column: document.column), code: "config-not-object")
        }
        return document
    }

    /// The value at a dotted path (`handlers.hosting.active`).
    public func lookup(_ path: String) -> Value? { document.lookup(path) }

    /// `thresholds` (overrides of the health classification defaults), or `[:]`.
    public var thresholds: Value { document["thresholds"] ?? [:] }

    /// The environments the file defines, in file order (empty when it defines none).
    public var environmentNames: [String] {
        document["environments"]?.object.map { Array($0.keys) } ?? []
    }

    /// The file's name for messages: the path read, else where a configuration would go.
    public var displayPath: String { path ?? "\(Self.baseFolder)/<plugin>/config.json" }
}

/// One environment (`--env prod`) of a plugin configuration: `environments.<name>`.
public struct EnvironmentSettings: Sendable {
    public var name: String
    /// Everything `environments.<name>` holds (`[:]` when the file does not define it).
    public var settings: Value
    /// `require_confirmation`; by default true for `prod` and `production`.
    public var requireConfirmation: Bool

    /// Whether changes in `environment` need confirmation when its configuration does not say:
    /// production environments ask first.
    public static func requiresConfirmationByDefault(_ environment: String) -> Bool {
        environment == "prod" || environment == "production"
    }

    /// A setting as trimmed text, nil when missing or empty.
    public func text(_ key: String) -> String? {
        guard let value = settings[key]?.string?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}

extension PluginConfiguration {
    /// The settings of environment `name`, for handlers that act in it. When the file defines
    /// environments, `name` must be one of them or `test` (which always exists); otherwise every
    /// name is accepted with default settings. A `require_confirmation` that is not true or false is
    /// an invalid-spec error at its place in the file, never a silent default.
    public func environment(_ name: String) throws -> EnvironmentSettings {
        let defined = environmentNames
        if document["environments"]?[name] == nil, !defined.isEmpty, name != "test" {
            let known = defined.contains("test") ? defined : ["test"] + defined
            var hint = didYouMean(name, among: known).map { $0 + " " } ?? ""
            hint += "environments in \(displayPath): \(known.joined(separator: ", "))"
            throw FaberError(.usage, "unknown environment '\(name)'", hint: hint, code: "unknown-environment")
        }
        return try settings(of: name)
    }

    /// Whether a change in environment `name` must be confirmed first (`require_confirmation`,
    /// default true for prod and production). Unknown environments take the default.
    public func requiresConfirmation(in name: String) throws -> Bool {
        try settings(of: name).requireConfirmation
    }

    /// `env.*` of expressions: the environment's settings plus `name` and `require_confirmation`
    /// (filled with its default). A `require_confirmation` that is not true/false is left as written
    /// here; `requiresConfirmation(in:)` refuses it before anything changes.
    public func environmentValue(_ name: String) -> Value {
        var env = document["environments"]?[name]?.object ?? [:]
        env["name"] = .string(name)
        if env["require_confirmation"] == nil || env["require_confirmation"] == .null {
            env["require_confirmation"] = .bool(EnvironmentSettings.requiresConfirmationByDefault(name))
        }
        return .object(env)
    }

    private func settings(of name: String) throws -> EnvironmentSettings {
        let entry = document["environments"]?[name]
        let setting = entry?["require_confirmation"] ?? .null
        if !setting.isNull, setting.bool == nil { throw requireConfirmationError(setting, environment: name) }
        return EnvironmentSettings(
            name: name, settings: entry ?? [:],
            requireConfirmation: setting.bool ?? EnvironmentSettings.requiresConfirmationByDefault(name))
    }

    private func requireConfirmationError(_ setting: Value, environment name: String) -> FaberError {
        let located = path.flatMap { try? Self.locatedDocument(bytes: Self.read(file: $0), path: $0) }?
            .member("environments")?.value.member(name)?.value.member("require_confirmation")?.value
        let problem = located.flatMap { Self.requireConfirmationProblem($0, environment: name) }
        return FaberError(
            .invalidSpec,
            problem?.message ?? "'require_confirmation' of environment '\(name)' must be true or false, not \(English.withArticle(setting.typeName))",
            hint: problem?.hint ?? "write true or false without quotes",
            at: SourceLocation(path: displayPath, line: located?.line ?? 1, column: located?.column ?? 1), code: "invalid-require-confirmation")
    }

    /// What is wrong with a `require_confirmation` value (not true, false or null), for `faber check` and runs.
    public static func requireConfirmationProblem(_ value: LocatedJSONValue, environment env: String) -> (message: String, hint: String)? {
        switch value.value {
        case .bool, .null: return nil
        default:
            let byDefault = EnvironmentSettings.requiresConfirmationByDefault(env)
            return (
                "'require_confirmation' of environment '\(env)' must be true or false, not \(value.kindText) (\(value.shownText))",
                "write true or false without quotes: whether changes in '\(env)' are confirmed first "
                    + "(leave it out for the default, \(byDefault) for '\(env)')"
            )
        }
    }
}

extension LocatedJSONValue {
    public var isObject: Bool { value.object != nil }

    /// `a number`, `text`, `a list`, ... for messages.
    public var kindText: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string: "text"
        case .int, .double: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// The value, short, for messages (`5`, `"yes"`, `[...]`).
    public var shownText: String {
        switch value {
        case .object: "{...}"
        case .array: "[...]"
        case .string(let text): "\"\(text.count > 40 ? String(text.prefix(40)) + "..." : text)\""
        default: value.jsonString()
        }
    }
}
