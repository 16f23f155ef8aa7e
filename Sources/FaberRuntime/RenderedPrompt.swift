import FaberCore
import FaberSpec
import Foundation

/// A prompt command rendered as Claude Code would hand it to the model (docs/claude-code.md):
/// what `faber run` prints for a command without `agent:` / `workflow:`. faber runs no model and
/// no `` !`command` ``: it shows the prompt and what running it would involve.
public struct RenderedPrompt: Sendable {
    public var command: CommandSpec
    /// The arguments as one line (`$ARGUMENTS`).
    public var arguments: String
    /// The prompt text, placeholders filled and `@file`s inlined.
    public var prompt: String
    /// The files inlined, relative to the workspace (or absolute, for a plugin outside it).
    public var filesRead: [String]
    /// The `` !`command` ``s Claude Code would run first, with where they are written.
    public var shellCommands: [(command: String, location: SourceLocation)]
    public var options: GlobalOptions

    public var model: String? { command.model?.value }
    public var allowedTools: [String] { command.allowedTools.map(\.value) }

    /// What the front end says beside the prompt: faber does not run prompts, and how it could.
    public var note: String {
        var text =
            "\(command.slashName) is a prompt for an LLM: faber rendered it and ran nothing. Claude Code runs it with a model"
            + (model.map { " (\($0))" } ?? "") + "."
        if !shellCommands.isEmpty {
            text +=
                " Claude Code would first run " + shellCommands.map { "`\($0.command)`" }.joined(separator: ", ")
                + " and put the output in its place; faber never runs them."
        }
        text += " To have faber run it itself, give the command 'workflow: <skill>/<workflow>' and write the workflow's steps (docs/claude-code.md)."
        return text
    }

    /// `--output json`: the prompt, the model, the allowed tools and the files read.
    public var json: Value {
        let pairs: KeyValuePairs<String, Value> = [
            "command": .string(command.slashName),
            "kind": .string("prompt"),
            "arguments": .string(arguments),
            "prompt": .string(prompt),
            "model": model.map(Value.string) ?? .null,
            "allowed_tools": .array(allowedTools.map(Value.string)),
            "files_read": .array(filesRead.map(Value.string)),
            "shell_commands": .array(
                shellCommands.map { shell -> Value in
                    let pairs: KeyValuePairs<String, Value> = ["command": .string(shell.command), "at": .string(shell.location.description)]
                    return .object(pairs)
                }),
            "note": .string(note),
        ]
        return .object(pairs)
    }
}

extension Runtime {
    /// Renders prompt command `command` with `words` (its arguments, faber's options taken out).
    /// A `@file` that does not exist, or lies outside the plugin and the workspace, is an error
    /// at the reference (exit 65).
    func renderPrompt(_ command: CommandSpec, words: [String], options: GlobalOptions, workspace: Workspace) throws -> RenderedPrompt {
        let template = command.template ?? PromptTemplate(file: command.file)
        let pluginRoot = workspace.pluginRoot(of: command.scope)
        let arguments = words.map { word in
            word.isEmpty || word.contains(where: { $0.isWhitespace || $0 == "\"" }) ? "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : word
        }.joined(separator: " ")
        var filesRead: [String] = []
        let root = self.root
        let prompt = try template.render(arguments: arguments, positional: words, pluginRoot: pluginRoot) { reference, location in
            let path = try PromptTemplate.resolveFile(reference, at: location, workspace: root, pluginRoot: pluginRoot)
            let shown = self.relative(path)
            if !filesRead.contains(shown) { filesRead.append(shown) }
            let (text, isFolder) = try PromptTemplate.readFile(path)
            let tag = isFolder ? "directory" : "file"
            return "<\(tag) path=\"\(shown)\">\n\(text.hasSuffix("\n") ? String(text.dropLast()) : text)\n</\(tag)>"
        }
        return RenderedPrompt(
            command: command, arguments: arguments, prompt: prompt, filesRead: filesRead,
            shellCommands: template.shellCommands.map {
                (
                    PromptTemplate.substitute($0.command, arguments: arguments, positional: words),
                    SourceLocation(path: relative($0.location.path), line: $0.location.line, column: $0.location.column)
                )
            },
            options: options)
    }
}
