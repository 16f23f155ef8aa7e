import FaberCore
import Testing

@testable import FaberSpec

/// Front matter as Claude Code reads it: values only its tolerant reader accepts are read as text,
/// with a warning and a fix after which strict YAML reads the very same value.
@Suite("Front matter read as Claude Code reads it", .timeLimit(.minutes(1)))
struct FrontMatterReaderTests {
    struct Reading {
        var file: SpecFile
        var diagnostics: [Diagnostic]
        func text(_ key: String) -> String? { file.frontMatter?[key]?.scalarText }
        var warnings: [String] { diagnostics.filter { $0.severity == .warning }.map(\.description) }
        var errors: [Diagnostic] { diagnostics.errors }
    }

    func read(_ text: String) -> Reading {
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(path: "a.md", text: text, diagnostics: &diagnostics)
        return Reading(file: file, diagnostics: diagnostics)
    }

    /// The file with every fix applied, read again: it must have no warning left and the same values.
    func fixed(_ text: String, _ reading: Reading) -> Reading {
        let result = SpecFix.apply(reading.file.fixes, to: text)
        #expect(result.skipped.isEmpty)
        return read(result.text)
    }

    func expectFixKeepsValues(_ text: String, keys: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let tolerant = read(text)
        let strict = fixed(text, tolerant)
        #expect(strict.diagnostics.isEmpty, "\(strict.diagnostics)", sourceLocation: sourceLocation)
        for key in keys {
            #expect(strict.text(key) == tolerant.text(key), "value of \(key)", sourceLocation: sourceLocation)
        }
    }

    @Test("valid YAML is read strictly, with no warning and no fix")
    func strict() {
        let reading = read("---\nname: x\ndescription: \"Use it: now\"\ntools: [Read, Grep]\n---\nbody\n")
        #expect(reading.diagnostics.isEmpty)
        #expect(reading.file.fixes.isEmpty)
        #expect(reading.text("description") == "Use it: now")
        #expect(reading.file.body == "body\n")
        #expect(reading.file.bodyStartLine == 6)
    }

    @Test("an unquoted ': ' in a description is its text, with the quoting as the fix")
    func colonInValue() {
        let text = "---\nname: quick\ndescription: Use this agent for a fast pass: typos and leftovers\nmodel: haiku\n---\n"
        let reading = read(text)
        #expect(reading.errors.isEmpty)
        #expect(reading.text("description") == "Use this agent for a fast pass: typos and leftovers")
        #expect(reading.text("model") == "haiku")
        #expect(reading.warnings.count == 1)
        #expect(reading.warnings[0].hasPrefix("a.md:3:14: warning: strict YAML parsers reject this value of 'description'"))
        #expect(reading.warnings[0].contains("quote it: description: \"Use this agent for a fast pass: typos and leftovers\""))
        #expect(reading.file.fixes.map(\.lines) == [3...3])
        expectFixKeepsValues(text, keys: ["name", "description", "model"])
    }

