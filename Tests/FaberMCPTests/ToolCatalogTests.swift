import FaberCore
import FaberSpec
import FaberTestSupport
import Foundation
import Testing

@testable import FaberMCP

/// Which tools and prompts `faber mcp` offers for a workspace, and their schemas.
@Suite("MCP: the workspace as tools and prompts")
struct ToolCatalogTests {
    func pluginWorkspace() throws -> Workspace {
        let ws = try TestWorkspace(copyingRepository: ["plugins"], prefix: "mcp-catalog")
        return WorkspaceLoader(workspace: ws.root, pluginDirs: []).load()
    }

    @Test("every operation of the plugin's command is a tool named plugin.command.operation")
    func operationsAreTools() throws {
        let catalog = ToolCatalog(workspace: try pluginWorkspace())
        let names = catalog.entries.map(\.name)
        #expect(names.contains("fractary-faber-cloud.ops-manage.check-health"))
        #expect(names.contains("fractary-faber-cloud.ops-manage.remediate"))
        #expect(catalog.collisions.isEmpty)
        for name in names {
            #expect(name.count <= 128)
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }, "\(name)")
        }
    }

    @Test("a read-only operation's schema: its arguments' types, defaults and descriptions, nothing else")
    func readOnlySchema() throws {
        let entry = try #require(ToolCatalog(workspace: try pluginWorkspace()).entry(named: "fractary-faber-cloud.ops-manage.check-health"))
        #expect(entry.risk == .readOnly)
        #expect(!entry.takesSafetyArguments)
        let schema = entry.inputSchema
        #expect(schema["type"] == "object")
        #expect(schema["additionalProperties"] == false)
        #expect(schema["required"] == nil)
        let properties = try #require(schema["properties"]?.object)
        #expect(Array(properties.keys) == ["env", "service", "timeframe"])
        #expect(properties["env"]?["type"] == "string")
        #expect(properties["env"]?["default"] == "test")
        #expect(properties["timeframe"]?["default"] == "1h")
        #expect(properties["timeframe"]?["description"]?.string?.contains("a duration such as 30m") == true)
        #expect(entry.description.hasPrefix("Status and CloudWatch metrics"))
    }

    @Test("a mutating operation: enums, ranges and required arguments, plus dry_run and confirm, and a description that says when it changes things")
    func mutatingSchema() throws {
        let entry = try #require(ToolCatalog(workspace: try pluginWorkspace()).entry(named: "fractary-faber-cloud.ops-manage.remediate"))
        #expect(entry.risk == .mutating)
        #expect(entry.takesSafetyArguments)
        let schema = entry.inputSchema
        #expect(schema["required"] == ["service", "action"])
        let properties = try #require(schema["properties"]?.object)
        #expect(properties["action"]?["enum"] == ["restart", "scale"])
        #expect(properties["count"]?["type"] == "integer")
        #expect(properties["count"]?["minimum"]?.double == 0)
        #expect(properties["dry_run"]?["type"] == "boolean")
        #expect(properties["confirm"]?["type"] == "boolean")
        #expect(entry.description.contains("--allow-mutations"))
    }

    @Test("a repeatable argument is a list of its type")
    func repeatableArgument() throws {
        let entry = try #require(ToolCatalog(workspace: try pluginWorkspace()).entry(named: "fractary-faber-cloud.ops-manage.query-logs"))
        let service = try #require(entry.inputSchema["properties"]?["service"])
        #expect(service["type"] == "array")
        #expect(service["items"]?["type"] == "string")
    }

    @Test("names: a workspace command, characters outside the protocol's, and a name longer than 128")
    func names() {
        #expect(ToolCatalog.toolName(command: "/inventory", operation: nil) == "inventory")
        #expect(ToolCatalog.toolName(command: "/acme:ops", operation: "do it") == "acme.ops.do_it")
        let long = ToolCatalog.toolName(command: "/" + String(repeating: "a", count: 200), operation: "x")
        let other = ToolCatalog.toolName(command: "/" + String(repeating: "a", count: 200), operation: "y")
        #expect(long.count == 128)
        #expect(long != other)
    }

    @Test("prompt commands are prompts, not tools; subagents are neither")
    func prompts() throws {
        let ws = try TestWorkspace(
            [
                "commands/review.md": "---\ndescription: Review a pull request\nargument-hint: <pr-number>\n---\nReview PR $1 ($ARGUMENTS).\n",
                "commands/hello.md": "---\ndescription: Hello\nworkflow: greeter/hello\n---\n",
                "agents/helper.md": "---\nname: helper\ndescription: A subagent\n---\nYou help.\n",
                "skills/greeter/SKILL.md": "---\nname: greeter\ndescription: Greets\ntools: [core]\n---\n",
                "skills/greeter/workflow/hello.md":
                    "---\nname: hello\noutputs:\n  text: ${{ steps.say.outputs.text }}\n---\n```step\nid: say\nuses: core.render\nwith:\n  template: hi\n```\n",
            ], prefix: "mcp-prompts")
        let workspace = WorkspaceLoader(workspace: ws.root, pluginDirs: []).load()
        #expect(ToolCatalog(workspace: workspace).entries.map(\.name) == ["hello"])
        let prompts = PromptCatalog(workspace: workspace)
        #expect(prompts.entries.map(\.name) == ["review"])
        #expect(prompts.entries.first?.argumentHint == "<pr-number>")
    }
}
