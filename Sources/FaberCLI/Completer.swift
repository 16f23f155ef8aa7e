import FaberCore
import FaberRuntime
import FaberSpec

/// Tab completion from the loaded specs: commands, then operations, then flags,
/// then the values of an `enum` flag.
struct Completer {
    let workspace: Workspace

    static let replCommands = ["/help", "/quit", "/exit", "/list", "/check"]

    /// Candidates for the last word of `line` (the text up to the cursor).
    func candidates(for line: String) -> [String] {
        let endsWithSpace = line.last?.isWhitespace ?? false
        var words = (try? Tokenizer.split(line)) ?? line.split(separator: " ").map(String.init)
        let current = endsWithSpace ? "" : (words.popLast() ?? "")
        let pool: [String]
        if words.isEmpty {
            pool = workspace.commands.map(\.slashName) + Self.replCommands
        } else {
            pool = afterCommand(words, current: current)
        }
        return Array(Set(pool.filter { $0.hasPrefix(current) })).sorted()
    }

    private func afterCommand(_ words: [String], current: String) -> [String] {
        var name = words[0]
        if !name.hasPrefix("/") { name = "/" + name }
        guard let command = workspace.findCommand(name) else { return [] }
        var arguments: [ArgumentSpec] = command.arguments
        var rest = Array(words.dropFirst())
        if case .agent(let agentName)? = command.target {
            guard let agent = workspace.agent(named: agentName.value, scope: command.scope) else { return [] }
            guard let operationWord = rest.first else {
                return current.hasPrefix("-") ? GlobalOptions.flagNames : agent.operations.map(\.name)
            }
            guard let operation = agent.operation(named: operationWord) else { return [] }
            arguments = operation.arguments
            rest.removeFirst()
        }
        // Value of the flag just before the cursor?
        if let previous = rest.last, previous.hasPrefix("--"), !previous.contains("=") {
            let name = String(previous.dropFirst(2))
            if let spec = arguments.first(where: { $0.name == name }), spec.type != .boolean {
                return spec.allowed ?? []
            }
            if previous == "--output" { return RunOptions.OutputFormat.allCases.map(\.rawValue) }
        }
        if current.contains("="), current.hasPrefix("--") {
            let flag = String(current[..<current.firstIndex(of: "=")!])
            if let spec = arguments.first(where: { "--" + $0.name == flag }), let allowed = spec.allowed {
                return allowed.map { "\(flag)=\($0)" }
            }
            return []
        }
        let used = Set(rest.filter { $0.hasPrefix("--") }.map { GlobalOptions.splitFlag($0).0 })
        return (arguments.map { "--" + $0.name } + GlobalOptions.flagNames).filter { !used.contains($0) }
    }

    /// The longest prefix all candidates share.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
