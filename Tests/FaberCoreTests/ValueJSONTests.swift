import Testing

@testable import FaberCore

@Suite("Value JSON parsing and writing")
struct ValueJSONTests {
    // MARK: - Parsing

    @Test("objects keep their keys in document order")
    func objectKeyOrder() throws {
        let value = try Value.parseJSON(#"{"zeta": 1, "alpha": 2, "mid": 3}"#)
        #expect(value.object.map { Array($0.keys) } == ["zeta", "alpha", "mid"])
        #expect(value == ["zeta": 1, "alpha": 2, "mid": 3])
        #expect(value != ["alpha": 2, "mid": 3, "zeta": 1])
    }

    @Test("a repeated key is an error at the repeat, not a silent last-wins")
    func repeatedKey() throws {
        let error = try #require(throws: Value.JSONError.self) { try Value.parseJSON(#"{"a": 1, "b": 2, "a": 3}"#) }
        #expect((error.line, error.column) == (1, 18))
        #expect(error.message == #"duplicate key "a" in an object; each key may appear once"#)
    }

    @Test(
        "numbers without a fraction or exponent are ints, the others doubles",
        arguments: [
            ("42", Value.int(42)), ("-7", .int(-7)), ("-0", .int(0)), ("1.0", .double(1.0)), ("2.5e3", .double(2500)),
            ("1E2", .double(100)), ("-0.25", .double(-0.25)), ("9223372036854775807", .int(Int.max)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808.0)),
        ])
    func numbers(text: String, expected: Value) throws {
        #expect(try Value.parseJSON(text) == expected)
    }

    @Test("an int and the equal double are different values")
    func intIsNotDouble() throws {
        #expect(try Value.parseJSON("1") != .double(1))
        #expect(try Value.parseJSON("1.0") != .int(1))
    }

