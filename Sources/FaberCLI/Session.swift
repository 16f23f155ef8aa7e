
import FaberAWSHandlers
import FaberCore
import FaberEngine
import FaberHandlers
import FaberSpec
import Foundation

/// One faber process: the workspace (re-loaded before every command, parsing only
/// what changed), the handler registry, the terminal. The CLI and the REPL both
/// run commands through it.
final class Session: Sendable {
    let root: String
    let loader: WorkspaceLoader
    let registry: HandlerRegistry
    let terminal: Terminal
    let baseOptions: GlobalOptions

    static let allHandlers: [any Handler] = CoreHandlers.all + AWSHandlers.all

    init(root: String, pluginDirs: [String], baseOptions: GlobalOptions, terminal: Terminal = .current,
         registry: HandlerRegistry = HandlerRegistry(Session.allHandlers)) {
        self.root = root
        self.loader = WorkspaceLoader(workspace: root, pluginDirs: pluginDirs)
        self.registry = registry
        self.terminal = terminal
        self.baseOptions = baseOptions
    }

    /// The workspace as it is on disk now.
    func workspace() -> Workspace { loader.load() }

    /// The configuration `config.*` reads for specs of `scope`:
    /// `.fractary/plugins/<plugin without "fractary-">/config.json` (older names
    /// `faber-cloud.json`, `devops.json`). Workspace-scope specs read the first plugin
    /// configuration found: of the loaded plugins first, then any folder under
    /// `.fractary/plugins/` (alphabetically). A missing file is an empty configuration.
    func config(for scope: SpecScope, workspace: Workspace) throws -> Value {
        var folders: [String] = []
        for plugin in scope.pluginName.map({ [$0] }) ?? workspace.plugins.map(\.name) {
            let short = plugin.hasPrefix("fractary-") ? String(plugin.dropFirst("fractary-".count)) : plugin
            folders += Set([short, plugin]).sorted()
        }
        if scope.pluginName == nil {  // workspace scope: also configurations of plugins not loaded here
            let present = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/.fractary/plugins")) ?? []
            folders += present.sorted().filter { !folders.contains($0) }
        }
        for folder in folders {
            for file in ["config.json", "faber-cloud.json", "devops.json"] {
                let path = "\(root)/.fractary/plugins/\(folder)/\(file)"
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                do {
                    return try Value.parseJSON(bytes: Array(data))
                } catch let error as Value.JSONError {
                    throw FaberError(.invalidSpec, "invalid JSON: \(error.message)",
                                     at: SourceLocation(path: relative(path), line: error.line, column: error.column))
                }
            }
        }
        return [:]
    }

    /// The diagnostic with workspace paths (in its location and hint) made relative.
    func relative(_ diagnostic: Diagnostic) -> Diagnostic {
        var d = diagnostic
        if let location = d.location { d.location = SourceLocation(path: relative(location.path), line: location.line, column: location.column) }
        d.hint = d.hint.map { $0.replacingOccurrences(of: root + "/", with: "") }
        return d
    }

    /// A path relative to the workspace when it is inside it (for messages).
    func relative(_ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
