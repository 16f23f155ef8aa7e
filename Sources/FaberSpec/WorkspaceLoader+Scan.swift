import FaberCore

extension WorkspaceLoader {
    /// One pass over the folders. Files whose stamp and context match the previous pass are
    /// taken from `previous` unparsed; `cache` ends up holding exactly the files seen now.
    struct Scan {
        let previous: [String: CacheEntry]
        var cache: [String: CacheEntry] = [:]
        var parsed = 0
        var plugins: [PluginSpec] = []
        var commands: [CommandSpec] = []
        var agents: [AgentSpec] = []
        var skills: [SkillSpec] = []
        var workflows: [WorkflowSpec] = []
        var diagnostics: [Diagnostic] = []
        /// Plugin folders the workspace's marketplace.json names, and the name it gives each: the
        /// name of a plugin without plugin.json, as in Claude Code.
        var marketplaceNames: [String: String] = [:]

        /// Called with every folder the scan reads, before it reads it (the watcher watches it).
        let visit: (String) -> Void

        init(previous: [String: CacheEntry], visit: @escaping (String) -> Void = { _ in }) {
            self.previous = previous
            self.visit = visit
        }

        mutating func run(root: String, pluginDirs: [String]) {
            if !FileSystem.isDirectory(root) {
                diagnostics.append(
                    .error(
                        "workspace folder '\(root)' does not exist", at: nil,
                        hint: "pass --workspace DIR or set FABER_WORKSPACE to a folder holding plugins/, commands/, agents/ or skills/"))
                return
            }
            for folder in [root, FileSystem.join(root, "plugins"), FileSystem.join(root, ".claude-plugin")] { visit(folder) }
            var roots: [String] = []
            let listed = marketplacePlugins(of: root)
            marketplaceNames = Dictionary(listed.map { ($0.dir, $0.name) }, uniquingKeysWith: { first, _ in first })
            // A workspace that is itself a plugin (a plugin's own repository, or the plugin its
            // marketplace lists at `./`) is loaded as that plugin.
            let rootIsPlugin = FileSystem.exists(FileSystem.join(root, ".claude-plugin/plugin.json")) || marketplaceNames[root] != nil
            if rootIsPlugin { roots.append(root) }
            for name in FileSystem.list(FileSystem.join(root, "plugins")) ?? [] {
                let dir = FileSystem.join(FileSystem.join(root, "plugins"), name)
                if FileSystem.isDirectory(dir) { roots.append(dir) }
            }
            roots += listed.map(\.dir)
            for dir in pluginDirs { roots += pluginRoots(in: dir) }
            var seen: Set<String> = []
            var names: [String: String] = [:]
            for dir in roots where seen.insert(dir).inserted {
                for folder in [dir, FileSystem.join(dir, ".claude-plugin"), FileSystem.join(dir, "hooks")] { visit(folder) }
                guard let plugin = plugin(at: dir) else { continue }
                if let first = names[plugin.name] {
                    diagnostics.append(
                        .error(
                            "plugin '\(plugin.name)' is defined twice: in \(first) and in \(dir)", at: nil,
                            hint: "remove one of the folders, or give one another name in its plugin.json; \(dir) is ignored"))
                    continue
                }
                names[plugin.name] = dir
                plugins.append(plugin)
                loadSpecs(in: dir, scope: .plugin(plugin.name), paths: plugin.componentPaths)
                checkClaudeCodeFiles(in: dir, marketplace: true)
            }
            if !rootIsPlugin { loadSpecs(in: root, scope: .workspace) }
            if !seen.contains(root) { checkClaudeCodeFiles(in: root, marketplace: true) }
        }

        /// The plugin folders a marketplace at the workspace root lists (`.claude-plugin/marketplace.json`,
        /// `plugins[].source` given as a path such as `./external_plugins/x`, under `metadata.pluginRoot`
        /// when it is a bare name), as Claude Code finds them. Sources elsewhere (a GitHub repository, a
        /// URL) are not on this machine. The file is read (and checked) once, with the other
        /// Claude Code files.
        mutating func marketplacePlugins(of root: String) -> [(dir: String, name: String)] {
            guard let json = claudeCodeFile(FileSystem.join(root, ".claude-plugin/marketplace.json")) else { return [] }
            let base = json["metadata"]?["pluginRoot"]?.string
            return (json["plugins"]?.array ?? []).compactMap { entry in
                guard let source = entry["source"]?.string, !source.isEmpty, !source.hasPrefix("/"), !source.contains("://") else { return nil }
                let relative = source.hasPrefix("./") || source.hasPrefix("../") || base == nil ? source : FileSystem.join(base!, source)
                guard let dir = FileSystem.resolve(relative, under: root), FileSystem.isDirectory(dir) else { return nil }
                return (dir, entry["name"]?.string ?? String(dir.split(separator: "/").last ?? ""))
            }
        }

