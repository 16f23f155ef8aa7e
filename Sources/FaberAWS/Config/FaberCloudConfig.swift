import FaberCore
import Foundation

/// The faber-cloud plugin configuration of a workspace:
/// `.fractary/plugins/faber-cloud/config.json` (older names in the same folder: `faber-cloud.json`, then
/// `devops.json`). A workspace without one gets the defaults (environment `test` only, settings from the
/// AWS environment variables and profile files).
///
/// ```json
/// {
///   "handlers": {"hosting": {"active": "aws",
///                            "aws": {"region": "us-east-1", "profiles": {"prod_deploy": "acme-prod"}}}},
///   "environments": {"test": {"endpoint_url": "http://127.0.0.1:5000"},
///                    "prod": {"region": "eu-west-1", "profile": "acme-prod", "require_confirmation": true}},
///   "thresholds": {"lambda": {"error_rate": 5}}
/// }
/// ```
public struct FaberCloudConfig: Sendable {
    /// The folder inside a workspace, and the file names tried in order.
    public static let folder = ".fractary/plugins/faber-cloud"
    public static let fileNames = ["config.json", "faber-cloud.json", "devops.json"]

    /// The file read, or nil when the workspace has none.
    public var path: String?
    /// The whole document (`[:]` when there is no file).
    public var document: Value

    public init(path: String? = nil, document: Value = [:]) {
        self.path = path
        self.document = document
    }

    /// Reads the configuration of `workspace`. A missing file is fine; a file that is not valid JSON,
    /// or whose top level is not an object, is a `FaberError(.invalidSpec)` located at `path:line:col`.
    public static func load(workspace: String) throws -> FaberCloudConfig {
        let base = workspace.hasSuffix("/") ? workspace + folder : workspace + "/" + folder
        for name in fileNames {
            let path = base + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let document: Value
            do {
                document = try Value.parseJSON(bytes: Array(data))
            } catch let error as Value.JSONError {
                throw FaberError(.invalidSpec, "invalid JSON in the faber-cloud configuration: \(error.message)",
                                 hint: "fix the file; it follows the plugin's config.example.json",
                                 at: SourceLocation(path: path, line: error.line, column: error.column))
            }
            guard case .object = document else {
                throw FaberError(.invalidSpec, "the faber-cloud configuration must be a JSON object, not \(English.withArticle(document.typeName))",
                                 hint: "start the file with '{' and put 'handlers', 'environments' and 'thresholds' in it",
                                 at: SourceLocation(path: path, line: 1, column: 1))
            }
            return FaberCloudConfig(path: path, document: document)
        }
        return FaberCloudConfig()
    }

    /// `handlers.hosting.active` (`aws` when not set).
    public var activeHostingHandler: String {
        document.lookup("handlers.hosting.active")?.string ?? "aws"
    }

    /// `handlers.hosting.aws.region`: the region of every environment that names none.
    public var defaultRegion: String? {
        nonEmpty(document.lookup("handlers.hosting.aws.region")?.string)
    }

    /// `handlers.hosting.aws.profiles.<env>_deploy`.
    public func deployProfile(for environment: String) -> String? {
        nonEmpty(document["handlers"]?["hosting"]?["aws"]?["profiles"]?["\(environment)_deploy"]?.string)
    }

    /// `thresholds` (overrides of the health classification defaults), or `[:]`.
    public var thresholds: Value {
        document["thresholds"] ?? [:]
    }

    /// The environments config.json defines, in file order (empty when it defines none).
    public var environmentNames: [String] {
        document["environments"]?.object.map { Array($0.keys) } ?? []
    }

    /// The settings of environment `name`. When config.json defines environments, `name` must be one of
    /// them or `test` (which always exists); otherwise every name is accepted with default settings.
    public func environment(_ name: String) throws -> FaberEnvironment {
        let defined = environmentNames
        let entry = document["environments"]?[name]
        if entry == nil, !defined.isEmpty, name != "test" {
            let known = defined.contains("test") ? defined : ["test"] + defined
            var hint = didYouMean(name, among: known).map { $0 + " " } ?? ""
            hint += "environments in \(path ?? "config.json"): \(known.joined(separator: ", "))"
            throw FaberError(.usage, "unknown environment '\(name)'", hint: hint)
        }
        if let setting = entry?["require_confirmation"], setting.bool == nil, setting != .null {
            throw requireConfirmationError(setting, environment: name)
        }
        return FaberEnvironment(name: name, settings: entry ?? [:], config: self)
    }

    /// A `require_confirmation` that is neither true nor false: an error (exit 65) at its place in the file,
    /// never a silent default (which would leave a non-production environment unguarded).
    private func requireConfirmationError(_ setting: Value, environment name: String) -> FaberError {
        let file = path ?? "\(Self.folder)/config.json"
        let located = path.flatMap { FileManager.default.contents(atPath: $0) }.flatMap { try? Value.parseLocatedJSON(bytes: Array($0)) }?
            .member("environments")?.value.member(name)?.value.member("require_confirmation")?.value
        let problem = located.flatMap { PluginConfigCheck.requireConfirmationProblem($0, environment: name) }
        return FaberError(
            .invalidSpec,
            problem?.message ?? "'require_confirmation' of environment '\(name)' must be true or false, not \(English.withArticle(setting.typeName))",
            hint: problem?.hint ?? "write true or false without quotes",
            at: SourceLocation(path: file, line: located?.line ?? 1, column: located?.column ?? 1))
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}