    @Test("string escapes are decoded")
    func escapes() throws {
        let value = try Value.parseJSON(#""q\"b\\s\/n\nt\tr\rb\bf\f""#)
        #expect(value == .string("q\"b\\s/n\nt\tr\rb\u{08}f\u{0C}"))
        #expect(try Value.parseJSON(#""\u00e9\u00E9\u4e2d""#) == "éé中")
        #expect(try Value.parseJSON(#""héllo 中 😀""#) == "héllo 中 😀")
    }

    @Test("a \\u surrogate pair decodes to one scalar")
    func surrogatePair() throws {
        let text = try #require(try Value.parseJSON(#""a\uD83D\uDE00b""#).string)
        #expect(text == "a😀b")
        #expect(Array(text.unicodeScalars).map(\.value) == [0x61, 0x1F600, 0x62])
    }

    @Test("a lone surrogate becomes U+FFFD")
    func loneSurrogate() throws {
        #expect(try Value.parseJSON(#""\uD83Dx""#) == "\u{FFFD}x")
        #expect(try Value.parseJSON(#""\uDE00""#) == "\u{FFFD}")
    }

    @Test(
        "a high surrogate followed by an escape that is not a low surrogate decodes each on its own"
    )
    func highSurrogateWithoutLow() throws {
        #expect(try Value.parseJSON(#""\uD83D\u0041""#) == "\u{FFFD}A")
        #expect(try Value.parseJSON(#""\uD83D\uFFFF""#) == "\u{FFFD}\u{FFFF}")
    }

    @Test("nested arrays and objects")
    func nested() throws {
        let value = try Value.parseJSON(#"[[1, [2, [3, []]]], {"a": [true, false, null], "o": {}}, "s"]"#)
        #expect(value == [[1, [2, [3, []]]], ["a": [true, false, nil], "o": [:]], "s"])
        #expect(value.lookup("1.a.2") == .null)
    }

    @Test("space, tab, carriage return and newline may surround any token")
    func whitespace() throws {
        let value = try Value.parseJSON(" \t\r\n{ \"a\" :\n[ 1 ,2 ] ,\t\"b\":null}\r\n ")
        #expect(value == ["a": [1, 2], "b": nil])
    }

    @Test("parsing bytes gives the same value as parsing the text")
    func bytes() throws {
        let text = #"{"k": ["é", 1.5]}"#
        #expect(try Value.parseJSON(bytes: Array(text.utf8)) == Value.parseJSON(text))
    }

    // MARK: - Errors

    @Test(
        "a malformed document is refused at the line and column where it goes wrong",
        arguments: [
            ("", 1, 1, "unexpected end of JSON"),
            (" \n ", 2, 2, "unexpected end of JSON"),
            (#"{"a":"#, 1, 6, "unexpected end of JSON"),
            (#"{"a": 1"#, 1, 8, "unexpected end of JSON in object"),
            ("[1, 2", 1, 6, "unexpected end of JSON in list"),
            (#""abc"#, 1, 5, "unterminated string"),
            (#"{"a": 1,}"#, 1, 9, "expected a string key"),
            ("[1, 2,]", 1, 7, "unexpected character"),
            ("{1: 2}", 1, 2, "expected a string key"),
            (#"{"a" 1}"#, 1, 6, "expected ':' after key"),
            (#"{"a": 1 "b": 2}"#, 1, 9, "expected ',' or '}' in object"),
            ("[1 2]", 1, 4, "expected ',' or ']' in list"),
            ("tru", 1, 1, "unexpected character"),
            ("[true, nul]", 1, 8, "unexpected character"),
            ("[True]", 1, 2, "unexpected character"),
            ("NaN", 1, 1, "unexpected character"),
            ("-", 1, 2, "invalid number '-'"),
            ("1.2.3", 1, 6, "invalid number '1.2.3'"),
            (#""\u12""#, 1, 4, "invalid \\u escape"),
            (#""\uZZZZ""#, 1, 4, "invalid \\u escape"),
            ("{} x", 1, 4, "unexpected text after the JSON value"),
            ("[1]]", 1, 4, "unexpected text after the JSON value"),
            ("\u{FEFF}{}", 1, 1, "unexpected character"),
            ("{\n  \"a\": tru\n}", 2, 8, "unexpected character"),
            (#"["é", x]"#, 1, 8, "unexpected character"),
        ])
    func errors(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: Value.JSONError.self) { try Value.parseJSON(text) }
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.description == "\(line):\(column): \(message)")
    }

    @Test("512 levels of nesting are read, 513 are refused")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try Value.parseJSON(deepest).array?.count == 1)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(throws: Value.JSONError.self) { try Value.parseJSON(tooDeep) }
        #expect(error.message == "JSON nested too deeply")
        #expect((error.line, error.column) == (1, 513))
    }

    @Test("a raw control character in a string is refused")
    func controlCharacterInString() throws {
        let error = try #require(throws: Value.JSONError.self) { try Value.parseJSON("[\"a\u{01}b\"]") }
        #expect((error.line, error.column) == (1, 4))
    }

    @Test("an unknown escape is refused")
    func unknownEscape() throws {
        #expect(throws: Value.JSONError.self) { try Value.parseJSON(#""C:\Users""#) }
    }

    // MARK: - Locations

    @Test("located parsing keeps where each value and key starts")
    func locatedPositions() throws {
        let text = """
            {
              "name": "faber",
              "list": [1,
                {"x": true}],
              "empty": {}
            }
            """
        let root = try Value.parseLocatedJSON(bytes: Array(text.utf8))
        #expect(root.value == (try Value.parseJSON(text)))
        #expect((root.line, root.column) == (1, 1))
        #expect(root.members.map(\.key) == ["name", "list", "empty"])

        let name = try #require(root.member("name"))
        #expect((name.keyLine, name.keyColumn) == (2, 3))
        #expect((name.value.line, name.value.column) == (2, 11))
        #expect(name.value.value == "faber")

        let list = try #require(root["list"])
        #expect((list.line, list.column) == (3, 11))
        #expect(list.items.map(\.value) == [1, ["x": true]])
        #expect((list.items[0].line, list.items[0].column) == (3, 12))
        #expect((list.items[1].line, list.items[1].column) == (4, 5))
        let x = try #require(list.items[1].member("x"))
        #expect((x.keyLine, x.keyColumn, x.value.line, x.value.column) == (4, 6, 4, 11))

        let empty = try #require(root.member("empty"))
        #expect((empty.keyLine, empty.keyColumn, empty.value.line, empty.value.column) == (5, 3, 5, 12))
        #expect(empty.value.members.isEmpty && empty.value.items.isEmpty)
        #expect(root["missing"] == nil)
    }

    @Test("located columns count bytes, lines count newlines only")
    func locatedColumnsAreBytes() throws {
        let root = try Value.parseLocatedJSON(bytes: Array(#"{"é": 1}"#.utf8))
        #expect((root.member("é")?.keyColumn, root["é"]?.column) == (2, 8))
        let crlf = try Value.parseLocatedJSON(bytes: Array("\n\n  {\r\n  \"a\": 1\r\n}".utf8))
        #expect((crlf.line, crlf.column) == (3, 3))
        #expect((crlf.member("a")?.keyLine, crlf.member("a")?.keyColumn, crlf["a"]?.column) == (4, 3, 8))
    }

    @Test("the located parser refuses a repeated key at the same place")
    func locatedRepeatedKey() throws {
        let error = try #require(throws: Value.JSONError.self) { try Value.parseLocatedJSON(bytes: Array(#"{"a": 1, "a": 2}"#.utf8)) }
        #expect((error.line, error.column) == (1, 10))
    }

    @Test("located parsing fails with the same errors as parseJSON")
    func locatedErrors() throws {
        let trailing = try #require(throws: Value.JSONError.self) { try Value.parseLocatedJSON(bytes: Array("[1,]".utf8)) }
        #expect(trailing.description == "1:4: unexpected character")
        let garbage = try #require(throws: Value.JSONError.self) { try Value.parseLocatedJSON(bytes: Array("{}\n x".utf8)) }
        #expect(garbage.description == "2:2: unexpected text after the JSON value")
    }

    // MARK: - Writing

    @Test("compact output has no spaces and keeps key order")
    func compact() {
        let value: Value = ["b": 1, "a": [true, nil, "x"], "c": 2.5, "d": -3, "e": [:], "f": []]
        #expect(value.jsonString() == #"{"b":1,"a":[true,null,"x"],"c":2.5,"d":-3,"e":{},"f":[]}"#)
    }

    @Test("pretty output indents by two spaces, one member or item a line; empty collections stay on one line")
    func pretty() {
        let value: Value = ["a": 1, "b": [true, nil, ["k": "v"]], "c": [:], "d": []]
        #expect(
            value.jsonString(pretty: true) == """
                {
                  "a": 1,
                  "b": [
                    true,
                    null,
                    {
                      "k": "v"
                    }
                  ],
                  "c": {},
                  "d": []
                }
                """)
        #expect(Value.array([]).jsonString(pretty: true) == "[]")
        #expect(Value.string("s").jsonString(pretty: true) == #""s""#)
    }

    @Test("what jsonString writes parses back to the same value, compact or pretty")
    func roundTrip() throws {
        let value: Value = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{07} é 😀",
            "numbers": [0, -12, 2.5, -0.125, 1e20, 123_456_789_012],
            "flags": [true, false, nil],
            "nested": ["list": [[], [:], ["deep": [1, [2]]]]],
        ]
        #expect(try Value.parseJSON(value.jsonString()) == value)
        #expect(try Value.parseJSON(value.jsonString(pretty: true)) == value)
    }

    @Test("whole doubles are written without a fraction (and so read back as ints); NaN and infinity as null")
    func doubles() throws {
        #expect(Value.double(2).jsonString() == "2")
        #expect(try Value.parseJSON(Value.double(2).jsonString()) == .int(2))
        #expect(Value.double(999_999_999_999_999).jsonString() == "999999999999999")
        #expect(Value.double(1e16).jsonString() == "1e+16")
        #expect(Value.double(0.1).jsonString() == "0.1")
        #expect(Value.array([.double(.nan), .double(.infinity), .double(-.infinity)]).jsonString() == "[null,null,null]")
    }

    @Test(
        "strings are escaped: quote, backslash, control characters; nothing else",
        arguments: [
            ("\"", #""\"""#), ("\\", #""\\""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
            ("\u{00}", #""\u0000""#), ("\u{01}", #""\u0001""#), ("\u{08}", #""\u0008""#), ("\u{1F}", #""\u001f""#),
            ("\u{7F}", "\"\u{7F}\""), ("/é😀", "\"/é😀\""), ("say \"hi\"\n", #""say \"hi\"\n""#),
        ])
    func escaping(text: String, json: String) {
        #expect(Value.string(text).jsonString() == json)
    }

    @Test("object keys are escaped like strings")
    func keyEscaping() {
        #expect((["a\"b\n": 1] as Value).jsonString() == #"{"a\"b\n":1}"#)
    }
}