        /// A `--plugin-dir` is one plugin (it has `.claude-plugin/plugin.json`) or a folder of plugins.
        private mutating func pluginRoots(in dir: String) -> [String] {
            visit(dir)
            guard FileSystem.isDirectory(dir) else {
                diagnostics.append(
                    .error(
                        "plugin folder '\(dir)' does not exist", at: nil,
                        hint: "check --plugin-dir and FABER_PLUGIN_PATH"))
                return []
            }
            if FileSystem.exists(FileSystem.join(dir, ".claude-plugin/plugin.json")) { return [dir] }
            let children = (FileSystem.list(dir) ?? []).map { FileSystem.join(dir, $0) }.filter { child in
                [".claude-plugin", "commands", "agents", "skills"].contains { FileSystem.isDirectory(FileSystem.join(child, $0)) }
            }
            if children.isEmpty {
                diagnostics.append(
                    .warning(
                        "no plugins found in '\(dir)'", at: nil,
                        hint: "a plugin folder holds .claude-plugin/plugin.json and commands/, agents/ or skills/"))
            }
            return children
        }

        // MARK: - Specs of one scope

        private mutating func loadSpecs(in dir: String, scope: SpecScope, paths: PluginSpec.ComponentPaths = .init()) {
            let context = "\(scope)"
            // Subfolders of commands/ only organise them, as in Claude Code: the name is the file's.
            // plugin.json's own `commands` / `agents` paths (files or folders) add to the defaults.
            var seenFiles: Set<String> = []
            let commandFiles = (markdownFiles(in: FileSystem.join(dir, "commands"), recursive: true) + componentFiles(paths.commands, in: dir))
                .filter { seenFiles.insert($0.path).inserted }
            let agentFiles = (markdownFiles(in: FileSystem.join(dir, "agents")) + componentFiles(paths.agents, in: dir)).filter {
                seenFiles.insert($0.path).inserted
            }
            for file in commandFiles {
                if case .command(let spec)? = cached(
                    file.path, context: context,
                    build: { builder, specFile in
                        .command(builder.command(from: specFile, name: file.name, scope: scope))
                    })
                {
                    commands.append(spec)
                }
            }
            for file in agentFiles {
                if case .agent(let spec)? = cached(
                    file.path, context: context,
                    build: { builder, specFile in
                        .agent(builder.agent(from: specFile, name: file.name, scope: scope))
                    })
                {
                    agents.append(spec)
                }
            }
            var skillDirs: [String] = []
            for skillsDir in [FileSystem.join(dir, "skills")] + paths.skills.compactMap({ FileSystem.resolve($0, under: dir) }) {
                visit(skillsDir)
                // A path to one skill (it holds SKILL.md), or to a folder of skills.
                if FileSystem.exists(FileSystem.join(skillsDir, "SKILL.md")) {
                    skillDirs.append(skillsDir)
                    continue
                }
                for name in FileSystem.list(skillsDir) ?? [] {
                    let skillDir = FileSystem.join(skillsDir, name)
                    if FileSystem.isDirectory(skillDir) { skillDirs.append(skillDir) }
                }
            }
            var seenSkills: Set<String> = []
            for skillDir in skillDirs where seenSkills.insert(skillDir).inserted {
                loadSkill(in: skillDir, scope: scope)
            }
        }

        /// The markdown files plugin.json's component paths name: each a file, or a folder (read
        /// with its subfolders). A path that leaves the plugin folder is ignored.
        private func componentFiles(_ paths: [String], in dir: String) -> [(name: String, path: String)] {
            paths.flatMap { relative -> [(name: String, path: String)] in
                guard let path = FileSystem.resolve(relative, under: dir) else { return [] }
                if path.hasSuffix(".md"), !FileSystem.isDirectory(path) {
                    visit(FileSystem.parent(path))
                    let name = String(path.split(separator: "/").last ?? "").dropLast(3)
                    return FileSystem.exists(path) ? [(String(name), path)] : []
                }
                return markdownFiles(in: path, recursive: true)
            }
        }

