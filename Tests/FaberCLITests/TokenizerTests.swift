import FaberCore
import FaberRuntime
import Testing

/// `Tokenizer.split`: a slash command line split as a shell would. Lines are written as raw strings
/// (`#"..."#`) so every backslash and quote below is one character of the line.
@Suite("slash command lines: Tokenizer.split")
struct TokenizerTests {
    @Test(
        "whitespace of any kind and length separates words",
        arguments: [
            ("a b c", ["a", "b", "c"]), ("  a   b  ", ["a", "b"]), ("a\tb\nc\r\nd", ["a", "b", "c", "d"]),
            ("", []), ("   \t ", []), ("a\u{00A0}b", ["a", "b"]),
        ])
    func whitespace(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test("a real command line")
    func commandLine() throws {
        let words = try Tokenizer.split("/fractary-faber-cloud:ops-manage check-health --env prod --output=json")
        #expect(words == ["/fractary-faber-cloud:ops-manage", "check-health", "--env", "prod", "--output=json"])
    }

    @Test(
        "single quotes group everything up to the next single quote, backslashes included",
        arguments: [
            (#"'a b' c"#, ["a b", "c"]), (#"'say "hi"'"#, [#"say "hi""#]), (#"'a\b'"#, [#"a\b"#]),
            (#"'a\'"#, [#"a\"#]), (#"--note='x  y'"#, ["--note=x  y"]), (#"'a'b'c'"#, ["abc"]),
        ])
    func singleQuotes(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test(
        "double quotes group; inside them a backslash escapes the next character",
        arguments: [
            (#""a b" c"#, ["a b", "c"]), (#""it's""#, ["it's"]), (#""a\"b""#, [#"a"b"#]), (#""a\\b""#, [#"a\b"#]),
            (#""a\nb""#, ["anb"]), (#""x 'y' z""#, ["x 'y' z"]), (#"--note="a b"c"#, ["--note=a bc"]),
        ])
    func doubleQuotes(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test(
        "outside quotes a backslash escapes the next character, space and quotes included",
        arguments: [
            (#"a\ b"#, ["a b"]), (#"\'"#, ["'"]), (#"\""#, ["\""]), (#"a\\b"#, [#"a\b"#]), (#"a\bc"#, ["abc"]),
            (#"it\'s fine"#, ["it's", "fine"]), (#"'it'\''s'"#, ["it's"]),
        ])
    func backslash(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test(
        "a backslash at the very end is dropped; alone it is an empty word",
        arguments: [
            (#"abc\"#, ["abc"]), (#"a \"#, ["a", ""]), (#"\"#, [""]),
        ])
    func trailingBackslash(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test(
        "empty quotes are an empty word; next to other text they add nothing",
        arguments: [
            ("''", [""]), ("\"\"", [""]), ("--name '' x", ["--name", "", "x"]), (#"'' """#, ["", ""]),
            ("a''b", ["ab"]), (#"--name="""#, ["--name="]),
        ])
    func emptyQuotes(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test(
        "an unterminated quote is a usage error naming the quote and the line",
        arguments: [
            ("'abc", "'"), (#"/x:y --note "hi"#, "\""), (#""abc\""#, "\""), (#"'a' "b"#, "\""), (#"it's"#, "'"),
        ])
    func unterminatedQuote(line: String, quote: String) throws {
        let error = try #require(throws: FaberError.self) { try Tokenizer.split(line) }
        #expect(error.exitStatus == .usage)
        #expect(error.code == "usage")
        #expect(error.message == "unterminated \(quote) quote in: \(line)")
        #expect(error.hint == nil)
    }

    @Test("quotes keep newlines, tabs and any unicode; = stays inside its word")
    func quotedContent() throws {
        #expect(try Tokenizer.split("--note 'line 1\nline 2\tend'") == ["--note", "line 1\nline 2\tend"])
        #expect(
            try Tokenizer.split("/x:y --note \"café 🇫🇷\" --k=v --k = v")
                == ["/x:y", "--note", "café 🇫🇷", "--k=v", "--k", "=", "v"])
    }

    @Test("a flag inside quotes is a value, not one of faber's options, once the words are split")
    func quotedFlagIsAValue() throws {
        var options = GlobalOptions()
        let rest = try options.extract(from: Tokenizer.split("/x:y op --note 'a --yes b' --output json"))
        #expect(rest == ["/x:y", "op", "--note", "a --yes b"])
        #expect(options.output == .json)
        #expect(!options.assumeYes)
    }

    @Test("quoted and escaped parts of different kinds next to each other make one word")
    func adjacentParts() throws {
        #expect(try Tokenizer.split(#"'a'"b"\c d"#) == ["abc", "d"])
        #expect(try Tokenizer.split(#"--who='x'\ "y z""#) == ["--who=x y z"])
    }

    @Test("a quote escaped by a backslash opens nothing")
    func escapedQuoteIsNoQuote() throws {
        #expect(try Tokenizer.split(#"don\'t "stop""#) == ["don't", "stop"])
        #expect(try Tokenizer.split(#"\"a b\""#) == [#""a"#, #"b""#])
    }
}
