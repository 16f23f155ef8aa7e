import FaberCore

extension WorkspaceLoader.Scan {
    /// The plugin in folder `dir`, from `.claude-plugin/plugin.json` (cached like the specs).
    /// Without a plugin.json the folder name is used, with a warning.
    mutating func plugin(at dir: String) -> PluginSpec? {
        let manifest = FileSystem.join(dir, ".claude-plugin/plugin.json")
        let folderName = String(dir.split(separator: "/").last ?? Substring(dir))
        guard FileSystem.exists(manifest) else {
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
        guard let stamp = FileSystem.stamp(path) else { return nil }
        if let entry = previous[path], entry.stamp == stamp {
            cache[path] = entry
            diagnostics += entry.diagnostics
            return entry.built
        }
        parsed += 1
        var problems: [Diagnostic] = []
        let plugin = Self.parseManifest(path, dir: dir, folderName: folderName, diagnostics: &problems)
        let built = WorkspaceLoader.CacheEntry.Built.plugin(plugin)
        cache[path] = WorkspaceLoader.CacheEntry(stamp: stamp, context: "", built: built, diagnostics: problems)
        diagnostics += problems
        return built
    }

    static func parseManifest(_ path: String, dir: String, folderName: String, diagnostics: inout [Diagnostic]) -> PluginSpec? {
        let start = SourceLocation(path: path, line: 1, column: 1)
        let json: Value
        do {
            json = try Value.parseJSON(bytes: try FileSystem.readBytes(path))
        } catch let error as Diagnostic {
            diagnostics.append(error)
            return nil
        } catch let error as Value.JSONError {
            diagnostics.append(
                .error(
                    "invalid JSON: \(error.message)", at: SourceLocation(path: path, line: error.line, column: error.column),
                    hint: "plugin.json is a JSON object such as {\"name\": \"\(folderName)\", \"version\": \"1.0.0\"}"))
            return nil
        } catch {
            diagnostics.append(.error("invalid JSON: \(error)", at: start))
            return nil
        }
        guard json.object != nil else {
            diagnostics.append(.error("plugin.json must hold a JSON object", at: start))
            return nil
        }
        var name = folderName
        if let written = json["name"]?.string {
            name = written
            if !isKebabCase(written) {
                diagnostics.append(
                    .error(
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
        return PluginSpec(
            name: name, version: json["version"]?.string, description: json["description"]?.string, root: dir,
            manifestPath: path)
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
