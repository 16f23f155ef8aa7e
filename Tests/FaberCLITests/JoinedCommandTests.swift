import FaberCore
import FaberRuntime
import Testing

@testable import FaberCLI

/// `Invocation.joinedCommand`: the words after `faber run` (or a leading slash command) as the one
/// line `Runtime.resolve` splits again with `Tokenizer.split`.
@Suite("faber's command line: Invocation.joinedCommand")
struct JoinedCommandTests {
    func joined(_ words: [String]) throws -> String {
        var options = GlobalOptions()
        return try Invocation.joinedCommand(words, options: &options)
    }

    @Test(
        "one argument is already the command line and is kept as is",
        arguments: [
            "/x:y op --a 1", "/x:y op --name 'a b'", "/x:y", "  /x:y  op  ", "/x:y op --note \"it's\"",
        ])
    func singleArgument(line: String) throws {
        #expect(try joined([line]) == line)
    }

    @Test("several plain words are joined with single spaces")
    func plainWords() throws {
        #expect(try joined(["/x:y", "op", "--a", "1"]) == "/x:y op --a 1")
        #expect(
            try joined(["/fractary-faber-cloud:ops-manage", "check-health", "--env=prod"])
                == "/fractary-faber-cloud:ops-manage check-health --env=prod")
    }

    @Test(
        "a word with whitespace or a quote is single-quoted, a single quote as '\\''",
        arguments: [
            ("a b", "'a b'"), ("a\tb", "'a\tb'"), ("say \"hi\"", "'say \"hi\"'"), ("a\"b", "'a\"b'"),
            ("it's", "'it'\\''s'"), ("'", "''\\'''"),
        ])
    func quotedWord(word: String, expected: String) throws {
        #expect(try joined(["/x:y", "op", "--note", word]) == "/x:y op --note \(expected)")
    }

    @Test(
        "the joined line splits back into the same words",
        arguments: [
            ["/x:y", "op", "--note", "a b"], ["/x:y", "--note", "say \"hi\""], ["/x:y", "--note", "it's"],
            ["/x:y", "--note", "'quoted'"], ["/x:y", "--note", " lead and trail "], ["/x:y", "--note", "a\"b'c d"],
        ])
    func roundTrip(words: [String]) throws {
        #expect(try Tokenizer.split(joined(words)) == words)
    }

    @Test("a backslash in a word survives the round trip")
    func roundTripBackslash() throws {
        let words = ["/x:y", "op", "--pattern", "ERROR\\s+timeout"]
        #expect(try Tokenizer.split(joined(words)) == words)
    }

    @Test("an empty word survives the round trip")
    func roundTripEmptyWord() throws {
        let words = ["/x:y", "op", "--name", "", "--b", "2"]
        #expect(try Tokenizer.split(joined(words)) == words)
    }

    @Test("words after a first argument that is a command line continue that line")
    func continuation() throws {
        #expect(try joined(["/x:y op --a 1", "--b", "2"]) == "/x:y op --a 1 --b 2")
        #expect(try joined(["/x:y op --note 'a b'", "--b", "c d"]) == "/x:y op --note 'a b' --b 'c d'")
    }

    @Test("a first argument with spaces that is no slash command is quoted like any word")
    func noContinuationWithoutSlash() throws {
        #expect(try joined(["x:y op", "--b", "2"]) == "'x:y op' --b 2")
    }

    @Test("faber's own options are taken out of the words and set on the options")
    func extractsOptions() throws {
        var options = GlobalOptions()
        let line = try Invocation.joinedCommand(["/x:y", "op", "--output", "json", "-y", "--env", "prod"], options: &options)
        #expect(line == "/x:y op --env prod")
        #expect(options.output == .json)
        #expect(options.assumeYes)
        #expect(!options.dryRun && !options.trace)
    }

    @Test("options inside a single quoted argument are left for the runtime")
    func optionsInsideOneArgument() throws {
        var options = GlobalOptions()
        let line = try Invocation.joinedCommand(["/x:y op --output json"], options: &options)
        #expect(line == "/x:y op --output json")
        #expect(options.output == .text)
    }

    @Test("Invocation.parse quotes the words of faber run and of a leading slash command the same way")
    func throughParse() throws {
        let words = ["/x:y", "op", "--note", "a b", "--who", "it's"]
        let expected = "run /x:y op --note 'a b' --who 'it'\\''s'"
        #expect(try parse(["run"] + words).command.summary == expected)
        #expect(try parse(words).command.summary == expected)
    }

    @Test("faber's options are taken out wherever they are among the words, even between a flag and its value")
    func optionsAnywhere() throws {
        var options = GlobalOptions()
        let line = try Invocation.joinedCommand(["--trace", "/x:y", "--env", "--dry-run", "prod"], options: &options)
        #expect(line == "/x:y --env prod")
        #expect(options.trace && options.dryRun)
    }

    @Test("a bad faber option among the words is its usage error")
    func badOption() throws {
        let error = try #require(throws: FaberError.self) { try joined(["/x:y", "op", "--output"]) }
        #expect(error.exitStatus == .usage)
        #expect(error.message == "--output needs a value: text, json or markdown")
    }
}
