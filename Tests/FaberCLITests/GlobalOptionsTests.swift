import FaberCore
import FaberRuntime
import Testing

@Suite("faber's own options: GlobalOptions")
struct GlobalOptionsTests {
    func extracted(_ words: [String]) throws -> (options: GlobalOptions, rest: [String]) {
        var options = GlobalOptions()
        let rest = try options.extract(from: words)
        return (options, rest)
    }

    func extractError(_ words: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> FaberError {
        var options = GlobalOptions()
        return try #require(throws: FaberError.self, sourceLocation: sourceLocation) { try options.extract(from: words) }
    }

    @Test("the defaults are text output and every switch off")
    func defaults() {
        let options = GlobalOptions()
        #expect(options.output == .text)
        #expect(!options.assumeYes && !options.dryRun && !options.trace && !options.help)
        let run = options.runOptions
        #expect(run.output == .text && !run.assumeYes && !run.dryRun && !run.trace)
    }

    // MARK: - extract(from:)

    @Test(
        "--output takes its format as the next word or after =, also as -o",
        arguments: [
            (["--output", "json"], RunOptions.OutputFormat.json), (["--output=json"], .json), (["-o", "markdown"], .markdown),
            (["-o=markdown"], .markdown), (["--output", "json", "--output", "text"], .text),
        ])
    func output(words: [String], format: RunOptions.OutputFormat) throws {
        let (options, rest) = try extracted(words)
        #expect(options.output == format)
        #expect(rest.isEmpty)
    }

    @Test("the switches are set by their flag alone", arguments: ["--yes", "-y", "--dry-run", "--trace", "--help", "-h"])
    func switches(flag: String) throws {
        let (options, rest) = try extracted([flag])
        #expect(rest.isEmpty)
        #expect(options.assumeYes == (flag == "--yes" || flag == "-y"))
        #expect(options.dryRun == (flag == "--dry-run"))
        #expect(options.trace == (flag == "--trace"))
        #expect(options.help == (flag == "--help" || flag == "-h"))
        #expect(options.output == .text)
    }

    @Test(
        "--yes, --dry-run and --trace take =true/false, yes/no, 1/0, on/off in any case",
        arguments: [
            ("true", true), ("TRUE", true), ("yes", true), ("1", true), ("on", true),
            ("false", false), ("False", false), ("no", false), ("0", false), ("off", false),
        ])
    func switchValues(text: String, value: Bool) throws {
        let (options, rest) = try extracted(["--yes=\(text)", "--dry-run=\(text)", "--trace=\(text)", "-y=\(text)"])
        #expect(rest.isEmpty)
        #expect(options.assumeYes == value)
        #expect(options.dryRun == value)
        #expect(options.trace == value)
    }

    @Test("a later --yes=false turns off an earlier --yes")
    func laterWins() throws {
        #expect(try extracted(["--yes", "--yes=false"]).options.assumeYes == false)
        #expect(try extracted(["--yes=false", "-y"]).options.assumeYes == true)
    }

    @Test("other words are left, in order, around the options")
    func leavesOtherWords() throws {
        let words = ["/x:y", "op", "--env", "prod", "--output", "json", "--yes", "--region=eu", "-v", "--trace", "last"]
        let (options, rest) = try extracted(words)
        #expect(rest == ["/x:y", "op", "--env", "prod", "--region=eu", "-v", "last"])
        #expect(options.output == .json && options.assumeYes && options.trace && !options.dryRun)
    }

    @Test("a word that only looks like an option is left", arguments: ["--outputs", "--yes-please", "-yes", "output=json", "--Output"])
    func lookalikes(word: String) throws {
        let (options, rest) = try extracted([word, "json"])
        #expect(rest == [word, "json"])
        #expect(options.output == .text && !options.assumeYes)
    }

    @Test("extracting adds to options already set (the REPL's base options)")
    func keepsEarlierOptions() throws {
        var options = GlobalOptions()
        options.output = .json
        options.dryRun = true
        let rest = try options.extract(from: ["--trace", "/x:y"])
        #expect(rest == ["/x:y"])
        #expect(options.output == .json && options.dryRun && options.trace)
        #expect(options.runOptions.output == .json && options.runOptions.dryRun && options.runOptions.trace)
    }

    @Test("--output without a value is a usage error", arguments: [["--output"], ["/x:y", "-o"]])
    func outputWithoutValue(words: [String]) throws {
        let error = try extractError(words)
        #expect(error.exitStatus == .usage)
        #expect(error.code == "usage")
        #expect(error.message == "--output needs a value: text, json or markdown")
        #expect(error.hint == nil)
    }

    @Test(
        "an unknown --output format lists the formats, with a did-you-mean when close",
        arguments: [
            (["--output", "yaml"], "yaml", nil), (["--output", "jsno"], "jsno", "did you mean 'json'?"),
            (["-o", "mark"], "mark", "did you mean 'markdown'?"), (["--output=JSON"], "JSON", "did you mean 'json'?"),
            (["--output="], "", nil), (["--output", "--yes"], "--yes", nil),
        ] as [([String], String, String?)])
    func unknownFormat(words: [String], value: String, hint: String?) throws {
        let error = try extractError(words)
        #expect(error.exitStatus == .usage)
        #expect(error.message == "--output '\(value)' is not one of: text, json, markdown")
        #expect(error.hint == hint)
    }

    @Test(
        "a switch with a value other than true/false is a usage error naming the flag as written",
        arguments: [
            ("--yes=maybe", "--yes", "maybe"), ("-y=2", "-y", "2"), ("--dry-run=", "--dry-run", ""), ("--trace=enabled", "--trace", "enabled"),
        ])
    func badSwitchValue(word: String, flag: String, value: String) throws {
        let error = try extractError([word])
        #expect(error.exitStatus == .usage)
        #expect(error.message == "\(flag) takes no value or true/false, not '\(value)'")
        #expect(error.hint == nil)
    }

    // MARK: - splitFlag, boolValue

    @Test(
        "splitFlag splits a flag at its first =, and leaves anything else whole",
        arguments: [
            ("--k=v", "--k", "v"), ("--k", "--k", nil), ("--k=", "--k", ""), ("--k=a=b", "--k", "a=b"), ("-o=json", "-o", "json"),
            ("-=x", "-", "x"), ("k=v", "k=v", nil), ("/x:y=1", "/x:y=1", nil), ("", "", nil),
        ] as [(String, String, String?)])
    func splitFlag(word: String, flag: String, value: String?) {
        let (name, inline) = GlobalOptions.splitFlag(word)
        #expect(name == flag)
        #expect(inline == value)
    }

    @Test("boolValue: no value is true")
    func boolValueWithoutText() throws {
        #expect(try GlobalOptions.boolValue(nil, flag: "--x") == true)
        #expect(try GlobalOptions.boolValue("OFF", flag: "--x") == false)
        let error = try #require(throws: FaberError.self) { try GlobalOptions.boolValue("nope", flag: "--x") }
        #expect(error.message == "--x takes no value or true/false, not 'nope'")
    }

    @Test("flagNames lists faber's long options, the ones an operation's unknown-flag hint offers")
    func flagNames() {
        #expect(GlobalOptions.flagNames == ["--output", "--yes", "--trace", "--dry-run", "--help"])
    }
}
