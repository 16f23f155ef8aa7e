/// The keys each kind of spec knows. Front matter keys are a superset of Claude Code's.
enum SpecKeys {
    /// Claude Code keys every kind of front matter may carry.
    static let claudeCode = [
        "name", "description", "argument-hint", "tools", "allowed-tools", "disallowed-tools", "model", "color",
        "examples", "disable-model-invocation", "license", "metadata", "version", "author", "tags",
    ]
    static let command = claudeCode + ["agent", "workflow", "arguments"]
    static let agent = claudeCode + ["operations"]
    static let skill = claudeCode + ["operations"]

    /// Claude Code's own keys of a slash-command prompt, a subagent and a skill's instructions
    /// (code.claude.com/docs: slash commands, subagents, skills).
    static let promptCommand = command + ["hide-from-slash-command-tool", "when_to_use", "context", "user-invocable", "hooks", "effort"]
    static let subagent =
        agent + [
            "disallowedTools", "permissionMode", "skills", "hooks", "mcpServers", "memory", "maxTurns", "background",
            "isolation", "effort", "initialPrompt",
        ]
    static let promptSkill =
        skill + [
            "when_to_use", "user-invocable", "context", "agent", "hooks", "paths", "effort", "shell",
        ]
    static let workflow = claudeCode + ["inputs", "outputs"]

    static let operation = ["description", "skill", "workflow", "aliases", "risk", "arguments", "next", "examples"]
    static let argument = ["type", "required", "default", "enum", "description", "examples", "repeatable", "minimum", "maximum"]
    static let skillOperation = ["workflow", "handler", "description"]
    static let input = ["required", "default", "description", "type"]

    static let step = [
        "id", "uses", "with", "needs", "if", "for_each", "concurrency", "retry", "timeout", "on_error",
        "description",
    ]
    static let retry = ["attempts", "backoff"]
}
