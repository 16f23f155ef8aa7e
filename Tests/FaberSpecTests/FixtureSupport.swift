import FaberCore
import Foundation

@testable import FaberSpec

/// Paths of the fixtures copied into the test bundle, and helpers to print diagnostics relative to them.
enum Fixtures {
    static let root: String = Bundle.module.path(forResource: "Fixtures", ofType: nil)!

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// `path:line:col: severity: message` with `prefix` stripped from the path (hints left out).
    static func lines(_ diagnostics: [Diagnostic], relativeTo prefix: String) -> [String] {
        diagnostics.map { diagnostic in
            let first = diagnostic.description.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            return first.hasPrefix(prefix + "/") ? String(first.dropFirst(prefix.count + 1)) : first
        }
    }

    /// Loads one spec file of `errors/` as `kind` and returns every diagnostic, relative to `errors/`.
    static func diagnose(_ name: String, as kind: String) -> [Diagnostic] {
        let path = path("errors/\(name)")
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(contentsOf: path, diagnostics: &diagnostics)
        var builder = SpecBuilder()
        let stem = String(name.dropLast(3))
        switch kind {
        case "command": _ = builder.command(from: file, name: stem, scope: .workspace)
        case "agent": _ = builder.agent(from: file, name: stem, scope: .workspace)
        case "skill": _ = builder.skill(from: file, directory: Fixtures.path("errors"), scope: .workspace, workflowNames: [])
        default: _ = builder.workflow(from: file, name: stem, skill: "s")
        }
        return diagnostics + builder.diagnostics
    }

    /// A fresh copy of fixture folder `name` in a temporary folder (for tests that change files).
    static func copy(_ name: String) throws -> String {
        let target = NSTemporaryDirectory() + "faber-spec-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: path(name), toPath: target)
        return target
    }
}

enum FileManagerHelper {
    static func list(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
    }
}
