import FaberCore
import FaberEngine
import FaberSpec

/// The coverage-guided fuzz target (libFuzzer; docs/fuzzing.md): each input is read as a spec
/// file (front matter YAML read as Claude Code reads it, markdown, ```step blocks, a prompt's
/// placeholders), as a `${{ }}` template compiled and
/// evaluated, and as JSON. Nothing may crash; libFuzzer reports a crash, a leak of time (-timeout)
/// or memory (-rss_limit_mb) with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    var diagnostics: [Diagnostic] = []
    let file = SpecFile(path: "fuzz.md", text: text, diagnostics: &diagnostics)
    var builder = SpecBuilder()
    _ = builder.workflow(from: file, name: "fuzz", skill: "fuzz")
    // As a Claude Code prompt command: its front matter read tolerantly, its fixes applied, its
    // placeholders and references rendered.
    let command = builder.command(from: file, name: "fuzz", scope: .plugin("fuzz"))
    _ = SpecFix.apply(file.fixes, to: text)
    _ = try? command.template?.render(arguments: "a b", positional: ["a", "b"], pluginRoot: "/p") { reference, _ in reference }
    var sink: [Diagnostic] = []
    let template = Template.compile(text: text, at: SourceLocation(path: "fuzz.md", line: 1, column: 1), diagnostics: &sink)
    _ = try? template.evaluate(in: EvaluationScope())
    _ = try? Value.parseLocatedJSON(bytes: bytes)
    return 0
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; it hands the command line to
/// libFuzzer's driver.
@_cdecl("faber_libfuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}
