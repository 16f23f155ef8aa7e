import FaberCore
import FaberMCP

extension Session {
    /// `faber mcp`: serves the workspace over MCP on stdio until the client closes it.
    func serveMCP(allowMutations: Bool, version: String) async -> Int32 {
        warn(about: runtime.loadWarnings(runtime.workspace(), manifests: true))
        var options = FaberMCPServer.Options()
        options.allowMutations = allowMutations
        options.version = version
        terminal.err(
            "faber mcp: serving \(root) on stdio"
                + (allowMutations ? " (mutations allowed)" : " (read-only: tools that change resources answer with a dry run)"))
        do {
            try await FaberMCPServer(runtime: runtime, options: options).serve()
            return 0
        } catch {
            let failure = FaberError(describing: error)
            terminal.report(failure.diagnostic)
            return failure.exitStatus.rawValue
        }
    }
}
