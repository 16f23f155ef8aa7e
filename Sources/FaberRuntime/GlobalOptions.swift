import FaberCore

/// faber's own options. They are accepted on faber's command line and inside a
/// slash command (so the REPL can use them): `--output json`, `--yes`, `--trace`, `--dry-run`.
public struct GlobalOptions: Sendable {
    public var output: RunOptions.OutputFormat = .text
    public var assumeYes = false
    public var dryRun = false
    public var trace = false
    public var help = false
    /// Not a flag: set by a front end that forbids changes (`RunOptions.changesAllowed`).
    public var changesAllowed = true

    public init() {}

    public static let flagNames = ["--output", "--yes", "--trace", "--dry-run", "--help"]

    public var runOptions: RunOptions {
        RunOptions(output: output, assumeYes: assumeYes, dryRun: dryRun, trace: trace, changesAllowed: changesAllowed)
    }

    /// Takes faber's own flags out of `words`, leaving the rest in order.
    public mutating func extract(from words: [String]) throws -> [String] {
        var rest: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let (name, inlineValue) = Self.splitFlag(word)
            switch name {
            case "--output", "-o":
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index + 1 < words.count {
                    index += 1
                    value = words[index]
                } else {
                    throw FaberError.usage("--output needs a value: text, json or markdown")
                }
                guard let format = RunOptions.OutputFormat(rawValue: value) else {
                    let names = RunOptions.OutputFormat.allCases.map(\.rawValue)
                    throw FaberError.usage(
                        "--output '\(value)' is not one of: \(names.joined(separator: ", "))",
                        hint: didYouMean(value, among: names))
                }
                output = format
            case "--yes", "-y": assumeYes = try Self.boolValue(inlineValue, flag: name)
            case "--dry-run": dryRun = try Self.boolValue(inlineValue, flag: name)
            case "--trace": trace = try Self.boolValue(inlineValue, flag: name)
            case "--help", "-h": help = true
            default: rest.append(word)
            }
            index += 1
        }
        return rest
    }

    /// `--k=v` -> ("--k", "v"); `--k` -> ("--k", nil).
    public static func splitFlag(_ word: String) -> (String, String?) {
        guard word.hasPrefix("-"), let eq = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<eq]), String(word[word.index(after: eq)...]))
    }

    public static func boolValue(_ text: String?, flag: String) throws -> Bool {
        guard let text else { return true }
        switch text.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: throw FaberError.usage("\(flag) takes no value or true/false, not '\(text)'")
        }
    }
}
