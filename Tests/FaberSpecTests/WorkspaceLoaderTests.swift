import FaberCore
import Foundation
import Testing

@testable import FaberSpec

@Suite struct WorkspaceLoaderTests {
    // MARK: - Discovery

    @Test func findsPluginAndWorkspaceScopes() {
        let root = Fixtures.path("workspace")
        let workspace = WorkspaceLoader(workspace: root).load()
        #expect(workspace.root == root)
        #expect(workspace.plugins.map(\.name) == ["ops-tools"])
        #expect(workspace.plugins.first?.version == "1.2.0")
        #expect(workspace.plugins.first?.description == "Runtime operations")
        #expect(workspace.plugins.first?.root == "\(root)/plugins/ops")
        #expect(workspace.commands.map(\.slashName) == ["/ops-tools:ops-manage", "/daily"])
        #expect(workspace.agents.map(\.name) == ["ops-manager", "helper"])
        #expect(workspace.skills.map(\.name) == ["handler-hosting-aws", "ops-monitor", "daily-report"])
        #expect(workspace.skills.map(\.scope) == [.plugin("ops-tools"), .plugin("ops-tools"), .workspace])
        #expect(workspace.workflows.map(\.name) == ["health-check", "summary"])
    }

    @Test func pluginDirsAddSinglePluginsAndFoldersOfPlugins() {
        let loader = WorkspaceLoader(
            workspace: Fixtures.path("workspace"),
            pluginDirs: [Fixtures.path("extra-plugins"), Fixtures.path("single-plugin") + "/"])
        let workspace = loader.load()
        #expect(workspace.plugins.map(\.name) == ["ops-tools", "lint", "single"])
        #expect(workspace.commands.map(\.slashName) == ["/ops-tools:ops-manage", "/lint:check", "/single:hello", "/daily"])
        #expect(Fixtures.lines(workspace.diagnostics, relativeTo: Fixtures.root) == [])
        // The workspace-scope agent `helper` is reachable from a plugin command.
        #expect(workspace.agent(named: "helper", scope: .plugin("single"))?.scope == .workspace)
    }

