import FaberCore

extension WorkspaceLoader.Scan {
    /// The plugin in folder `dir`, from `.claude-plugin/plugin.json` (cached like the specs).
    /// Without a plugin.json the folder name is used, with a warning.
    mutating func plugin(at dir: String) -> PluginSpec? {
        let manifest = FileSystem.join(dir, ".claude-plugin/plugin.json")
        let folderName = String(dir.split(separator: "/").last ?? Substring(dir))
        guard FileSystem.exists(manifest) else {
            if let name = marketplaceNames[dir] {  // the marketplace entry is its manifest
                return PluginSpec(name: name, version: nil, description: nil, root: dir, manifestPath: manifest)
            }
            diagnostics.append(
                .warning(
                    "plugin folder '\(dir)' has no .claude-plugin/plugin.json; using the folder name '\(folderName)'", at: nil,
                    hint: "add .claude-plugin/plugin.json with name, version and description"))
            return PluginSpec(name: folderName, version: nil, description: nil, root: dir, manifestPath: manifest)
        }
        guard case .plugin(let plugin)? = cachedManifest(manifest, dir: dir, folderName: folderName) else { return nil }
        return plugin
    }

    private mutating func cachedManifest(_ path: String, dir: String, folderName: String) -> WorkspaceLoader.CacheEntry.Built? {
        cachedJSONFile(path) { problems in
            .plugin(Self.parseManifest(path, dir: dir, folderName: folderName, diagnostics: &problems))
        }
    }

    /// A JSON file of a plugin or the workspace (plugin.json, hooks.json, ...): from the previous
    /// pass when its stamp is unchanged, else read and `parse`d now. Its diagnostics join the
    /// scan's either way, once however often the scan asks for it. Nil when there is no such file.
    private mutating func cachedJSONFile(
        _ path: String, parse: (inout [Diagnostic]) -> WorkspaceLoader.CacheEntry.Built
    ) -> WorkspaceLoader.CacheEntry.Built? {
        if let entry = cache[path] { return entry.built }
        guard let stamp = FileSystem.stamp(path), !stamp.isDirectory else { return nil }
        if let entry = previous[path], entry.stamp == stamp {
            cache[path] = entry
            diagnostics += entry.diagnostics
            return entry.built
        }
        parsed += 1
        var problems: [Diagnostic] = []
        let built = parse(&problems)
        cache[path] = WorkspaceLoader.CacheEntry(stamp: stamp, context: "", built: built, diagnostics: problems)
        diagnostics += problems
        return built
    }

    /// The JSON object in `path`; nil (with the problem, at its line and column) when the file
    /// cannot be read, is not JSON, or holds something else than an object.
    static func parseJSONObject(_ path: String, hint: String, diagnostics: inout [Diagnostic]) -> Value? {
        let start = SourceLocation(path: path, line: 1, column: 1)
        let json: Value
        do {
            json = try Value.parseJSON(bytes: try FileSystem.readBytes(path))
        } catch let error as Diagnostic {
            diagnostics.append(error)
            return nil
        } catch let error as Value.JSONError {
            diagnostics.append(
                .error("invalid JSON: \(error.message)", at: SourceLocation(path: path, line: error.line, column: error.column), hint: hint))
            return nil
        } catch {
            diagnostics.append(.error("invalid JSON: \(error)", at: start))
            return nil
        }
        guard json.object != nil else {
            let name = String(path.split(separator: "/").last ?? "")
            diagnostics.append(.error("\(name) must hold a JSON object", at: start, hint: hint))
            return nil
        }
        return json
    }

    /// Claude Code's other plugin files (`hooks/hooks.json`, `.mcp.json`, and a marketplace's
    /// `.claude-plugin/marketplace.json`): faber does not run them, but checks that they are JSON
    /// objects, with what Claude Code needs of them (cached like the specs).
    mutating func checkClaudeCodeFiles(in dir: String, marketplace: Bool) {
        _ = claudeCodeFile(FileSystem.join(dir, "hooks/hooks.json"))
        _ = claudeCodeFile(FileSystem.join(dir, ".mcp.json"))
        if marketplace { _ = claudeCodeFile(FileSystem.join(dir, ".claude-plugin/marketplace.json")) }
    }

