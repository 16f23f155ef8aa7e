import FaberCore
import FaberRuntime
import Testing

@testable import FaberCLI

/// `Invocation.Command` is not Equatable: compare a one-line summary instead.
extension Invocation.Command {
    var summary: String {
        switch self {
        case .repl: "repl"
        case .check: "check"
        case .list: "list"
        case .help: "help"
        case .version: "version"
        case .run(let line): "run \(line)"
        case .graph(let target, let format): "graph \(target) \(format.rawValue)"
        case .mcp(let allowMutations): allowMutations ? "mcp --allow-mutations" : "mcp"
        }
    }
}

func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> Invocation {
    try Invocation.parse(arguments, environment: environment)
}

/// The error `Invocation.parse` throws for `arguments`; records an issue when it does not throw.
func parseError(
    _ arguments: [String], environment: [String: String] = [:],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> FaberError {
    try #require(throws: FaberError.self, sourceLocation: sourceLocation) {
        try Invocation.parse(arguments, environment: environment)
    }
}

@Suite("faber's command line: Invocation.parse")
struct InvocationParsingTests {
    static let commandsHint = "commands: run, check, list, graph, mcp, repl, help, version; slash commands start with '/'"

    // MARK: - Subcommands

    @Test("no arguments is the REPL with default options, no workspace and no plugin folders")
    func noArguments() throws {
        let invocation = try parse([])
        #expect(invocation.command.summary == "repl")
        #expect(invocation.workspace == nil)
        #expect(invocation.pluginDirs.isEmpty)
        #expect(invocation.options.output == .text)
        #expect(!invocation.options.assumeYes && !invocation.options.dryRun && !invocation.options.trace)
    }

    @Test(
        "each subcommand without arguments is that command",
        arguments: [
            ("check", "check"), ("list", "list"), ("repl", "repl"), ("help", "help"), ("version", "version"),
            ("--help", "help"), ("-h", "help"), ("--version", "version"), ("mcp", "mcp"),
        ])
    func subcommand(word: String, expected: String) throws {
        #expect(try parse([word]).command.summary == expected)
    }

    @Test("mcp takes --allow-mutations and nothing else; a typo gets a did-you-mean")
    func mcp() throws {
        #expect(try parse(["mcp", "--allow-mutations"]).command.summary == "mcp --allow-mutations")
        #expect(try parse(["--workspace", "/tmp", "mcp"]).workspace == "/tmp")
        let typo = try parseError(["mcp", "--allow-mutation"])
        #expect(typo.message == "unexpected argument '--allow-mutation' for faber mcp")
        #expect(typo.hint == "did you mean '--allow-mutations'?")
    }

    @Test("--version wins wherever it is, even after an unknown command")
    func versionAnywhere() throws {
        #expect(try parse(["bogus", "--version"]).command.summary == "version")
        #expect(try parse(["run", "/x:y op", "--version"]).command.summary == "version")
    }

    @Test("run takes the slash command line; faber's options after it are taken out")
    func run() throws {
        #expect(try parse(["run", "/x:y op --a 1"]).command.summary == "run /x:y op --a 1")
        let invocation = try parse(["run", "/x:y op", "--output", "json", "--yes", "--dry-run", "--trace"])
        #expect(invocation.command.summary == "run /x:y op")
        #expect(invocation.options.output == .json)
        #expect(invocation.options.assumeYes && invocation.options.dryRun && invocation.options.trace)
    }

    @Test("a slash command without run is run, as one argument or as several words")
    func slashCommandWithoutRun() throws {
        #expect(try parse(["/x:y op --a 1"]).command.summary == "run /x:y op --a 1")
        #expect(try parse(["/x:y", "op", "--a", "1"]).command.summary == "run /x:y op --a 1")
        let invocation = try parse(["/fractary-faber-cloud:ops-manage", "check-health", "--env", "prod", "-o", "json"])
        #expect(invocation.command.summary == "run /fractary-faber-cloud:ops-manage check-health --env prod")
        #expect(invocation.options.output == .json)
    }