    @Test func aMissingPluginDirIsAnError() {
        let workspace = WorkspaceLoader(workspace: Fixtures.path("workspace"), pluginDirs: ["/nonexistent/plugins"]).load()
        #expect(
            workspace.diagnostics.map(\.description) == [
                "error: plugin folder '/nonexistent/plugins' does not exist\n  hint: check --plugin-dir and FABER_PLUGIN_PATH"
            ])
    }

    @Test func aFolderWithoutPluginsIsAWarning() {
        let workspace = WorkspaceLoader(workspace: Fixtures.path("workspace"), pluginDirs: [Fixtures.path("errors")]).load()
        #expect(workspace.diagnostics.map(\.severity) == [.warning])
        #expect(workspace.diagnostics.first?.message.hasPrefix("no plugins found in") == true)
    }

    // MARK: - Lookups

    @Test func slashCommandsWithAndWithoutThePlugin() {
        let workspace = WorkspaceLoader(workspace: Fixtures.path("workspace"), pluginDirs: [Fixtures.path("extra-plugins")]).load()
        #expect(workspace.command(slash: "/ops-tools:ops-manage")?.name == "ops-manage")
        #expect(workspace.command(slash: "/ops-manage")?.scope == .plugin("ops-tools"))
        #expect(workspace.command(slash: "/daily")?.scope == .workspace)
        #expect(workspace.command(slash: "daily")?.scope == .workspace)
        #expect(workspace.command(slash: "/lint:daily") == nil)
        #expect(workspace.command(slash: "/nope") == nil)
    }

    @Test func skillsResolveSamePluginFirstThenWorkspaceThenAnyPlugin() {
        let workspace = WorkspaceLoader(workspace: Fixtures.path("workspace"), pluginDirs: [Fixtures.path("extra-plugins")]).load()
        // Both plugins have an `ops-monitor` skill.
        #expect(workspace.skill(named: "ops-monitor", from: .plugin("lint"))?.workflowNames == ["lint"])
        #expect(workspace.skill(named: "ops-monitor", from: .plugin("ops-tools"))?.workflowNames == ["health-check"])
        #expect(workspace.skill(named: "daily-report", from: .plugin("lint"))?.scope == .workspace)
        #expect(workspace.skill(named: "handler-hosting-aws", from: .workspace)?.scope == .plugin("ops-tools"))
        #expect(workspace.workflow(skill: "ops-monitor", name: "lint", scope: .plugin("lint"))?.steps.first?.uses.value == "core.lint")
        #expect(workspace.workflow(skill: "ops-monitor", name: "lint", scope: .plugin("ops-tools")) == nil)
    }

    // MARK: - Hot reload

    @Test func aSecondLoadWithoutChangesParsesNothing() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        let first = loader.load()
        #expect(loader.parseCount == 10)  // 1 plugin.json + 9 markdown specs
        let second = loader.load()
        #expect(loader.parseCount == 10)
        #expect(second.commands.map(\.slashName) == first.commands.map(\.slashName))
        #expect(second.workflows.map(\.steps.count) == first.workflows.map(\.steps.count))
    }

    @Test func touchingOneFileReparsesExactlyThatOne() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        _ = loader.load()
        let path = "\(root)/skills/daily-report/workflow/summary.md"
        try Self.write(Self.read(path).replacingOccurrences(of: "## Check health", with: "## Check the health"), to: path)
        let workspace = loader.load()
        #expect(loader.parseCount == 11)
        #expect(
            workspace.workflow(skill: "daily-report", name: "summary", scope: .workspace)?.steps.first?.id.value
                == "check-the-health")
        // Same bytes, new modification time: parsed again.
        try Self.write(Self.read(path), to: path)
        _ = loader.load()
        #expect(loader.parseCount == 12)
    }

    @Test func aNewSkillAppearsAndADeletedOneDisappears() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        #expect(loader.load().skill(named: "cost-report", from: .workspace) == nil)

        try FileManager.default.createDirectory(atPath: "\(root)/skills/cost-report/workflow", withIntermediateDirectories: true)
        try Self.write(
            "---\nname: cost-report\ndescription: Costs\noperations:\n  costs: workflow/costs.md\n---\n",
            to: "\(root)/skills/cost-report/SKILL.md")
        try Self.write(
            "---\nname: costs\n---\n\n## Get cost\n\n```step\nuses: aws.get-cost\n```\n",
            to: "\(root)/skills/cost-report/workflow/costs.md")
        let added = loader.load()
        #expect(loader.parseCount == 12)
        #expect(added.skill(named: "cost-report", from: .workspace)?.workflowNames == ["costs"])
        #expect(added.workflow(skill: "cost-report", name: "costs", scope: .workspace)?.steps.map(\.id.value) == ["get-cost"])
        #expect(added.diagnostics.isEmpty)

        try FileManager.default.removeItem(atPath: "\(root)/skills/daily-report")
        let removed = loader.load()
        #expect(loader.parseCount == 12)
        #expect(removed.skill(named: "daily-report", from: .workspace) == nil)
        #expect(removed.workflows.map(\.name) == ["health-check", "costs"])
        // The command and agent that used it now point at nothing, and say so.
        #expect(removed.diagnostics.map(\.message).contains("unknown skill 'daily-report' (used by command '/daily')"))
    }

    @Test func diagnosticsOfCachedFilesAreReportedAgain() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.write("---\ndescription: x\nagent: helper\ncolour: red\n---\n", to: "\(root)/commands/extra.md")
        let loader = WorkspaceLoader(workspace: root)
        let first = loader.load().diagnostics.map(\.description)
        let second = loader.load().diagnostics.map(\.description)
        #expect(first == ["\(root)/commands/extra.md:4:1: warning: unknown key 'colour' in command\n  hint: did you mean 'color'?"])
        #expect(second == first)
    }

    @Test func renamingAPluginRebuildsItsCommands() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        _ = loader.load()
        try Self.write("{\"name\": \"ops-renamed\"}", to: "\(root)/plugins/ops/.claude-plugin/plugin.json")
        let workspace = loader.load()
        #expect(workspace.command(slash: "/ops-renamed:ops-manage") != nil)
        #expect(workspace.command(slash: "/ops-tools:ops-manage") == nil)
        #expect(workspace.diagnostics.isEmpty)
    }

    // From its second load on, the loader skips the rescan when its watcher saw no change (the
    // tests load twice first to start it): every kind of change is still seen.

    @Test func aPluginFolderMadeAfterTheFirstLoadIsRead() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        _ = (loader.load(), loader.load())
        try FileManager.default.createDirectory(atPath: "\(root)/plugins/later/commands/deep/er", withIntermediateDirectories: true)
        try Self.write("Say hi.\n", to: "\(root)/plugins/later/commands/deep/er/hi.md")
        #expect(loader.load().command(slash: "/later:hi") != nil)
        try Self.write("Say hello.\n", to: "\(root)/plugins/later/commands/deep/er/hi.md")
        #expect(loader.load().command(slash: "/later:hi")?.description == "Say hello.")
    }

    @Test func aPluginDirThatAppearsLaterIsRead() throws {
        let root = try Fixtures.copy("workspace")
        let extra = root + "-extra"
        defer { for path in [root, extra] { try? FileManager.default.removeItem(atPath: path) } }
        let loader = WorkspaceLoader(workspace: root, pluginDirs: ["\(extra)/tools"])
        _ = loader.load()
        #expect(loader.load().folderErrors.count == 1)
        try FileManager.default.createDirectory(atPath: "\(extra)/tools/.claude-plugin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(extra)/tools/commands", withIntermediateDirectories: true)
        try Self.write("{\"name\": \"tools\"}", to: "\(extra)/tools/.claude-plugin/plugin.json")
        try Self.write("Use the tools.\n", to: "\(extra)/tools/commands/use.md")
        let workspace = loader.load()
        #expect(workspace.folderErrors.isEmpty)
        #expect(workspace.command(slash: "/tools:use") != nil)
    }

    @Test func aSpecLinkedFromElsewhereIsReadAgainWhenItsTargetChanges() throws {
        let root = try Fixtures.copy("workspace")
        let elsewhere = root + "-elsewhere"
        defer { for path in [root, elsewhere] { try? FileManager.default.removeItem(atPath: path) } }
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Self.write("First text.\n", to: "\(elsewhere)/shared.md")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/commands/shared.md", withDestinationPath: "\(elsewhere)/shared.md")
        let loader = WorkspaceLoader(workspace: root)
        _ = loader.load()
        #expect(loader.load().command(slash: "/shared")?.description == "First text.")
        try Self.write("Second text.\n", to: "\(elsewhere)/shared.md")
        #expect(loader.load().command(slash: "/shared")?.description == "Second text.")
    }

    @Test func aFolderDeletedAndMadeAgainIsStillWatched() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = WorkspaceLoader(workspace: root)
        _ = (loader.load(), loader.load())
        try FileManager.default.removeItem(atPath: "\(root)/commands")
        #expect(loader.load().command(slash: "/daily") == nil)
        try FileManager.default.createDirectory(atPath: "\(root)/commands", withIntermediateDirectories: true)
        try Self.write("One.\n", to: "\(root)/commands/again.md")
        #expect(loader.load().command(slash: "/again")?.description == "One.")
        try Self.write("Two.\n", to: "\(root)/commands/again.md")
        #expect(loader.load().command(slash: "/again")?.description == "Two.")
    }

    @Test func loadingFiftySpecsTakesMilliseconds() throws {
        let root = try Fixtures.copy("workspace")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for index in 0..<40 {
            try Self.write("---\ndescription: Command \(index)\nagent: helper\n---\n", to: "\(root)/commands/c\(index).md")
        }
        let loader = WorkspaceLoader(workspace: root)
        let clock = ContinuousClock()
        let cold = clock.measure { _ = loader.load() }
        let warm = clock.measure { _ = loader.load() }
        #expect(loader.parseCount == 50)
        #expect(cold < .milliseconds(500))
        #expect(warm < .milliseconds(50))
    }

    @Test func loadsConcurrentlyFromManyTasks() async throws {
        let loader = WorkspaceLoader(workspace: Fixtures.path("workspace"))
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { loader.load().commands.count } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 8))
        #expect(loader.parseCount == 10)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