    @Test("an example dialogue pasted unindented into a description stays in it, and the keys after it stay keys")
    func unindentedDialogue() {
        let text = """
            ---
            name: reviewer
            description: Use this agent after a change. Examples:

            <example>
            Context: The user finished a feature.
            user: "Review it"
            assistant: "I'll use the reviewer agent."
            </example>
            tools: Read, Grep
            model: sonnet
            ---
            body
            """
        let reading = read(text)
        #expect(reading.errors.isEmpty)
        #expect(
            reading.text("description")
                == "Use this agent after a change. Examples:\n\n<example>\nContext: The user finished a feature.\nuser: \"Review it\"\nassistant: \"I'll use the reviewer agent.\"\n</example>"
        )
        #expect(reading.text("tools") == "Read, Grep")
        #expect(reading.text("model") == "sonnet")
        #expect(reading.file.frontMatter?["Context"] == nil)
        #expect(reading.warnings.count == 1)
        #expect(reading.warnings[0].contains("write it as a block: description: |-"))
        expectFixKeepsValues(text, keys: ["name", "description", "tools", "model"])
        let fixedText = SpecFix.apply(reading.file.fixes, to: text).text
        #expect(fixedText.contains("description: |-\n  Use this agent after a change. Examples:\n\n  <example>\n  Context: The user finished a feature.\n"))
        #expect(fixedText.hasSuffix("tools: Read, Grep\nmodel: sonnet\n---\nbody"))
    }

    @Test("a dialogue whose first line parses alone still belongs to the description when free text follows")
    func dialogueAfterCompleteLine() {
        let text =
            "---\nname: s\ndescription: Simplify code\nContext: a feature was added\nuser: \"tidy it\"\n<commentary>\nuse the agent\n</commentary>\nmodel: opus\n---\n"
        let reading = read(text)
        #expect(reading.file.frontMatter?["Context"] == nil)
        #expect(reading.file.frontMatter?["user"] == nil)
        #expect(reading.text("description")?.hasPrefix("Simplify code\nContext: a feature was added\nuser:") == true)
        #expect(reading.text("model") == "opus")
        expectFixKeepsValues(text, keys: ["description", "model"])
    }

    @Test("an indented continuation with ': ' folds into one line, as YAML folds a plain scalar")
    func indentedContinuation() {
        let text = "---\ndescription:\n  Create designs, wireframes\n  and systems. Use for: flows\nname: d\n---\n"
        let reading = read(text)
        #expect(reading.text("description") == "Create designs, wireframes and systems. Use for: flows")
        #expect(reading.warnings.count == 1)
        expectFixKeepsValues(text, keys: ["description", "name"])
    }

    @Test("an argument hint of two bracketed parts is its text; one bracketed part, a list to YAML, is too")
    func argumentHints() {
        let two = "---\ndescription: Init\nargument-hint: [--org <name>] [--codex <repo>]\n---\n"
        let reading = read(two)
        #expect(reading.text("argument-hint") == "[--org <name>] [--codex <repo>]")
        #expect(reading.warnings.first?.contains("quote it: argument-hint: \"[--org <name>] [--codex <repo>]\"") == true)
        expectFixKeepsValues(two, keys: ["argument-hint", "description"])

        let one = "---\ndescription: New app\nargument-hint: [project-name]\n---\n"
        let list = read(one)
        #expect(list.text("argument-hint") == "[project-name]")
        #expect(
            list.warnings == [
                "a.md:3:16: warning: strict YAML reads this 'argument-hint' as a list, not as text; Claude Code shows it as written\n  hint: quote it: argument-hint: \"[project-name]\" (faber check --fix does it)"
            ])
        expectFixKeepsValues(one, keys: ["argument-hint"])
        // A list where a list belongs is left alone.
        #expect(read("---\ntools: [Read, Grep]\n---\n").diagnostics.isEmpty)
    }

    @Test("quotes and backslashes in the text pick a quoting that needs no escape")
    func quoting() {
        for value in ["Say \"hi\": then go", "a\\b: c", "it's \"x\": \\n", "a bell\u{07}: x", "del\u{7F}: y"] {
            let text = "---\ndescription: \(value)\n---\n"
            let reading = read(text)
            #expect(reading.text("description") == value)
            expectFixKeepsValues(text, keys: ["description"])
        }
    }

    @Test("an asterisk that strict YAML reads as an alias is text, as Claude Code shows it")
    func unknownAliasIsText() {
        let text = "---\ndescription: *Important* reviewer\nname: r\n---\n"
        let reading = read(text)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.text("description") == "*Important* reviewer")
        expectFixKeepsValues(text, keys: ["description", "name"])
    }

    @Test("faber's own structured keys are never read as text: their errors stay, at their place")
    func structuredKeysStayErrors() {
        let reading = read("---\ndescription: Does: things\noperations: {check: [unclosed\nname: x\n---\n")
        #expect(reading.errors.count == 1)
        #expect(reading.errors.first?.location?.line == 4)
        #expect(reading.file.hasFrontMatterErrors)
        #expect(reading.text("description") == "Does: things")
        #expect(reading.file.frontMatter?["operations"] != nil)  // kept, empty: still a runnable spec
        #expect(reading.text("name") == "x")
    }

    @Test("a key written twice is an error in the tolerant reading too")
    func duplicateKeys() {
        let reading = read("---\ndescription: a: b\nname: x\nname: y\n---\n")
        #expect(reading.errors.map(\.message) == ["duplicate key 'name' (first defined at line 3)"])
    }

    @Test("an unknown key after a complete entry stays a key; after a broken one it is the entry's text")
    func unknownKeys() {
        let reading = read("---\nargument-hint: [a] [b]\ndescription: fine\nusage: /x:y --flag\n---\n")
        #expect(reading.text("usage") == "/x:y --flag")
        #expect(reading.text("description") == "fine")
        let broken = read("---\ndescription: Review: a change\nusage: /x:y --flag\n---\n")
        #expect(broken.text("description") == "Review: a change\nusage: /x:y --flag")
    }

    @Test("text before the first key is not read as a mapping")
    func textBeforeKeys() {
        let reading = read("---\nthis is: not: yaml\n  - and: [more\n---\n")
        #expect(!reading.errors.isEmpty)
        #expect(reading.file.frontMatter == nil)
    }

    @Test("a broken entry followed by 20,000 unknown key lines is read in one pass")
    func manyContinuationLines() {
        let lines = (0..<20_000).map { "k\($0): v: w" }.joined(separator: "\n")
        let reading = read("---\ndescription: a: b\n\(lines)\n<free text>\n---\n")
        #expect(reading.errors.isEmpty)
        #expect(reading.text("description")?.hasPrefix("a: b\nk0: v: w") == true)
    }

    @Test("fixes keep every other byte, CRLF line breaks included, and skip overlapping ones")
    func fixesKeepTheRest() {
        let text = "---\r\nname: q\r\ndescription: Fast: pass\r\nmodel: haiku\r\n---\r\nBody line\r\n"
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(path: "a.md", text: text, diagnostics: &diagnostics)
        let result = SpecFix.apply(file.fixes, to: text)
        #expect(result.text == "---\r\nname: q\r\ndescription: \"Fast: pass\"\r\nmodel: haiku\r\n---\r\nBody line\r\n")
        let overlap = SpecFix(path: "a.md", lines: 3...4, replacement: ["x: y"], summary: "other")
        #expect(SpecFix.apply(file.fixes + [overlap], to: text).skipped == [overlap])
    }
}

