import FaberTestSupport
import Foundation
import Testing

/// A plugin in every format Claude Code accepts (Fixtures/claude-code): prompt commands with each
/// placeholder form, subagents with unquoted and multi-line descriptions, instructions, a
/// documentation-only workflow file, hooks, .mcp.json and a marketplace. faber loads it as Claude
/// Code does: no errors, warnings where strict YAML fails, prompts rendered on run.
@Suite("Claude Code plugins, end to end")
struct ClaudeCodeEndToEndTests {
    static let plugin = "plugins/reviewer"

    @Test("check reports no error, and a warning with its fix for each value only Claude Code's reader accepts")
    func check() throws {
        let result = try TestWorkspace(fixture: "claude-code").faber("check")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "faber check: 0 errors, 3 warnings in 7 specs\n")
        #expect(
            result.stderr == """
                plugins/reviewer/agents/code-reviewer.md:3:14: warning: strict YAML parsers reject this value of 'description' (mapping values are not allowed in this context); Claude Code reads it as text
                  hint: write it as a block: description: |- and the lines below it indented (faber check --fix does it)
                plugins/reviewer/agents/quick-check.md:3:14: warning: strict YAML parsers reject this value of 'description' (mapping values are not allowed in this context); Claude Code reads it as text
                  hint: quote it: description: "Use this agent for a fast pass: typos, leftovers and debu…" (faber check --fix does it)
                plugins/reviewer/commands/review.md:3:16: warning: strict YAML parsers reject this value of 'argument-hint' (did not find expected key while parsing a block mapping); Claude Code reads it as text
                  hint: quote it: argument-hint: "[pr-number] [focus]" (faber check --fix does it)

                """)
    }

    @Test("check --fix quotes those values, says what it changed, and keeps every other byte")
    func fix() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        let before = try #require(workspace.read("\(Self.plugin)/agents/code-reviewer.md"))
        let quickBefore = try #require(workspace.read("\(Self.plugin)/agents/quick-check.md"))
        let result = try workspace.faber("check", "--fix")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                fixed plugins/reviewer/agents/code-reviewer.md:3: wrote 'description' as a block scalar
                fixed plugins/reviewer/agents/quick-check.md:3: quoted 'description'
                fixed plugins/reviewer/commands/review.md:3: quoted 'argument-hint'
                faber check --fix: 3 fixes in 3 files
                faber check: 0 errors, 0 warnings in 7 specs

                """)
        #expect(
            workspace.read("\(Self.plugin)/agents/quick-check.md")
                == quickBefore.replacingOccurrences(
                    of: "description: Use this agent for a fast pass: typos, leftovers and debug prints",
                    with: "description: \"Use this agent for a fast pass: typos, leftovers and debug prints\""))
        let after = try #require(workspace.read("\(Self.plugin)/agents/code-reviewer.md"))
        #expect(
            after.hasPrefix(
                """
                ---
                name: code-reviewer
                description: |-
                  Use this agent when code has been written and needs a review for bugs and style. Examples:

                  <example>
                  Context: The user has just finished a feature.
                  user: "I've added the login form, can you review it?"
                """))
        // Everything after the description is as it was.
        let tail = { (text: String) in text[text.range(of: "tools: Read")!.lowerBound...] }
        #expect(tail(after) == tail(before))
        // Nothing is left to fix.
        #expect(try workspace.faber("check", "--fix").stdout.hasPrefix("faber check --fix: 0 fixes in 0 files\n"))
    }

    @Test("check --fix keeps CRLF line breaks")
    func fixKeepsCRLF() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        let path = "\(Self.plugin)/agents/quick-check.md"
        let crlf = try #require(workspace.read(path)).replacingOccurrences(of: "\n", with: "\r\n")
        _ = try workspace.write(path, crlf)
        #expect(try workspace.faber("check", "--fix").status == 0)
        let fixed = try #require(workspace.read(path))
        #expect(
            fixed
                == crlf.replacingOccurrences(
                    of: "description: Use this agent for a fast pass: typos, leftovers and debug prints",
                    with: "description: \"Use this agent for a fast pass: typos, leftovers and debug prints\""))
    }

    @Test("list shows every command, prompts marked, with their argument hints and descriptions")
    func list() throws {
        let result = try TestWorkspace(fixture: "claude-code").faber("list")
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                """
                Commands
                  /reviewer:notes  [prompt]
                      Summarise the notes of this change for the release log.
                  /reviewer:review [pr-number] [focus]  [prompt]
                      Review a pull request against the checklist
                  /reviewer:status  [prompt]
                      Show what changed: staged, unstaged and untracked
                """), "\(result.stdout)")
        #expect(result.stdout.contains("  style-guide (reviewer) [instructions]: The team's style rules"))
        #expect(
            result.stdout.contains(
                "Subagents\n  code-reviewer (reviewer): Use this agent when code has been written and needs a review for bugs and style. Examples:\n  quick-check (reviewer): Use this agent for a fast pass: typos, leftovers and debug prints\n"
            ), "\(result.stdout)")
        #expect(!result.stdout.contains("workflows: overview"))  // documentation, not a workflow
    }

    @Test("run renders a prompt command as Claude Code hands it to the model, and runs nothing")
    func renderPrompt() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        let result = try workspace.faber("run", "/reviewer:review 42 \"error handling\"")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                Review pull request #42, focusing on error handling.

                Everything the user asked for: 42 "error handling"

                - Current diff: !`git diff HEAD`
                - The pull request: !`gh pr view 42`

                Follow the checklist: <file path="plugins/reviewer/docs/checklist.md">
                1. Every public function has a test.
                2. Errors say where they happened.
                </file>

                Ask @agent-code-reviewer for a second opinion; mail results to reviews@example.com.
                Paths in code are not references: `@docs/example.md`.

                ```text
                @docs/also-not-a-reference.md
                ```

                """)
        #expect(result.stderr.contains("note: /reviewer:review is a prompt for an LLM: faber rendered it and ran nothing."))
        #expect(result.stderr.contains("Claude Code would first run `git diff HEAD`, `gh pr view 42`"))
        #expect(result.stderr.contains("give the command 'workflow: <skill>/<workflow>'"))
    }

    @Test("run --output json gives the prompt, the model, the allowed tools and the files read")
    func renderJSON() throws {
        let result = try TestWorkspace(fixture: "claude-code").faber("run", "/reviewer:review 7 tests", "--output", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["command"] as? String == "/reviewer:review")
        #expect(json["kind"] as? String == "prompt")
        #expect(json["arguments"] as? String == "7 tests")
        #expect(json["model"] as? String == "claude-sonnet-4-5")
        #expect(json["allowed_tools"] as? [String] == ["Bash(git diff:*)", "Bash(gh pr view:*)", "Read"])
        #expect(json["files_read"] as? [String] == ["plugins/reviewer/docs/checklist.md"])
        let shell = try #require(json["shell_commands"] as? [[String: String]])
        #expect(
            shell == [
                ["command": "git diff HEAD", "at": "plugins/reviewer/commands/review.md:12:17"],
                ["command": "gh pr view 7", "at": "plugins/reviewer/commands/review.md:13:21"],
            ])
        #expect((json["prompt"] as? String)?.hasPrefix("Review pull request #7, focusing on tests.") == true)
        #expect(result.stderr.isEmpty)
    }

    @Test("a prompt without placeholders gets its arguments last; a command in a subfolder is called by its file name")
    func argumentsAppendedAndSubfolders() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        let notes = try workspace.faber("run", "/reviewer:notes for v2.0")
        #expect(notes.stdout == "Summarise the notes of this change for the release log.\n\nKeep it to three bullet points.\n\nARGUMENTS: for v2.0\n")
        let status = try workspace.faber("run", "/reviewer:status", "--output", "json")
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"allowed_tools\": [\n    \"Bash(git status:*)\",\n    \"Bash(git diff:*)\"\n  ]"), "\(status.stdout)")
    }

    @Test("a reference to a folder is its listing")
    func folderReference() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        try workspace.edit("\(Self.plugin)/commands/notes.md", replacing: "Keep it", with: "Docs: @${CLAUDE_PLUGIN_ROOT}/docs/\n\nKeep it")
        let result = try workspace.faber("run", "/reviewer:notes")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Docs: <directory path=\"plugins/reviewer/docs\">\nchecklist.md\n</directory>\n"), "\(result.stdout)")
        #expect(try workspace.faber("check").status == 0)
    }

    @Test("--help of a prompt command says what it is, with its model and tools")
    func help() throws {
        let result = try TestWorkspace(fixture: "claude-code").faber("run", "/reviewer:review --help")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("/reviewer:review [pr-number] [focus]\n\nReview a pull request against the checklist\n\nA prompt command:"))
        #expect(result.stdout.contains("Model: claude-sonnet-4-5\nAllowed tools: Bash(git diff:*), Bash(gh pr view:*), Read"))
    }

    @Test("a referenced file that is missing, or outside the plugin and workspace, stops the render with 65 at the reference")
    func referencesRefused() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        try workspace.edit("\(Self.plugin)/commands/notes.md", replacing: "Keep it", with: "Read @$1 first. Keep it")
        let missing = try workspace.faber("run", "/reviewer:notes docs/nothing.md")
        #expect(missing.status == 65)
        #expect(
            missing.stderr.hasPrefix("plugins/reviewer/commands/notes.md:3:6: error: @docs/nothing.md names a file that does not exist"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)

        let secret = try workspace.write("password", to: workspace.scratch + "/secret.txt")
        let escape = try workspace.faber("run", "/reviewer:notes ../scratch/secret.txt")
        #expect(escape.status == 65, "\(escape.stderr)")
        #expect(escape.stderr.contains("is outside the plugin and the workspace; faber inlines only their files"), "\(escape.stderr)")
        #expect(!escape.stdout.contains("password"))

        // A link inside the workspace that leads out of it is refused the same way.
        try FileManager.default.createSymbolicLink(atPath: workspace.path("linked.txt"), withDestinationPath: secret)
        let linked = try workspace.faber("run", "/reviewer:notes linked.txt")
        #expect(linked.status == 65)
        #expect(linked.stderr.contains("@linked.txt is outside the plugin and the workspace"), "\(linked.stderr)")
        #expect(!linked.stdout.contains("password"))
    }

    @Test("real errors stay errors, at their place: plugin.json, duplicate commands, routing, references, hooks, marketplace")
    func realErrors() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write("\(Self.plugin)/commands/other/status.md", "Another status.\n")
        _ = try workspace.write("\(Self.plugin)/commands/route.md", "---\ndescription: Route\nagent: code-reviewr\n---\n")
        try workspace.edit("\(Self.plugin)/commands/review.md", replacing: "docs/checklist.md", with: "docs/checklst.md")
        _ = try workspace.write("\(Self.plugin)/hooks/hooks.json", "{\"hooks\": {\"PreToolUse\": [}\n")
        _ = try workspace.write(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": [}")
        _ = try workspace.write("plugins/nameless/.claude-plugin/plugin.json", "{\"version\": \"1.0.0\"}")
        let result = try workspace.faber("check")
        #expect(result.status == 65)
        let expected = [
            ".claude-plugin/marketplace.json:1:27: error: invalid JSON",
            "plugins/nameless/.claude-plugin/plugin.json:1:1: error: missing required key 'name' in plugin.json",
            "plugins/reviewer/commands/route.md:3:8: error: unknown agent 'code-reviewr' in command '/reviewer:route'\n  hint: did you mean 'code-reviewer'?",
            "plugins/reviewer/commands/review.md:15:23: error: @${CLAUDE_PLUGIN_ROOT}/docs/checklst.md names a file that does not exist",
            "hint: did you mean 'checklist.md'?",
            "plugins/reviewer/commands/other/status.md:1:1: error: command '/reviewer:status' is defined twice",
            "plugins/reviewer/hooks/hooks.json:1:27: error: invalid JSON",
        ]
        for line in expected { #expect(result.stderr.contains(line), "missing: \(line)\n\(result.stderr)") }
        #expect(result.stderr.hasSuffix("faber check: 6 errors, 3 warnings in 9 specs\n"), "\(result.stderr)")
    }

    @Test("plugins a marketplace lists elsewhere are found, named as it names them; a workspace that is a plugin is that plugin")
    func discovery() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write(
            ".claude-plugin/marketplace.json",
            """
            {"name": "m", "owner": {"name": "o"}, "plugins": [
              {"name": "reviewer", "source": "./plugins/reviewer"},
              {"name": "extra-tools", "source": "./external_plugins/extra", "strict": false},
              {"name": "remote", "source": {"source": "github", "repo": "someone/remote"}}
            ]}
            """)
        _ = try workspace.write("external_plugins/extra/commands/hello.md", "---\ndescription: Say hello\n---\nSay hello to $1.\n")
        let list = try workspace.faber("list")
        #expect(list.stdout.contains("  /extra-tools:hello  [prompt]\n      Say hello"), "\(list.stdout)")
        #expect(!list.stderr.contains("has no .claude-plugin/plugin.json"), "\(list.stderr)")
        #expect(try workspace.faber("run", "/extra-tools:hello Ada").stdout == "Say hello to Ada.\n")

        let solo = try TestWorkspace(
            [
                ".claude-plugin/plugin.json": "{\"name\": \"solo\"}", "commands/hi.md": "---\ndescription: Hi\n---\nRead @${CLAUDE_PLUGIN_ROOT}/notes.md\n",
                "notes.md": "a note\n",
            ],
            prefix: "solo")
        let check = try solo.faber("check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "faber check: 0 errors, 0 warnings in 1 spec\n")
        #expect(try solo.faber("run", "/solo:hi").stdout == "Read <file path=\"notes.md\">\na note\n</file>\n")

        // A plugin's repository whose marketplace lists the plugin itself at "./", with or without plugin.json.
        for manifest in [true, false] {
            var files = [
                ".claude-plugin/marketplace.json": "{\"name\": \"m\", \"owner\": {\"name\": \"o\"}, \"plugins\": [{\"name\": \"self\", \"source\": \"./\"}]}",
                "skills/tidy/SKILL.md": "---\nname: tidy\ndescription: Tidy the code\n---\nTidy it.\n",
                "commands/go.md": "Go.\n",
            ]
            if manifest { files[".claude-plugin/plugin.json"] = "{\"name\": \"self\"}" }
            let repository = try TestWorkspace(files, prefix: "self-listed")
            let result = try repository.faber("check")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "faber check: 0 errors, 0 warnings in 2 specs\n", "\(result.stderr)")
            #expect(try repository.faber("list").stdout.contains("  /self:go  [prompt]"))
        }
    }

    @Test("a command run by one of Claude Code's subagents (context: fork, or agent: Explore) is a prompt, not a route to operations")
    func claudeCodeSubagentCommands() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write("\(Self.plugin)/commands/deep.md", "---\ndescription: Research\ncontext: fork\nagent: researcher\n---\nResearch $ARGUMENTS.\n")
        _ = try workspace.write("\(Self.plugin)/commands/scan.md", "---\ndescription: Scan\nagent: Explore\n---\nFind every TODO.\n")
        let check = try workspace.faber("check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "faber check: 0 errors, 3 warnings in 9 specs\n")
        #expect(try workspace.faber("run", "/reviewer:deep the cache").stdout == "Research the cache.\n")
        #expect(try workspace.faber("list").stdout.contains("  /reviewer:scan  [prompt]"))
    }

    @Test("a command naming a subagent, by name or plugin:name, is that subagent's prompt")
    func commandsNamingSubagents() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write("\(Self.plugin)/commands/second-look.md", "---\nagent: quick-check\n---\nLook again at $ARGUMENTS.\n")
        _ = try workspace.write(
            "\(Self.plugin)/commands/qualified.md", "---\ndescription: Review\nagent: reviewer:code-reviewer\nsubtask: true\n---\nReview it.\n")
        let check = try workspace.faber("check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(try workspace.faber("run", "/reviewer:second-look the diff").stdout == "Look again at the diff.\n")
        let list = try workspace.faber("list").stdout
        #expect(list.contains("  /reviewer:second-look  [prompt]\n      Look again at $ARGUMENTS."), "\(list)")
        #expect(list.contains("  /reviewer:qualified  [prompt]"))
    }

    @Test("plugin.json's own commands, agents and skills paths are read besides the default folders")
    func componentPaths() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write(
            "\(Self.plugin)/.claude-plugin/plugin.json",
            "{\"name\": \"reviewer\", \"commands\": \"./more\", \"agents\": [\"./team/lead.md\"], \"skills\": [\"./extra-skills\", \"./one-skill\"]}")
        _ = try workspace.write("\(Self.plugin)/more/deep/ship.md", "---\ndescription: Ship it\n---\nShip.\n")
        _ = try workspace.write("\(Self.plugin)/team/lead.md", "---\nname: lead\ndescription: Leads the review\n---\nLead.\n")
        _ = try workspace.write("\(Self.plugin)/extra-skills/naming/SKILL.md", "---\nname: naming\ndescription: Naming rules\n---\nName well.\n")
        _ = try workspace.write("\(Self.plugin)/one-skill/SKILL.md", "---\nname: solo-skill\ndescription: One skill\n---\nOne.\n")
        let result = try workspace.faber("list")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  /reviewer:ship  [prompt]"), "\(result.stdout)")
        #expect(result.stdout.contains("  lead (reviewer): Leads the review"))
        #expect(result.stdout.contains("  naming (reviewer) [instructions]: Naming rules"))
        #expect(result.stdout.contains("  solo-skill (reviewer) [instructions]: One skill"))
        #expect(try workspace.faber("check").stdout == "faber check: 0 errors, 3 warnings in 11 specs\n")
    }

    @Test("a Claude Code tool among a runnable skill's handler namespaces is a warning that says where it belongs")
    func claudeCodeToolInRunnableSkill() throws {
        let workspace = try TestWorkspace(fixture: "hello")
        try workspace.edit("plugins/hello/skills/greeting/SKILL.md", replacing: "tools: [core, report]", with: "tools: [core, report, Bash]")
        let result = try workspace.faber("check")
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: no handler namespace 'Bash' in tools of skill 'greeting'\n  hint: 'Bash' is a Claude Code tool: list it under 'allowed-tools'"),
            "\(result.stderr)")
    }

    @Test("a prompt's front matter that no reader can use is a warning: Claude Code loads the prompt without it")
    func unreadableFrontMatterOfPrompt() throws {
        let workspace = try TestWorkspace(fixture: "claude-code")
        _ = try workspace.write("\(Self.plugin)/commands/broken.md", "---\n- a list, not keys\n- [unclosed\n---\nDo the thing.\n")
        let result = try workspace.faber("check")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("(Claude Code loads this prompt without its front matter)"), "\(result.stderr)")
        #expect(try workspace.faber("run", "/reviewer:broken").stdout == "Do the thing.\n")
    }
}
