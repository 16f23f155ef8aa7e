import FaberCLI
import FaberMCP

// `faber mcp` runs this binary with its own arguments: faber's command line, with the MCP server.
FaberMain.mcpServer = { runtime, allowMutations, version in
    var options = FaberMCPServer.Options()
    options.allowMutations = allowMutations
    options.version = version
    try await FaberMCPServer(runtime: runtime, options: options).serve()
}
await FaberMain.main()
