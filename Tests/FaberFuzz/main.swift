import FaberCore
import FaberEngine
import FaberRuntime
import FaberSpec
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A mutation fuzzer for what faber reads from a workspace: spec files (YAML front matter and
/// markdown), `${{ }}` expressions and JSON (config.json, registries). It mutates a seed corpus
/// (every spec and JSON file of the repository), loads and checks each mutant in process, and
/// fails on a crash (the process dies; the input is in `<out>/current`), on a hang (a watchdog
/// ends the run after `--hang` seconds; the input is saved as `<out>/hang-*`), and on a check that
/// reports anything but findings. docs/fuzzing.md says how to run it for an hour.
///
///     faber-fuzz --seconds 60 --corpus . --out .build/fuzz [--seed 42]
struct Options {
    var seconds: Double = 60
    var corpus = "."
    var out = ".build/fuzz"
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
    var hang: Double = 10
    /// The faber binary: every 100th mutant is also checked by it, which must exit 0 or 65.
    var faber: String?

    init(_ arguments: [String]) {
        var index = 0
        func value() -> String {
            index += 1
            guard index < arguments.count else { fatalError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--seconds": seconds = Double(value()) ?? seconds
            case "--corpus": corpus = value()
            case "--out": out = value()
            case "--seed": seed = UInt64(value()) ?? seed
            case "--hang": hang = Double(value()) ?? hang
            case "--faber": faber = value()
            default: fatalError("unknown argument \(arguments[index]); see Tests/FaberFuzz/main.swift")
            }
            index += 1
        }
    }
}

/// xorshift64*: reproducible from `--seed`.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Pieces that reach the parsers' corners: nesting, aliases, expressions, numbers, odd bytes.
let tokens: [String] = [
    "[", "]", "{", "}", "${{", "}}", "&a ", "*a", "<<: *a", "!!str ", "- ", ": ", "\n  ", "\t", "---\n", "```step\n", "```\n",
    "needs: [x]", "uses: core.render", "if: ", "for_each: ", "timeout: 1e400", "retry: {attempts: 99999999999}", "'", "\"",
    "\\u", "\\uD83D", "%", "#", "&&", "||", "!", "(", ")", "len(", "format('{0}', ", "inputs.", "steps.", "config.", "env.",
    "9999999999999999999999", "-0", "1e308", "NaN", "\u{0}", "\u{1B}[31m", "\u{FEFF}", "\u{FFFD}", "é", "null", "true", "~",
]

func mutate(_ text: String, _ random: inout Random) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + random.below(4)) {
        let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
        switch random.below(7) {
        case 0 where !bytes.isEmpty:  // flip a byte
            bytes[min(position, bytes.count - 1)] ^= UInt8(1 << random.below(8))
        case 1:  // insert a token
            bytes.insert(contentsOf: Array(random.pick(tokens).utf8), at: position)
        case 2 where !bytes.isEmpty:  // delete a run
            let end = min(bytes.count, position + 1 + random.below(16))
            if position < end { bytes.removeSubrange(position..<end) }
        case 3 where !bytes.isEmpty:  // duplicate a run
            let end = min(bytes.count, position + 1 + random.below(64))
            if position < end { bytes.insert(contentsOf: Array(bytes[position..<end]), at: position) }
        case 4:  // deep nesting
            let open = random.pick(["[", "{a: ", "(", "!", "- "])
            bytes.insert(contentsOf: Array(String(repeating: open, count: 1 + random.below(20000)).utf8), at: position)
        case 5:  // a random byte
            bytes.insert(UInt8(random.below(256)), at: position)
        default:  // a token many times
            bytes.insert(contentsOf: Array(String(repeating: random.pick(tokens), count: 1 + random.below(50)).utf8), at: position)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The spec and JSON files of `root` (relative paths), the seeds.
func corpus(_ root: String) -> [String] {
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let path = enumerator?.nextObject() as? String {
        if path.hasPrefix(".build") || path.hasPrefix(".git") || path.hasPrefix(".venv") || path.hasPrefix("Tests/") { continue }
        guard path.hasSuffix(".md") || path.hasSuffix(".json") else { continue }
        guard ["plugins/", "skills/", "agents/", "commands/", ".fractary/"].contains(where: path.hasPrefix) else { continue }
        files.append(path)
    }
    return files.sorted()
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let root = (options.corpus as NSString).standardizingPath
let seeds = corpus(root)
guard !seeds.isEmpty else {
    FileHandle.standardError.write(Data("faber-fuzz: no seed files under \(root)\n".utf8))
    exit(2)
}
try? FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
let workspace = NSTemporaryDirectory() + "faber-fuzz-\(getpid())"
try? FileManager.default.removeItem(atPath: workspace)
for seed in seeds {
    let target = workspace + "/" + seed
    try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? FileManager.default.copyItem(atPath: root + "/" + seed, toPath: target)
}

/// The input being tried, for the watchdog and for a crash.
final class Current: @unchecked Sendable {
    var path = ""
    var text = ""
    var started = Date()
    let lock = NSLock()
}
let current = Current()
let out = options.out
let hangLimit = options.hang
Thread.detachNewThread {
    while true {
        Thread.sleep(forTimeInterval: 0.5)
        current.lock.lock()
        let (elapsed, path, text) = (Date().timeIntervalSince(current.started), current.path, current.text)
        current.lock.unlock()
        if !path.isEmpty, elapsed > hangLimit {
            let saved = out + "/hang-\(Int(Date().timeIntervalSince1970)).txt"
            try? ("// " + path + "\n" + text).write(toFile: saved, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(Data("faber-fuzz: HANG over \(hangLimit) s on a mutant of \(path); saved to \(saved)\n".utf8))
            exit(1)
        }
    }
}

var random = Random(state: options.seed | 1)
let deadline = Date().addingTimeInterval(options.seconds)
let runtime = Runtime(root: workspace, pluginDirs: [])
var inputs = 0
var findings = 0
FileHandle.standardError.write(Data("faber-fuzz: seed \(options.seed), \(seeds.count) seed files, \(options.seconds) s\n".utf8))
while Date() < deadline {
    let seed = random.pick(seeds)
    let original = (try? String(contentsOfFile: root + "/" + seed, encoding: .utf8)) ?? ""
    let mutant = mutate(original, &random)
    current.lock.lock()
    current.path = seed
    current.text = mutant
    current.started = Date()
    current.lock.unlock()
    // Written before it is tried: if faber crashes on it, it is there to reproduce.
    try? ("// " + seed + "\n" + mutant).write(toFile: out + "/current", atomically: false, encoding: .utf8)
    try? mutant.write(toFile: workspace + "/" + seed, atomically: false, encoding: .utf8)
    let report = runtime.check()
    findings += report.diagnostics.count
    if let faber = options.faber, inputs % 100 == 0 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: faber)
        process.arguments = ["--workspace", workspace, "check"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
        let status = process.terminationStatus
        guard process.terminationReason == .exit, status == 0 || status == 65 else {
            let saved = out + "/exit-\(status)-\(Int(Date().timeIntervalSince1970)).txt"
            try? ("// " + seed + "\n" + mutant).write(toFile: saved, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(Data("faber-fuzz: faber check ended with \(status) (not 0 or 65) on a mutant of \(seed); saved to \(saved)\n".utf8))
            exit(1)
        }
    }
    // The same text straight into the parsers that take it.
    var sink: [Diagnostic] = []
    for (expression, _) in Template.compile(text: mutant, at: SourceLocation(path: seed, line: 1, column: 1), diagnostics: &sink).expressions {
        _ = try? expression.evaluate(in: EvaluationScope())
    }
    _ = try? Value.parseLocatedJSON(bytes: Array(mutant.utf8))
    try? original.write(toFile: workspace + "/" + seed, atomically: false, encoding: .utf8)
    inputs += 1
}
current.lock.lock()
current.path = ""
current.lock.unlock()
try? FileManager.default.removeItem(atPath: workspace)
try? FileManager.default.removeItem(atPath: out + "/current")
print("faber-fuzz: \(inputs) inputs in \(Int(options.seconds)) s, no crash and no hang (\(findings) findings reported as such)")
