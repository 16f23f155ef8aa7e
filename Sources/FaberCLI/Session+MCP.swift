import FaberCore
import FaberRuntime
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The MCP server (`FaberMCPServer`), given by the `faber-mcp` binary before it runs `FaberMain`.
public typealias MCPServe = @Sendable (_ runtime: Runtime, _ allowMutations: Bool, _ version: String) async throws -> Void

extension FaberMain {
    /// Set by `faber-mcp`; nil in `faber`, which does not link the MCP SDK: the SDK brings
    /// FoundationNetworking and libcurl, which every other command would pay for at start (about
    /// 20 ms and 8 MB). `faber mcp` then becomes `faber-mcp` with the same arguments.
    nonisolated(unsafe) public static var mcpServer: MCPServe?
}

extension Session {
    /// `faber mcp`: serves the workspace over MCP on stdio until the client closes it; in `faber`,
    /// executes `faber-mcp` from faber's own folder with faber's arguments.
    func serveMCP(allowMutations: Bool, version: String) async -> Int32 {
        guard let serve = FaberMain.mcpServer else { return runMCPBinary() }
        warn(about: runtime.loadWarnings(runtime.workspace(), manifests: true))
        terminal.err(
            "faber mcp: serving \(root) on stdio"
                + (allowMutations ? " (mutations allowed)" : " (read-only: tools that change resources answer with a dry run)"))
        do {
            try await serve(runtime, allowMutations, version)
            return 0
        } catch {
            let failure = FaberError(describing: error)
            terminal.report(failure.diagnostic)
            return failure.exitStatus.rawValue
        }
    }

    /// Replaces this process with `faber-mcp` (beside faber), same arguments; returns only on failure.
    private func runMCPBinary() -> Int32 {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let server = (executable as NSString).deletingLastPathComponent + "/faber-mcp"
        guard FileManager.default.isExecutableFile(atPath: server) else {
            terminal.report(
                Diagnostic(
                    .error, at: nil, "faber mcp needs the faber-mcp binary beside faber: \(server) is missing",
                    hint: "build it with `swift build -c release --product faber-mcp` and install it next to faber"))
            return ExitStatus.unavailable.rawValue
        }
        var arguments = ([server] + CommandLine.arguments.dropFirst()).map { strdup($0) }
        arguments.append(nil)
        execv(server, arguments)
        terminal.report(Diagnostic(.error, at: nil, "could not run \(server): \(String(cString: strerror(errno)))"))
        return ExitStatus.unavailable.rawValue
    }
}