@Suite("Prompt templates: placeholders, file references and shell commands")
struct PromptTemplateTests {
    func template(_ body: String) -> PromptTemplate { PromptTemplate(body: body, path: "c.md", firstLine: 5) }

    @Test("which @ words name files")
    func fileReferences() {
        let body = """
            Read @docs/guide.md, then @${CLAUDE_PLUGIN_ROOT}/templates/pr.md and (@./notes.txt).
            Ask @agent-reviewer; install @fractary/cli; ping @me or mail me@example.com.
            Not in code: `@src/a.swift`.
            ```
            @src/b.swift
            ```
            """
        let references = template(body).fileReferences
        #expect(references.map(\.path) == ["docs/guide.md", "${CLAUDE_PLUGIN_ROOT}/templates/pr.md", "./notes.txt"])
        #expect(references.map(\.location.description) == ["c.md:5:6", "c.md:5:27", "c.md:5:71"])
        #expect(references[1].isInPlugin)
        // A glob or a placeholder of prose names no one file: never checked, never inlined.
        let patterns = template("See @docs/*.md and @${CLAUDE_PLUGIN_ROOT}/skills/{name}/SKILL.md.").fileReferences
        #expect(patterns.map(\.isDynamic) == [true, true])
    }

    @Test("$ARGUMENTS and $1..$9 are filled; $10 is left; without placeholders the arguments come last")
    func placeholders() throws {
        let filled = try template("Fix #$1 in $2 ($ARGUMENTS), not $10 or $3.").render(
            arguments: "12 parser", positional: ["12", "parser"], pluginRoot: nil, inline: { _, _ in "" })
        #expect(filled == "Fix #12 in parser (12 parser), not $10 or .")
        let appended = try template("Summarise the change.\n").render(arguments: "for v2", positional: ["for", "v2"], pluginRoot: nil) { _, _ in "" }
        #expect(appended == "Summarise the change.\n\nARGUMENTS: for v2")
    }

    @Test("@ references are inlined with their placeholders filled; the plugin root is replaced elsewhere")
    func inlining() throws {
        let rendered = try template("See @$1 and run ${CLAUDE_PLUGIN_ROOT}/bin/x.").render(
            arguments: "notes.md", positional: ["notes.md"], pluginRoot: "/p"
        ) { reference, location in
            "<\(reference) at \(location.line):\(location.column)>"
        }
        #expect(rendered == "See <notes.md at 5:5> and run /p/bin/x.")
    }

    @Test("!`command` lines are found with their place")
    func shellCommands() {
        let commands = template("- Status: !`git status`\n- Log: !`git log -3` and `plain code`").shellCommands
        #expect(commands.map(\.command) == ["git status", "git log -3"])
        #expect(commands.map(\.location.description) == ["c.md:5:11", "c.md:6:8"])
    }

    @Test("Claude Code tool lists: commas, spaces or a list; a pattern with a comma is one tool")
    func tools() {
        let at = SourceLocation(path: "c.md", line: 2, column: 16)
        #expect(SpecBuilder.splitTools("Bash(git add:*), Read, Bash(gh pr view:*)", at: at).map(\.value) == ["Bash(git add:*)", "Read", "Bash(gh pr view:*)"])
        #expect(SpecBuilder.splitTools("Read Grep Glob", at: at).map(\.value) == ["Read", "Grep", "Glob"])
        #expect(SpecBuilder.splitTools("Read, Grep", at: at).map(\.location.column) == [16, 22])
        #expect(SpecBuilder.splitTools("Bash(jq -r .a,.b:*)", at: at).map(\.value) == ["Bash(jq -r .a,.b:*)"])
    }
}
