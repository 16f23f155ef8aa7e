import FaberCore
import Foundation
import Mustache

/// The templates of a skill (`templates/`, subfolders included: `emails/welcome.mustache` is
/// `emails/welcome`). Each file is parsed on its own, so a broken file only breaks the templates
/// that use it, and every template renders as plain text (no HTML escaping).
struct TemplateFolder: Sendable {
    struct File: Sendable {
        var name: String
        var path: String
        /// Relative to the workspace when inside it, for messages.
        var displayPath: String
        /// The tags of the file, for the partials it uses.
        var tags: [MustacheTag]
        /// Nil when the file does not parse; `problem` then says why.
        var template: MustacheTemplate?
        var problem: Diagnostic?
    }

    let directory: String
    /// `directory` relative to the workspace when inside it.
    let displayDirectory: String
    let files: [String: File]
    /// The templates that parse, registered under their names, for partials.
    let library: MustacheLibrary

    /// Put before every template so that variables are not HTML-escaped (swift-mustache escapes
    /// for HTML unless told otherwise, and each partial starts over with HTML). On a line of its
    /// own the pragma is a standalone tag: it and its newline leave no trace in the output, and
    /// what follows parses exactly as the file alone. Errors are located on the file alone.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    init(directory: String, workspace: String) {
        self.directory = directory
        displayDirectory = Self.relative(directory, to: workspace)
        var files: [String: File] = [:]
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        for relativePath in ((FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []).sorted()
        where relativePath.hasSuffix(".mustache") {
            let path = base + relativePath
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let name = String(relativePath.dropLast(".mustache".count))
            let displayPath = Self.relative(path, to: workspace)
            guard let data = FileManager.default.contents(atPath: path) else {
                files[name] = File(
                    name: name, path: path, displayPath: displayPath, tags: [], template: nil,
                    problem: .error(
                        "cannot read template '\(name)'", at: SourceLocation(path: displayPath, line: 1, column: 1),
                        hint: "check the file's permissions"))
                continue
            }
            var source = String(decoding: data, as: UTF8.self)
            if source.hasPrefix("\u{FEFF}") { source.removeFirst() }
            let lines = Self.normalizingNewlines(source)
            var file = File(name: name, path: path, displayPath: displayPath, tags: MustacheTag.scan(lines))
            do {
                file.template = try MustacheTemplate(string: Self.textPragma + source)
            } catch {
                file.problem = Self.diagnose(lines, error, path: displayPath)
            }
            files[name] = file
        }
        self.files = files
        library = MustacheLibrary(templates: files.compactMapValues(\.template))
    }

    var names: [String] { files.keys.sorted() }

    /// What stops `name` from rendering: it or a partial it uses (directly or through other
    /// partials) does not parse, or names a template that does not exist. Nil when it can render.
    func problem(rendering name: String) -> Diagnostic? {
        var queue: [(name: String, usedBy: (tag: MustacheTag, file: File)?)] = [(name, nil)]
        var seen: Set<String> = []
        while !queue.isEmpty {
            let (next, usedBy) = queue.removeFirst()
            guard seen.insert(next).inserted, let file = files[next] else { continue }
            if var problem = file.problem {
                if let usedBy {
                    let use = "used by \(usedBy.tag.text) at \(usedBy.file.displayPath):\(usedBy.tag.line):\(usedBy.tag.column)"
                    problem.hint = problem.hint.map { "\($0) (\(use))" } ?? use
                }
                return problem
            }
            for tag in file.tags {
                guard let partial = tag.partialName else { continue }
                if files[partial] == nil { return missingPartial(partial, tag: tag, in: file) }
                queue.append((partial, (tag, file)))
            }
        }
        return nil
    }

    /// Every problem of the folder: templates that do not parse, partials that do not exist.
    func diagnostics() -> [Diagnostic] {
        var result: [Diagnostic] = []
        for name in names {
            let file = files[name]!
            if let problem = file.problem {
                result.append(problem)
                continue
            }
            for tag in file.tags {
                if let partial = tag.partialName, files[partial] == nil { result.append(missingPartial(partial, tag: tag, in: file)) }
            }
        }
        return result.sortedByLocation()
    }

    /// Renders a template that exists and has no problem.
    func render(_ name: String, _ values: Any) -> String? {
        files[name]?.template?.render(values, library: library)
    }

    func missingPartial(_ partial: String, tag: MustacheTag, in file: File) -> Diagnostic {
        .error(
            "template '\(file.name)' uses partial '\(partial)' (\(tag.text)), but there is no template '\(partial)' in \(displayDirectory)",
            at: SourceLocation(path: file.displayPath, line: tag.line, column: tag.column),
            hint: didYouMean(partial, among: names.filter { $0 != file.name }) ?? "create \(displayDirectory)/\(partial).mustache, or remove the tag")
    }

    /// `path` relative to `workspace` when it is inside it, else unchanged.
    static func relative(_ path: String, to workspace: String) -> String {
        guard !workspace.isEmpty else { return path }
        let prefix = workspace.hasSuffix("/") ? workspace : workspace + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// CR LF and lone CR as LF: the same lines, and columns the parser counts right (it finds the
    /// start of a line by looking for LF alone).
    static func normalizingNewlines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

// MARK: - Parse errors as sentences

extension TemplateFolder {
    /// A readable diagnostic for a template that does not parse: what is wrong and what to do,
    /// at the tag at fault. `source` has LF newlines; `error` is what parsing it with the text
    /// pragma threw (it is parsed again alone, for locations in the file as written).
    static func diagnose(_ source: String, _ error: any Error, path: String) -> Diagnostic {
        var (failure, line, column) = (error, 1, 1)
        do {
            _ = try MustacheTemplate(string: source)
            // The file alone parses (it should not): use the first error; the pragma is one line more.
            if let withPragma = error as? MustacheTemplate.ParserError {
                (failure, line, column) = (withPragma.error, max(1, withPragma.context.lineNumber - 1), withPragma.context.columnNumber)
            }
        } catch let alone as MustacheTemplate.ParserError {
            (failure, line, column) = (alone.error, alone.context.lineNumber, alone.context.columnNumber)
        } catch {
            failure = error
        }
        let explanation = TemplateErrorExplanation(source: source, error: failure, line: line, column: column)
        return .error(
            explanation.message, at: SourceLocation(path: path, line: explanation.line, column: explanation.column),
            hint: explanation.hint)
    }
}