    /// The JSON object of one of Claude Code's other files (`hooks.json`, `.mcp.json`,
    /// `marketplace.json`, told by its name), checked and cached; nil when it is missing or broken.
    mutating func claudeCodeFile(_ path: String) -> Value? {
        let name = String(path.split(separator: "/").last ?? "")
        let (hint, requiredKey): (String, String) =
            switch name {
            case "hooks.json": ("hooks.json is a JSON object such as {\"hooks\": {\"PreToolUse\": [...]}}", "hooks")
            case "marketplace.json":
                ("marketplace.json is a JSON object such as {\"name\": \"...\", \"owner\": {\"name\": \"...\"}, \"plugins\": [...]}", "plugins")
            default: (".mcp.json is a JSON object such as {\"mcpServers\": {\"name\": {\"command\": \"...\"}}}", "")
            }
        let built = cachedJSONFile(path) { problems in
            let json = Self.parseJSONObject(path, hint: hint, diagnostics: &problems)
            if let json, !requiredKey.isEmpty {
                // Claude Code skips what it cannot use here; the plugin still loads.
                if json[requiredKey] == nil {
                    problems.append(
                        .warning("missing required key '\(requiredKey)' in \(name)", at: SourceLocation(path: path, line: 1, column: 1), hint: hint))
                } else if requiredKey == "hooks" ? json[requiredKey]?.object == nil : json[requiredKey]?.array == nil {
                    problems.append(
                        .warning(
                            "'\(requiredKey)' in \(name) must be \(requiredKey == "hooks" ? "an object of events" : "a list of plugins")",
                            at: SourceLocation(path: path, line: 1, column: 1), hint: hint))
                }
            }
            return .json(json)
        }
        guard case .json(let json)? = built else { return nil }
        return json
    }

    static func parseManifest(_ path: String, dir: String, folderName: String, diagnostics: inout [Diagnostic]) -> PluginSpec? {
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard
            let json = parseJSONObject(
                path, hint: "plugin.json is a JSON object such as {\"name\": \"\(folderName)\", \"version\": \"1.0.0\"}", diagnostics: &diagnostics)
        else { return nil }
        var name = folderName
        if let written = json["name"]?.string {
            name = written
            if !isKebabCase(written) {
                // Claude Code asks for kebab-case but loads the plugin: faber calls it by this name too.
                diagnostics.append(
                    .warning(
                        "plugin name '\(written)' must be kebab-case (lowercase letters and digits joined by '-')", at: start,
                        hint: "for example \"\(suggestedName(written))\""))
            }
        } else if let given = json["name"], !given.isNull {
            diagnostics.append(
                .error(
                    "'name' in plugin.json must be a string, not \(given.jsonString())", at: start,
                    hint: "write \"name\": \"\(folderName)\"; commands are called /<name>:<command>"))
        } else {
            diagnostics.append(
                .error(
                    "missing required key 'name' in plugin.json", at: start,
                    hint: "add \"name\": \"\(folderName)\"; commands are called /<name>:<command>"))
        }
        for key in ["version", "description"] where json[key] != nil && json[key]?.string == nil {
            diagnostics.append(.error("'\(key)' in plugin.json must be a string", at: start))
        }
        var plugin = PluginSpec(
            name: name, version: json["version"]?.string, description: json["description"]?.string, root: dir,
            manifestPath: path)
        func paths(_ key: String) -> [String] {
            guard let value = json[key] else { return [] }
            if let one = value.string { return [one] }
            if let many = value.array, many.allSatisfy({ $0.string != nil }) { return many.compactMap(\.string) }
            diagnostics.append(
                .warning(
                    "'\(key)' in plugin.json must be a path or a list of paths; it is ignored", at: start, hint: "for example \"\(key)\": [\"./\(key)/extra\"]")
            )
            return []
        }
        plugin.componentPaths.commands = paths("commands")
        plugin.componentPaths.agents = paths("agents")
        plugin.componentPaths.skills = paths("skills")
        return plugin
    }

    static func isKebabCase(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("-") && !name.hasSuffix("-") && !name.contains("--")
            && name.allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII || $0 == "-" }
    }

    private static func suggestedName(_ name: String) -> String {
        SpecBuilder.slug(name.replacingCamelCase())
    }
}

extension String {
    /// `opsManager` -> `ops Manager`, so the slug keeps the word break.
    fileprivate func replacingCamelCase() -> String {
        var result = ""
        var previousLower = false
        for character in self {
            if character.isUppercase, previousLower { result.append(" ") }
            result.append(character)
            previousLower = character.isLowercase
        }
        return result
    }
}
