import FaberCore

// The spec model: what the markdown files of a workspace say, with the location
// of everything that was written. Built by the loader, checked by `SpecChecker`
// (spec-level) and by the engine's planner (graph-level).

/// A spec file split into YAML front matter and markdown body.
public struct SpecFile: Sendable {
    public var path: String
    /// The front matter mapping (nil when the file has none).
    public var frontMatter: YAMLNode?
    /// The markdown after the front matter, and the 1-based line it starts on.
    public var body: String
    public var bodyStartLine: Int
    /// True when the front matter could not be parsed (the error is among the load diagnostics);
    /// the builders then skip "missing key" errors that would only repeat it.
    public var hasFrontMatterErrors: Bool = false
    /// True when the file could not be read at all (its one problem is reported as such).
    public var readFailed: Bool = false
    /// Rewrites that make the front matter portable (values only Claude Code's tolerant reader
    /// accepts, quoted): `faber check --fix` applies them.
    public var fixes: [SpecFix] = []
}

/// The three kinds of spec a Claude Code plugin holds (docs/claude-code.md).
public enum SpecKind: String, Sendable, Hashable {
    /// faber runs it: a command with `agent:` or `workflow:`, an agent or a skill with
    /// `operations:`, a workflow with ```step blocks.
    case runnable
    /// A prompt for an LLM, as most Claude Code plugins hold them: a command without `agent:` /
    /// `workflow:` (a slash-command prompt), an agent without `operations:` (a subagent), a skill
    /// without `operations:` (instructions). faber lists and renders them; a model runs them.
    case prompt
    /// Markdown that only documents: a workflow file without a ```step block.
    case documentation
}

public enum SpecScope: Sendable, Hashable {
    /// Top-level `commands/ agents/ skills/` of the workspace: `/<command>`.
    case workspace
    /// `plugins/<plugin>/...`: `/<plugin>:<command>`.
    case plugin(String)

    public var pluginName: String? {
        if case .plugin(let name) = self { name } else { nil }
    }
}

/// `plugins/<plugin>/.claude-plugin/plugin.json`
public struct PluginSpec: Sendable {
    public var name: String
    public var version: String?
    public var description: String?
    /// The plugin folder (parent of `.claude-plugin`).
    public var root: String
    public var manifestPath: String
    /// plugin.json's `commands`, `agents` and `skills`: paths (files or folders, relative to the
    /// plugin folder) read besides the default folders, as Claude Code reads them.
    public var componentPaths = ComponentPaths()

    public struct ComponentPaths: Sendable, Hashable {
        public var commands: [String] = []
        public var agents: [String] = []
        public var skills: [String] = []
        public init() {}
    }
}

/// `commands/<name>.md`
public struct CommandSpec: Sendable {
    public enum Target: Sendable, Hashable {
        /// `agent: ops-manager`: the first word picks one of the agent's operations.
        case agent(Located<String>)
        /// `workflow: <skill>/<workflow>`: runs one workflow directly.
        case workflow(Located<String>)
    }

    public var name: String
    public var scope: SpecScope
    public var file: SpecFile
    /// `.runnable` (it has `agent` or `workflow`) or `.prompt`.
    public var kind: SpecKind
    public var description: String?
    public var argumentHint: String?
    public var target: Target?
    /// Claude Code's `allowed-tools` (or `tools`): what the model may use running the prompt, as
    /// written (`Bash(git add:*)`). Permissions for Claude Code, not handler namespaces.
    public var allowedTools: [Located<String>]
    /// Claude Code's `model`, when it names one.
    public var model: Located<String>?
    /// The placeholders of a prompt command's body, found once when the file is read.
    public var template: PromptTemplate?
    /// Arguments of a command that runs a workflow directly (same format as an operation's).
    public var arguments: [ArgumentSpec]

    /// `/plugin:command` or `/command`.
    public var slashName: String {
        if let plugin = scope.pluginName { "/\(plugin):\(name)" } else { "/\(name)" }
    }
}

public enum Risk: String, Sendable, Hashable, CaseIterable {
    case readOnly = "read-only"
    case mutating
    case destructive
}

/// One entry of an agent's `operations:`.
public struct OperationSpec: Sendable {
    public var name: String
    public var location: SourceLocation
    public var description: String?
    public var skill: Located<String>?
    public var workflow: Located<String>?
    public var aliases: [Located<String>]
    public var risk: Risk
    public var arguments: [ArgumentSpec]
    /// The follow-up operation(s) it suggests.
    public var next: [Located<String>]
}

/// One argument of an operation: `--name value`.
public struct ArgumentSpec: Sendable {
    public enum ArgumentType: String, Sendable, Hashable, CaseIterable {
        case string, integer, number, boolean, duration
    }

