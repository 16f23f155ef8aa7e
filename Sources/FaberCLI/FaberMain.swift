import FaberCore
import FaberRuntime
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `faber` entry point: parses faber's own command line and dispatches.
public enum FaberMain {
    static let version = "0.1.0"

    static let usage = """
        Usage:
          faber                                   interactive REPL (history, tab completion)
          faber run '/<plugin>:<command> [operation] [--flag value ...]' [--output text|json|markdown] [--yes] [--dry-run] [--trace]
          faber check [--fix]                     validate every spec in the workspace (--fix: quote the
                                                  front-matter values only Claude Code's reader accepts)
          faber list                              commands, operations, skills and handlers
          faber graph <skill>/<workflow> [--format mermaid|dot]
          faber mcp [--allow-mutations]           serve the commands as MCP tools over stdio (changes
                                                  run only with --allow-mutations; docs/mcp.md)
          faber version

        Options:
          --workspace DIR     the workspace (default: $FABER_WORKSPACE, else the current folder)
          --plugin-dir DIR    an extra plugin folder (repeatable; also $FABER_PLUGIN_PATH, colon-separated)
          --output FORMAT     text (default), json or markdown
          --yes               confirm in advance (needed without a terminal)
          --dry-run           show what would change, change nothing
          --trace             print every AWS call to stderr, with a final count
        """

