import FaberCore
import Testing

@Suite("Secrets and control characters in messages")
struct SecretTextTests {
    @Test(
        "values of keys named like secrets are masked whatever their length",
        arguments: [
            ("aws_secret_access_key=CPSECRET999", "aws_secret_access_key=***"),
            ("login failed: --password=hunter2 rejected", "login failed: --password=*** rejected"),
            (#"{"SessionToken": "x1", "Version": 1}"#, #"{"SessionToken": "***", "Version": 1}"#),
            ("api-key: abc def", "api-key: *** def"),
            ("PASSWD='p a s s'", "PASSWD='***'"),
            ("nothing secret here=1", "nothing secret here=1"),
        ])
    func masking(_ text: String, _ expected: String) {
        #expect(SecretText.masked(text) == expected)
    }

    @Test("control characters are shown escaped; newlines, tabs and other text stay")
    func controlCharacters() {
        #expect("\u{1B}[31mRED".escapingControlCharacters == "\\x1b[31mRED")
        #expect("te\u{01}st".escapingControlCharacters == "te\\x01st")
        #expect("a\r\nb\tc".escapingControlCharacters == "a\\x0d\nb\tc")
        #expect("\u{9B}2J \u{202E}gnp.exe".escapingControlCharacters == "\\u{9b}2J \\u{202e}gnp.exe")
        #expect("héllo ✓".escapingControlCharacters == "héllo ✓")
    }

    @Test("a key repeated in a JSON object is an error at the second one")
    func duplicateKeys() throws {
        let error = try #require(throws: Value.JSONError.self) { try Value.parseJSON("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}") }
        #expect(error.message.hasPrefix("duplicate key \"a\""))
        #expect((error.line, error.column) == (3, 2))
        #expect(throws: Value.JSONError.self) { try Value.parseLocatedJSON(bytes: Array(#"{"x": {"y": 1, "y": 2}}"#.utf8)) }
        #expect(try Value.parseJSON(#"[{"a": 1}, {"a": 2}]"#) == [["a": 1], ["a": 2]])
    }
}