        private mutating func loadSkill(in skillDir: String, scope: SpecScope) {
            visit(skillDir)
            let path = FileSystem.join(skillDir, "SKILL.md")
            guard FileSystem.exists(path) else {
                diagnostics.append(
                    .warning(
                        "skill folder '\(skillDir)' has no SKILL.md; it is ignored", at: nil,
                        hint: "add SKILL.md with name, description and operations"))
                return
            }
            let workflowFiles = markdownFiles(in: FileSystem.join(skillDir, "workflow"))
            guard
                case .skill(var skill)? = cached(
                    path, context: "\(scope)",
                    build: { builder, specFile in
                        .skill(builder.skill(from: specFile, directory: skillDir, scope: scope, workflowNames: []))
                    })
            else { return }
            // A folder named like a workflow is reported (by `cached`), never offered as one.
            skill.workflowNames = workflowFiles.filter { !FileSystem.isDirectory($0.path) }.map(\.name)
            let name = skill.name
            var hasRunnableWorkflow = false
            for file in workflowFiles {
                if case .workflow(let spec)? = cached(
                    file.path, context: name,
                    build: { builder, specFile in
                        .workflow(builder.workflow(from: specFile, name: file.name, skill: name))
                    })
                {
                    workflows.append(spec)
                    hasRunnableWorkflow = hasRunnableWorkflow || spec.kind == .runnable
                }
            }
            skill.settle(hasRunnableWorkflow: hasRunnableWorkflow)
            skills.append(skill)
        }

        private func markdownFiles(in dir: String, recursive: Bool = false, depth: Int = 0) -> [(name: String, path: String)] {
            var result: [(name: String, path: String)] = []
            visit(dir)
            for name in FileSystem.list(dir) ?? [] {
                let path = FileSystem.join(dir, name)
                if name.hasSuffix(".md") {
                    result.append((String(name.dropLast(3)), path))
                } else if recursive, depth < 8, FileSystem.isDirectory(path) {
                    result += markdownFiles(in: path, recursive: true, depth: depth + 1)
                }
            }
            return result
        }

        // MARK: - Cache

        /// The built file at `path`: from the previous pass when its stamp and context are unchanged,
        /// else read, parsed and built now. Its diagnostics join the scan's either way.
        mutating func cached(
            _ path: String, context: String, build: (inout SpecBuilder, SpecFile) -> CacheEntry.Built
        ) -> CacheEntry.Built? {
            guard let stamp = FileSystem.stamp(path) else { return nil }
            guard !stamp.isDirectory else {  // listed like a spec, so say why it is not one
                diagnostics.append(
                    .error(
                        "\(path) is a folder, not a spec file", at: SourceLocation(path: path, line: 1, column: 1),
                        hint: "a spec is a markdown file; rename the folder or move it out of the way"))
                return nil
            }
            if let entry = previous[path], entry.stamp == stamp, entry.context == context {
                cache[path] = entry
                diagnostics += entry.diagnostics
                if let folder = entry.linkedFolder { visit(folder) }
                return entry.built
            }
            parsed += 1
            // A spec that is a link to a file elsewhere changes where the link points: watch there.
            let linkedFolder = FileSystem.isSymbolicLink(path) ? FileSystem.realPath(path).map(FileSystem.parent) : nil
            if let linkedFolder { visit(linkedFolder) }
            var problems: [Diagnostic] = []
            let file = SpecFile(contentsOf: path, diagnostics: &problems)
            var builder = SpecBuilder()
            let built = build(&builder, file)
            // A file that could not be read has one problem, said already: not a missing key per key.
            if !file.readFailed { problems += builder.diagnostics }
            // Claude Code loads a prompt whatever its front matter: there its problems are warnings.
            if built.kind != .runnable {
                problems = problems.map { problem in
                    guard problem.severity == .error, problem.code == SpecFile.frontMatterCode else { return problem }
                    var warning = problem
                    warning.severity = .warning
                    warning.message += " (Claude Code loads this \(built.kind == .documentation ? "file" : "prompt") without its front matter)"
                    return warning
                }
            }
            cache[path] = CacheEntry(stamp: stamp, context: context, built: built, diagnostics: problems, linkedFolder: linkedFolder)
            diagnostics += problems
            return built
        }
    }
}