    @Test("faber run without a slash command is a usage error")
    func runWithoutCommand() throws {
        for arguments in [["run"], ["--yes", "run"], ["-w", "/tmp", "run"]] {
            let error = try parseError(arguments)
            #expect(error.exitStatus == .usage)
            #expect(error.code == "usage")
            #expect(error.message == "faber run needs a slash command, e.g. faber run '/plugin:command operation --env test'")
            #expect(error.hint == nil)
        }
    }

    // Both crashed the process once: with faber's options taken out no word was left.
    @Test("faber run --help asks for help")
    func runHelp() throws {
        #expect(try parse(["run", "--help"]).command.summary == "help")
    }

    @Test("faber run --yes without a command is the missing-command usage error")
    func runOnlyOptions() throws {
        let error = try parseError(["run", "--yes"])
        #expect(error.message == "faber run needs a slash command, e.g. faber run '/plugin:command operation --env test'")
    }

    // MARK: - Workspace and plugin folders

    @Test(
        "the workspace is given with --workspace DIR, -w DIR or --workspace=DIR, before or after the subcommand",
        arguments: [
            ["--workspace", "/tmp/w", "check"], ["-w", "/tmp/w", "check"], ["--workspace=/tmp/w", "check"],
            ["-w=/tmp/w", "check"], ["check", "--workspace", "/tmp/w"], ["check", "-w", "/tmp/w"],
        ])
    func workspaceFlag(arguments: [String]) throws {
        let invocation = try parse(arguments)
        #expect(invocation.workspace == "/tmp/w")
        #expect(invocation.command.summary == "check")
    }

    @Test("FABER_WORKSPACE is the workspace unless empty; --workspace overrides it")
    func workspaceEnvironment() throws {
        #expect(try parse([], environment: ["FABER_WORKSPACE": "/env/w"]).workspace == "/env/w")
        #expect(try parse([], environment: ["FABER_WORKSPACE": ""]).workspace == nil)
        #expect(try parse(["-w", "/flag/w"], environment: ["FABER_WORKSPACE": "/env/w"]).workspace == "/flag/w")
        #expect(try parse(["-w", "a", "-w", "b"]).workspace == "b")
    }

    @Test("plugin folders come from FABER_PLUGIN_PATH (colon-separated, empty parts dropped), then each --plugin-dir")
    func pluginDirs() throws {
        let invocation = try parse(["--plugin-dir", "c", "list", "--plugin-dir=d"], environment: ["FABER_PLUGIN_PATH": "a::b:"])
        #expect(invocation.pluginDirs == ["a", "b", "c", "d"])
        #expect(invocation.command.summary == "list")
        #expect(try parse([], environment: ["FABER_PLUGIN_PATH": ""]).pluginDirs.isEmpty)
    }

    @Test("a folder flag at the end needs its folder", arguments: ["--workspace", "-w", "--plugin-dir"])
    func folderFlagWithoutValue(flag: String) throws {
        let error = try parseError(["check", flag])
        #expect(error.exitStatus == .usage)
        #expect(error.message == "\(flag) needs a folder")
        #expect(error.hint == nil)
    }

    // MARK: - faber's own options

    @Test("faber's options before the subcommand apply to it; alone they start the REPL")
    func optionsBeforeSubcommand() throws {
        let repl = try parse(["--output", "json"])
        #expect(repl.command.summary == "repl")
        #expect(repl.options.output == .json)
        let check = try parse(["--output=markdown", "--trace", "check"])
        #expect(check.command.summary == "check")
        #expect(check.options.output == .markdown && check.options.trace)
        let run = try parse(["--yes", "/x:y op"])
        #expect(run.command.summary == "run /x:y op")
        #expect(run.options.assumeYes)
        #expect(try parse(["-o", "json", "--help"]).command.summary == "help")
    }

    @Test("check, list, repl and version take faber's options; --help makes any of them help")
    func subcommandOptions() throws {
        let check = try parse(["check", "--output", "json", "-y"])
        #expect(check.command.summary == "check")
        #expect(check.options.output == .json && check.options.assumeYes)
        #expect(try parse(["repl", "--dry-run"]).options.dryRun)
        #expect(try parse(["version", "--trace"]).command.summary == "version")
        #expect(try parse(["list", "--help"]).command.summary == "help")
        #expect(try parse(["check", "-h"]).command.summary == "help")
        #expect(try parse(["help", "anything"]).command.summary == "help")
    }