    public static func main() async {
        let status = await run(Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    static func run(_ arguments: [String]) async -> Int32 {
        let terminal = Terminal.current
        do {
            let invocation = try Invocation.parse(arguments, environment: ProcessInfo.processInfo.environment)
            let root = try invocation.resolveWorkspace()
            try invocation.checkPluginDirs()
            let session = Session(root: root, pluginDirs: invocation.pluginDirs, baseOptions: invocation.options, terminal: terminal)
            switch invocation.command {
            case .help:
                terminal.out(usage)
                return 0
            case .version:
                terminal.out("faber \(version)")
                return 0
            case .check(let fix):
                return session.check(fix: fix)
            case .list:
                return session.list()
            case .graph(let name, let format):
                return session.graph(name, format: format)
            case .run(let line):
                return await session.run(line)
            case .mcp(let allowMutations):
                return await session.serveMCP(allowMutations: allowMutations, version: version)
            case .repl:
                return await REPL(session: session).run()
            }
        } catch {
            let failure = FaberError(describing: error)
            terminal.report(failure.diagnostic)
            return failure.exitStatus.rawValue
        }
    }
}

/// faber's own command line, parsed.
struct Invocation {
    enum Command {
        case repl, list, help, version
        case check(fix: Bool)
        case run(String)
        case graph(String, Session.GraphFormat)
        case mcp(allowMutations: Bool)
    }

    var command: Command = .repl
    var workspace: String?
    var pluginDirs: [String] = []
    /// The folders given with `--plugin-dir` (`$FABER_PLUGIN_PATH` may list folders that are not
    /// there, as `$PATH` may: those are warned about).
    var namedPluginDirs: [String] = []
    var options = GlobalOptions()

    static let subcommands = ["run", "check", "list", "graph", "mcp", "repl", "help", "version"]

    static func parse(_ arguments: [String], environment: [String: String]) throws -> Invocation {
        var invocation = Invocation()
        invocation.workspace = environment["FABER_WORKSPACE"].flatMap { $0.isEmpty ? nil : $0 }
        invocation.pluginDirs = (environment["FABER_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let (flag, inline) = GlobalOptions.splitFlag(arguments[index])
            func value() throws -> String {
                if let inline { return inline }
                index += 1
                guard index < arguments.count else { throw FaberError.usage("\(flag) needs a folder") }
                return arguments[index]
            }
            switch flag {
            case "--workspace", "-w": invocation.workspace = try value()
            case "--plugin-dir":
                let dir = try value()
                invocation.pluginDirs.append(dir)
                invocation.namedPluginDirs.append(dir)
            case "--version":
                invocation.command = .version
                return invocation
            default: words.append(arguments[index])
            }
            index += 1
        }
        // faber's own options before the subcommand (`faber --output json` then a piped REPL script).
        if let first = words.first, first.hasPrefix("-"), first != "--help", first != "-h" {
            words = try invocation.options.extract(from: words)
            if invocation.options.help {
                invocation.command = .help
                return invocation
            }
        }
        guard let first = words.first else { return invocation }
        if first.hasPrefix("/") {
            invocation.command = .run(try joinedCommand(words, options: &invocation.options))
            return invocation
        }
        if first == "--help" || first == "-h" {
            invocation.command = .help
            return invocation
        }
        let rest = Array(words.dropFirst())
        switch first {
        case "run":
            let words = try invocation.options.extract(from: rest)
            if words.isEmpty, invocation.options.help {
                invocation.command = .help
                return invocation
            }
            guard !words.isEmpty else { throw FaberError.usage("faber run needs a slash command, e.g. faber run '/plugin:command operation --env test'") }
            invocation.command = .run(try joinedCommand(words, options: &invocation.options))
        case "check", "list", "repl", "help", "version":
            var remaining = try invocation.options.extract(from: rest)
            if invocation.options.help || first == "help" {
                invocation.command = .help
                return invocation
            }
            let fix = first == "check" && remaining.first == "--fix"
            if fix { remaining.removeFirst() }
            guard remaining.isEmpty else {
                throw FaberError.usage(
                    "unexpected argument '\(remaining[0])' for faber \(first)",
                    hint: first == "check" ? didYouMean(remaining[0], among: ["--fix"]) : nil)
            }
            invocation.command = first == "check" ? .check(fix: fix) : first == "list" ? .list : first == "repl" ? .repl : .version
        case "mcp":
            var remaining = try invocation.options.extract(from: rest)
            if invocation.options.help {
                invocation.command = .help
                return invocation
            }
            let allow = remaining.first == "--allow-mutations"
            if allow { remaining.removeFirst() }
            guard remaining.isEmpty else {
                throw FaberError.usage(
                    "unexpected argument '\(remaining[0])' for faber mcp", hint: didYouMean(remaining[0], among: ["--allow-mutations"]))
            }
            invocation.command = .mcp(allowMutations: allow)
        case "graph":
            let rest = try invocation.options.extract(from: rest)
            if invocation.options.help {
                invocation.command = .help
                return invocation
            }
            var format = Session.GraphFormat.mermaid
            var target: String?
            var i = 0
            while i < rest.count {
                let (flag, inline) = GlobalOptions.splitFlag(rest[i])
                if flag == "--format" {
                    let text = inline ?? (i + 1 < rest.count ? rest[i + 1] : "")
                    if inline == nil { i += 1 }
                    guard let f = Session.GraphFormat(rawValue: text) else {
                        throw FaberError.usage("--format '\(text)' is not one of: mermaid, dot", hint: didYouMean(text, among: ["mermaid", "dot"]))
                    }
                    format = f
                } else if target == nil, !flag.hasPrefix("-") {
                    target = rest[i]
                } else {
                    throw FaberError.usage("unexpected argument '\(rest[i])' for faber graph")
                }
                i += 1
            }
            guard let target else { throw FaberError.usage("faber graph needs <skill>/<workflow>, e.g. faber graph ops-monitor/health-check") }
            invocation.command = .graph(target, format)
        default:
            throw FaberError.usage(
                "unknown command '\(first)'",
                hint: didYouMean(first, among: subcommands)
                    ?? "commands: \(subcommands.joined(separator: ", ")); slash commands start with '/'")
        }
        return invocation
    }

    /// The slash command as one line: a single quoted argument, or several words re-quoted.
    static func joinedCommand(_ words: [String], options: inout GlobalOptions) throws -> String {
        let rest = try options.extract(from: words)
        guard rest.count > 1 else { return rest.first ?? "" }
        // Quoted so that the runtime's tokenizer gives back the same words: whitespace, quotes and
        // backslashes are kept, and an empty word stays a word.
        let quoted = rest.map { word in
            word.isEmpty || word.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" || $0 == "\\" })
                ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
        }
        // `faber run '/x:y op --a 1' --b 2`: the first argument is already a command line; the
        // words after it continue it (so a typo there is an unknown flag, not an unknown command).
        if rest[0].hasPrefix("/"), rest[0].contains(where: \.isWhitespace) {
            return ([rest[0]] + quoted.dropFirst()).joined(separator: " ")
        }
        return quoted.joined(separator: " ")
    }

    /// Every `--plugin-dir` must be a folder: a mistyped one is a usage error (64) before anything
    /// runs, not a plugin silently missing.
    func checkPluginDirs() throws {
        for dir in namedPluginDirs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw FaberError.usage(
                    "plugin folder not found: \(dir)", hint: "--plugin-dir names a folder of plugins, or one plugin folder",
                    code: "plugin-dir-missing")
            }
        }
    }

    /// The workspace folder, absolute; it must exist.
    func resolveWorkspace() throws -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = workspace.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 } ?? cwd
        let standardized = (path as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: standardized, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FaberError.usage(
                "workspace not found: \(standardized)", hint: "pass --workspace DIR or set FABER_WORKSPACE to a folder with commands/, skills/ or plugins/")
        }
        return standardized
    }
}
