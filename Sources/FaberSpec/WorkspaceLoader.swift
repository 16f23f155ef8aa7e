import FaberCore
import Synchronization

/// Finds and loads every spec of a workspace (docs/reference.md, "Workspace layout and discovery").
///
/// `load()` is meant to run before every command, also in a long-lived REPL. When the watcher
/// (inotify) saw no change in the folders read last time, it gives the last workspace back at
/// once; otherwise it rescans the folders (readdir + stat) and re-parses only files whose
/// modification time (ns), size or inode changed, or that are new; removed files drop out.
/// `parseCount` counts the files parsed so far.
public final class WorkspaceLoader: Sendable {
    public let workspace: String
    public let pluginDirs: [String]
    let state = Mutex(State())

    struct State: Sendable {
        var cache: [String: CacheEntry] = [:]
        var parseCount = 0
        /// The last workspace loaded, and the watcher that says whether it is still current. The
        /// watcher starts with the second load: a one-shot command loads once and never needs it.
        var last: Workspace?
        var watcher: WorkspaceWatcher?
    }

    /// One parsed file: what it was built into, with the problems found in it.
    struct CacheEntry: Sendable {
        enum Built: Sendable {
            case command(CommandSpec)
            case agent(AgentSpec)
            case skill(SkillSpec)
            case workflow(WorkflowSpec)
            case plugin(PluginSpec?)
            /// One of Claude Code's other JSON files (hooks.json, .mcp.json, marketplace.json), when it is an object.
            case json(Value?)

            /// The kind of spec built (a plugin file counts as runnable: its errors stay errors).
            var kind: SpecKind {
                switch self {
                case .command(let spec): spec.kind
                case .agent(let spec): spec.kind
                case .skill(let spec): spec.kind
                case .workflow(let spec): spec.kind
                case .plugin, .json: .runnable
                }
            }
        }

        var stamp: FileSystem.Stamp
        /// The scope / skill name the file was built for; a change rebuilds it.
        var context: String
        var built: Built
        var diagnostics: [Diagnostic]
        /// For a spec that is a symbolic link: the folder of the file it points to (watched too).
        var linkedFolder: String? = nil
    }

    public init(workspace: String, pluginDirs: [String] = []) {
        self.workspace = Self.normalized(workspace)
        self.pluginDirs = pluginDirs.map(Self.normalized)
    }

    /// Number of spec and plugin.json files parsed since this loader was created.
    public var parseCount: Int { state.withLock { $0.parseCount } }

    /// Scans the workspace and returns its specs, re-parsing only what changed since the last call.
    public func load() -> Workspace {
        state.withLock { state in
            // Nothing changed in any folder read last time: that workspace is still the workspace.
            if let last = state.last, let watcher = state.watcher, !watcher.changed() { return last }
            if state.last != nil, state.watcher == nil { state.watcher = WorkspaceWatcher() }
            let watcher = state.watcher
            var scan = Scan(previous: state.cache, visit: { watcher?.watch($0) })
            scan.run(root: workspace, pluginDirs: pluginDirs)
            state.cache = scan.cache
            state.parseCount += scan.parsed
            var result = Workspace(
                root: workspace, plugins: scan.plugins, commands: scan.commands, agents: scan.agents,
                skills: scan.skills, workflows: scan.workflows, diagnostics: scan.diagnostics)
            result.settleSubagentCommands()
            result.diagnostics += SpecChecker.check(result)
            result.resolveOperationWorkflows()
            state.last = result
            return result
        }
    }

    static func normalized(_ path: String) -> String {
        var path = path.isEmpty ? "." : path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
