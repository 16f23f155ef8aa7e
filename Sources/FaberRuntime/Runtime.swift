import FaberCore
import FaberEngine
import FaberSpec
import Foundation

/// The runtime every front end goes through (the command line, the REPL, and later the MCP
/// server): it loads the workspace (again before every command, parsing only what changed), holds
/// the handlers of the installed modules, and offers the three calls a front end needs —
/// `resolve(_:)` a command line to an invocation, `check()` the workspace, `run(_:)` an
/// invocation to a report. Front ends only print and ask: questions go through the `Console`
/// they pass in.
public final class Runtime: Sendable {
    /// The workspace folder, absolute.
    public let root: String
    public let registry: HandlerRegistry
    public let modules: [any HandlerModule.Type]
    let loader: WorkspaceLoader

    public init(root: String, pluginDirs: [String], modules: [any HandlerModule.Type] = Runtime.installedModules) {
        self.root = root
        self.loader = WorkspaceLoader(workspace: root, pluginDirs: pluginDirs)
        self.modules = modules
        self.registry = HandlerRegistry(modules: modules)
    }

    /// The workspace as it is on disk now.
    public func workspace() -> Workspace { loader.load() }

    /// The plugin configuration specs of `scope` read (`PluginConfiguration` has the rules).
    public func configuration(for scope: SpecScope, workspace: Workspace) throws -> PluginConfiguration {
        try PluginConfiguration.load(workspace: root, plugin: scope.pluginName, loadedPlugins: workspace.plugins.map(\.name))
    }

    /// Problems of the workspace that do not stop a command but that its user should see: a
    /// `--plugin-dir` that does not exist (and, with `manifests`, plugin.json files that do not
    /// load), as warnings.
    public func loadWarnings(_ workspace: Workspace, manifests: Bool = false) -> [Diagnostic] {
        (workspace.folderErrors + (manifests ? workspace.pluginManifestErrors : [])).map {
            relative(Diagnostic(.warning, at: $0.location, $0.message, hint: $0.hint))
        }
    }

    /// The diagnostic with workspace paths (in its location, message and hint) made relative.
    public func relative(_ diagnostic: Diagnostic) -> Diagnostic {
        var d = diagnostic
        if let location = d.location { d.location = SourceLocation(path: relative(location.path), line: location.line, column: location.column) }
        d.hint = d.hint.map { $0.replacingOccurrences(of: root + "/", with: "") }
        d.message = d.message.replacingOccurrences(of: root + "/", with: "")
        return d
    }

    /// The error with workspace paths made relative, its causes too.
    public func relative(_ error: FaberError) -> FaberError {
        let shown = relative(error.diagnostic)
        var e = error
        (e.location, e.hint, e.message) = (shown.location, shown.hint, shown.message)
        e.causes = e.causes.map(relative)
        return e
    }

    /// A path relative to the workspace when it is inside it (for messages).
    public func relative(_ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