    public var name: String
    public var location: SourceLocation
    public var type: ArgumentType
    public var required: Bool
    public var defaultValue: Value?
    public var allowed: [String]?
    public var description: String?
    /// `repeatable: true`: the flag may be given several times, or once with comma-separated
    /// values; the input is then a list.
    public var repeatable = false
    /// `minimum` / `maximum` of an integer or number argument, refused outside (exit 64).
    public var minimum: Double?
    public var maximum: Double?
}

/// `agents/<name>.md`
public struct AgentSpec: Sendable {
    public var name: String
    public var scope: SpecScope
    public var file: SpecFile
    /// `.runnable` (it has `operations`) or `.prompt` (a Claude Code subagent).
    public var kind: SpecKind
    public var description: String?
    /// Claude Code's `tools` of a subagent, as written.
    public var allowedTools: [Located<String>]
    public var model: Located<String>?
    public var operations: [OperationSpec]

    /// The operation called `word`, directly or through an alias.
    public func operation(named word: String) -> OperationSpec? {
        operations.first { $0.name == word } ?? operations.first { $0.aliases.contains { $0.value == word } }
    }
}

/// `skills/<name>/SKILL.md`
public struct SkillSpec: Sendable {
    public enum OperationTarget: Sendable, Hashable {
        /// A workflow of this skill, by name (`workflow/<name>.md`).
        case workflow(String)
        /// A native handler id such as `aws.query-metrics`.
        case handler(String)
    }

    public struct Operation: Sendable {
        public var name: String
        public var location: SourceLocation
        public var target: OperationTarget
        public var description: String?
    }

    public var name: String
    public var scope: SpecScope
    public var file: SpecFile
    /// `.runnable` (it has `operations`) or `.prompt` (Claude Code instructions).
    public var kind: SpecKind
    /// The skill folder (holds `SKILL.md`, `workflow/`, `templates/`).
    public var directory: String
    public var description: String?
    /// Handler namespaces its workflows may call; nil means every handler. Only a runnable skill
    /// has them: a prompt skill's `tools` are Claude Code's, in `allowedTools`.
    public var tools: [Located<String>]?
    /// Claude Code's `allowed-tools` (and a prompt skill's `tools`), as written.
    public var allowedTools: [Located<String>]
    /// `tools` read as Claude Code tools, for when the skill turns out to be a prompt.
    var toolsAsPermissions: [Located<String>] = []
    public var operations: [Operation]
    /// Workflow names found in `workflow/` (file name without `.md`).
    public var workflowNames: [String]

    public func workflowPath(_ name: String) -> String { "\(directory)/workflow/\(name).md" }

    /// A skill is runnable when it has `operations` or a workflow with steps (a command may run
    /// one directly); otherwise it is Claude Code instructions, whose `tools` are Claude Code's.
    mutating func settle(hasRunnableWorkflow: Bool) {
        if kind == .prompt, hasRunnableWorkflow { kind = .runnable }
        if kind == .prompt, tools != nil {
            allowedTools += toolsAsPermissions
            tools = nil
        }
    }
}

/// `skills/<skill>/workflow/<name>.md`
public struct WorkflowSpec: Sendable {
    public struct Input: Sendable {
        public var name: String
        public var location: SourceLocation
        public var required: Bool
        public var defaultValue: YAMLNode?
        public var description: String?
    }

    public var name: String
    public var skill: String
    public var file: SpecFile
    /// `.runnable` (it has ```step blocks) or `.documentation`.
    public var kind: SpecKind
    public var description: String?
    public var inputs: [Input]
    /// Output name -> value template (usually a `${{ }}` expression), in source order.
    public var outputs: [(name: String, value: YAMLNode)]
    public var steps: [StepSpec]
}

/// One ```step block under a heading.
public struct StepSpec: Sendable {
    public struct Retry: Sendable, Hashable {
        public var attempts: Int
        /// Seconds before the first retry; doubled each time (`backoff: 2s`).
        public var backoff: Double
        public var location: SourceLocation
    }

    public enum OnError: String, Sendable, Hashable {
        case fail, `continue`
    }

    /// `id:`, or the slug of the heading.
    public var id: Located<String>
    public var heading: String?
    /// Location of the ```step block's first line of YAML.
    public var location: SourceLocation
    public var uses: Located<String>
    /// The `with:` mapping, templates unevaluated (nil when absent).
    public var with: YAMLNode?
    /// `needs:`; nil means "the step before" (none for the first step).
    public var needs: [Located<String>]?
    /// `if:` exactly as written: `${{ expr }}` or a bare expression.
    public var condition: Located<String>?
    public var forEach: YAMLNode?
    public var concurrency: Int?
    public var retry: Retry?
    /// Seconds.
    public var timeout: Located<Double>?
    public var onError: OnError
}