    @Test("a bad option value after a subcommand is the option's error")
    func badOptionAfterSubcommand() throws {
        let error = try parseError(["check", "--output", "yaml"])
        #expect(error.exitStatus == .usage)
        #expect(error.message == "--output 'yaml' is not one of: text, json, markdown")
    }

    @Test(
        "a word after check, list, repl or version is an unexpected argument",
        arguments: [
            (["check", "extra"], "unexpected argument 'extra' for faber check"),
            (["list", "--bogus"], "unexpected argument '--bogus' for faber list"),
            (["repl", "/x:y", "op"], "unexpected argument '/x:y' for faber repl"),
            (["version", "-o", "json", "now"], "unexpected argument 'now' for faber version"),
        ])
    func unexpectedArgument(arguments: [String], message: String) throws {
        let error = try parseError(arguments)
        #expect(error.exitStatus == .usage)
        #expect(error.message == message)
        #expect(error.hint == nil)
    }

    @Test(
        "an unknown subcommand suggests the one meant, else lists them all",
        arguments: [
            ("chek", "did you mean 'check'?"), ("gaph", "did you mean 'graph'?"), ("ver", "did you mean 'version'?"),
            ("CHECK", "did you mean 'check'?"), ("deploy", InvocationParsingTests.commandsHint),
            ("fractary-faber-cloud:ops-manage", InvocationParsingTests.commandsHint),
        ])
    func unknownSubcommand(word: String, hint: String) throws {
        let error = try parseError([word, "--env", "prod"])
        #expect(error.exitStatus == .usage)
        #expect(error.message == "unknown command '\(word)'")
        #expect(error.hint == hint)
    }

    // MARK: - graph

    @Test(
        "graph takes a target and --format mermaid (default) or dot, before or after it",
        arguments: [
            (["graph", "ops/health"], "graph ops/health mermaid"),
            (["graph", "ops/health", "--format", "dot"], "graph ops/health dot"),
            (["graph", "--format=dot", "ops/health"], "graph ops/health dot"),
            (["graph", "--format", "dot", "--format", "mermaid", "ops/health"], "graph ops/health mermaid"),
            (["-w", "/tmp/w", "graph", "ops/health"], "graph ops/health mermaid"),
        ])
    func graph(arguments: [String], expected: String) throws {
        #expect(try parse(arguments).command.summary == expected)
    }

    @Test(
        "graph refuses a format other than mermaid or dot, with a did-you-mean when close",
        arguments: [
            (["graph", "a/b", "--format", "dto"], "dto", "did you mean 'dot'?"),
            (["graph", "a/b", "--format=mermiad"], "mermiad", "did you mean 'mermaid'?"),
            (["graph", "a/b", "--format", "svg"], "svg", nil),
            (["graph", "a/b", "--format"], "", nil),
        ] as [([String], String, String?)])
    func graphBadFormat(arguments: [String], format: String, hint: String?) throws {
        let error = try parseError(arguments)
        #expect(error.exitStatus == .usage)
        #expect(error.message == "--format '\(format)' is not one of: mermaid, dot")
        #expect(error.hint == hint)
    }

    @Test("graph without a target is a usage error", arguments: [["graph"], ["graph", "--format", "dot"]])
    func graphWithoutTarget(arguments: [String]) throws {
        let error = try parseError(arguments)
        #expect(error.exitStatus == .usage)
        #expect(error.message == "faber graph needs <skill>/<workflow>, e.g. faber graph ops-monitor/health-check")
        #expect(error.hint == nil)
    }

    @Test(
        "graph refuses a second target and other flags",
        arguments: [
            (["graph", "a/b", "c/d"], "unexpected argument 'c/d' for faber graph"),
            (["graph", "-x", "a/b"], "unexpected argument '-x' for faber graph"),
        ])
    func graphUnexpectedArgument(arguments: [String], message: String) throws {
        let error = try parseError(arguments)
        #expect(error.exitStatus == .usage)
        #expect(error.message == message)
    }

    @Test("graph --help asks for help, as --help does anywhere (docs/reference.md)")
    func graphHelp() throws {
        #expect(try parse(["graph", "a/b", "--help"]).command.summary == "help")
    }
}
