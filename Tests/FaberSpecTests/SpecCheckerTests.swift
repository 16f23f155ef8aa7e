import FaberCore
import Foundation
import Testing

@testable import FaberSpec

/// Cross-reference errors of `Fixtures/broken-workspace`, plus plugin.json and layout problems.
@Suite struct SpecCheckerTests {
    let root = Fixtures.path("broken-workspace")

    @Test func everyLoadAndCrossReferenceProblemIsReported() {
        let workspace = WorkspaceLoader(workspace: root).load()
        #expect(
            Fixtures.lines(workspace.diagnostics.sortedByLocation(), relativeTo: root) == [
                "warning: plugin folder '\(root)/plugins/nomanifest' has no .claude-plugin/plugin.json; using the folder name 'nomanifest'",
                "warning: skill folder '\(root)/skills/no-skill-md' has no SKILL.md; it is ignored",
                "agents/ops-manager.md:6:15: error: skill 'monitor' has no workflow 'healt' (used by operation 'check')",
                "agents/ops-manager.md:8:12: error: unknown skill 'monitr' (used by operation 'status')",
                "agents/ops-manager.md:12:15: error: alias 'check' of operation 'audit' clashes with operation 'check'",
                "agents/ops-manager.md:13:12: error: 'next' of operation 'audit' names unknown operation 'chek'",
                "agents/ops-manager.md:16:15: error: alias 'a' of operation 'report' is already an alias of operation 'audit'",
                "agents/ops-manager.md:18:12: error: operation 'nothing' has no 'workflow' and skill 'monitor' has no operation or workflow of that name",
                "commands/direct.md:3:11: error: skill 'reporter' has no workflow 'sumary' (used by command '/direct')",
                "commands/other.md:3:11: error: unknown skill 'nosuch' (used by command '/other')",
                "commands/run.md:3:8: error: unknown agent 'ops-manger' in command '/run'",
                "plugins/BadName/.claude-plugin/plugin.json:1:1: warning: plugin name 'BadName' must be kebab-case (lowercase letters and digits joined by '-')",
                "plugins/BadName/.claude-plugin/plugin.json:1:1: error: 'version' in plugin.json must be a string",
                "plugins/bad-json/.claude-plugin/plugin.json:2:19: error: invalid JSON: invalid number '1.0.0'",
                "skills/monitor/SKILL.md:5:10: error: workflow file '\(root)/skills/monitor/workflow/missing.md' of operation 'check' does not exist",
            ])
    }

    @Test("a command that routes to an agent's operations needs a description; one naming a subagent is its prompt")
    func descriptionOfRunnableCommands() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let missing = "\(root)/commands/no-description.md"
        try "---\nagent: helper\n---\n".write(toFile: missing, atomically: false, encoding: .utf8)
        try "---\nname: reader\ndescription: Reads\n---\nRead.\n".write(toFile: "\(root)/agents/reader.md", atomically: false, encoding: .utf8)
        try "---\nagent: reader\n---\nRead $1.\n".write(toFile: "\(root)/commands/read.md", atomically: false, encoding: .utf8)
        let workspace = WorkspaceLoader(workspace: root).load()
        #expect(
            Fixtures.lines(workspace.diagnostics, relativeTo: root) == ["commands/no-description.md:2:1: error: missing required key 'description' in command"])
        #expect(workspace.command(slash: "/read")?.kind == .prompt)
        #expect(workspace.command(slash: "/read")?.description == "Read $1.")
    }

    @Test func hintsNameTheNearestSpec() {
        let workspace = WorkspaceLoader(workspace: root).load()
        func hint(_ fragment: String) -> String? {
            workspace.diagnostics.first { $0.message.contains(fragment) }?.hint
        }
        #expect(hint("unknown agent 'ops-manger'") == "did you mean 'ops-manager'?")
        #expect(hint("no workflow 'sumary'") == "did you mean 'summary'?")
        #expect(hint("unknown skill 'monitr'") == "did you mean 'monitor'?")
        #expect(hint("unknown skill 'nosuch'") == "skills: monitor, reporter")
        #expect(hint("unknown operation 'chek'") == "did you mean 'check'?")
        #expect(hint("operation 'nothing'") == "add 'workflow: <name>' to the operation; choices: check, health")
        #expect(hint("'BadName' must be kebab-case") == "for example \"bad-name\"")
    }

    @Test func aPluginWithABadManifestIsLeftOutAndOneWithoutUsesItsFolderName() {
        let workspace = WorkspaceLoader(workspace: root).load()
        #expect(workspace.plugins.map(\.name) == ["BadName", "nomanifest"])
        #expect(
            workspace.command(slash: "/nomanifest:x")?.target
                == .workflow(
                    Located(
                        "reporter/summary",
                        at: SourceLocation(path: "\(root)/plugins/nomanifest/commands/x.md", line: 3, column: 11))))
    }

    @Test func aValidWorkspaceHasNoDiagnostics() {
        let workspace = WorkspaceLoader(workspace: Fixtures.path("workspace")).load()
        #expect(workspace.diagnostics.map(\.description) == [])
    }
}
