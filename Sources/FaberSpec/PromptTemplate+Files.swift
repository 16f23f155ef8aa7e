import FaberCore

extension PromptTemplate {
    /// The file an `@reference` of a prompt names, as an absolute path inside `workspace` or
    /// `pluginRoot`: `${CLAUDE_PLUGIN_ROOT}/x` in the plugin, a relative path in the workspace
    /// (where Claude Code resolves it) and else in the plugin, an absolute one only when it is
    /// inside one of them. Never a file elsewhere (a `..` or a link that leaves them is refused);
    /// a file that does not exist is an error at the reference.
    public static func resolveFile(
        _ reference: String, at location: SourceLocation, workspace: String, pluginRoot: String?
    ) throws(Diagnostic) -> String {
        let roots: [(base: String, relative: String)]
        if reference.hasPrefix(FileReference.pluginRoot + "/") {
            guard let pluginRoot else {
                throw .error(
                    "@\(reference) names a plugin file, but this command is not in a plugin", at: location,
                    hint: "write the path relative to the workspace")
            }
            roots = [(pluginRoot, String(reference.dropFirst(FileReference.pluginRoot.count + 1)))]
        } else if reference.hasPrefix("/") {
            let inside = ([workspace] + (pluginRoot.map { [$0] } ?? [])).first { reference.hasPrefix($0 + "/") }
            guard let inside else { throw outside(reference, at: location) }
            roots = [(inside, String(reference.dropFirst(inside.count + 1)))]
        } else if reference.hasPrefix("~") {
            throw outside(reference, at: location)
        } else {
            roots = [(workspace, reference)] + (pluginRoot.map { [($0, reference)] } ?? [])
        }
        var tried: [String] = []
        for root in roots {
            guard let path = FileSystem.resolve(root.relative, under: root.base) else { throw outside(reference, at: location) }
            if FileSystem.exists(path) { return path }
            tried.append(path)
        }
        let name = String(reference.split(separator: "/").last ?? "")
        let names = tried.flatMap { FileSystem.list(FileSystem.parent($0)) ?? [] }
        throw .error(
            "@\(reference) names a file that does not exist (looked for \(tried.joined(separator: " and ")))", at: location,
            hint: didYouMean(name, among: names) ?? "create it, or correct the path")
    }

    /// What a prompt inlines for `path`: a file's text (a regular file, UTF-8, at most the spec
    /// size limit), or a folder's listing, one name a line (folders with a `/`), as Claude Code
    /// shows a folder.
    public static func readFile(_ path: String) throws(Diagnostic) -> (text: String, isFolder: Bool) {
        guard FileSystem.isDirectory(path) else { return (try FileSystem.readText(path), false) }
        let names = (FileSystem.list(path) ?? []).map { FileSystem.isDirectory(FileSystem.join(path, $0)) ? $0 + "/" : $0 }
        return (names.joined(separator: "\n"), true)
    }

    private static func outside(_ reference: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "@\(reference) is outside the plugin and the workspace; faber inlines only their files", at: location,
            hint: "move the file into the plugin and write @${CLAUDE_PLUGIN_ROOT}/<path>, or into the workspace")
    }
}
