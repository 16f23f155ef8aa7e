import FaberCore
import Testing

@testable import FaberSpec

@Suite struct YAMLParserTests {
    @Test func nodesCarryOneBasedLinesAndColumns() throws {
        let text = """
            name: ops-monitor
            tools: [core, aws]
            operations:
              check-health: workflow/health-check.md
            """
        let root = try #require(try YAMLParser.parse(text, path: "SKILL.md"))
        #expect(root.location == SourceLocation(path: "SKILL.md", line: 1, column: 1))
        #expect(root["name"]?.scalarText == "ops-monitor")
        #expect(root["tools"]?.location == SourceLocation(path: "SKILL.md", line: 2, column: 8))
        #expect(root["tools"]?.sequenceItems?.map(\.scalarText) == ["core", "aws"])
        #expect(root["tools"]?.sequenceItems?[1].location.column == 15)
        let operation = try #require(root["operations"]?.mappingPairs?.first)
        #expect(operation.key.location == SourceLocation(path: "SKILL.md", line: 4, column: 3))
        #expect(operation.value.location == SourceLocation(path: "SKILL.md", line: 4, column: 17))
    }

    @Test func lineOffsetShiftsEveryLine() throws {
        let root = try #require(try YAMLParser.parse("a: 1\nb: 2\n", path: "x.md", lineOffset: 10))
        #expect(root["a"]?.location.line == 11)
        #expect(root["b"]?.location.line == 12)
    }

    @Test func scalarStylesAndCoreSchema() throws {
        let text = """
            plain: 42
            quoted: "42"
            single: 'true'
            tagged: !!str 7
            flag: yes
            off: false
            nothing: ~
            ratio: 0.5
            block: |
              line one
              line two
            """
        let root = try #require(try YAMLParser.parse(text, path: "t.yaml"))
        #expect(root["plain"]?.value == .int(42))
        #expect(root["quoted"]?.value == .string("42"))
        #expect(root["single"]?.value == .string("true"))
        #expect(root["tagged"]?.value == .string("7"))
        #expect(root["flag"]?.value == .string("yes"))
        #expect(root["off"]?.value == .bool(false))
        #expect(root["nothing"]?.value == .null)
        #expect(root["ratio"]?.value == .double(0.5))
        #expect(root["block"]?.scalarText == "line one\nline two")
        if case .scalar(_, let style, _)? = root["block"] { #expect(style == .literal) } else { Issue.record("not a scalar") }
    }

    @Test func syntaxErrorIsReportedAtLibyamlProblemMark() {
        let text = """
            name: x
              bad: indent
            """
        #expect {
            try YAMLParser.parse(text, path: "a.md", lineOffset: 1)
        } throws: { error in
            let diagnostic = error as! Diagnostic
            return diagnostic.description.hasPrefix(
                "a.md:3:6: error: mapping values are not allowed in this context")
        }
    }

    @Test func syntaxErrorWithContextNamesTheConstruct() {
        let text = "ops:\n  a: 1\n b: 2\n"
        do {
            _ = try YAMLParser.parse(text, path: "a.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(path: "a.yaml", line: 3, column: 2))
            #expect(error.message == "did not find expected key while parsing a block mapping")
            #expect(error.hint?.hasPrefix("the construct started at line 1, column 1") == true)
        }
    }

    @Test func tabIndentationIsNamedInTheHint() {
        do {
            _ = try YAMLParser.parse("operations:\n\tsay: x\n", path: "a.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(path: "a.yaml", line: 2, column: 1))
            #expect(error.hint == "YAML does not allow tabs for indentation: indent with spaces")
        }
    }

    @Test func duplicateKeysAreErrorsAtTheSecondKey() {
        var diagnostics: [Diagnostic] = []
        let node = YAMLParser.parse("a: 1\nb: 2\na: 3\nb: 4\n", path: "d.yaml", diagnostics: &diagnostics)
        #expect(node != nil)
        #expect(
            diagnostics.map { "\($0.location!): \($0.message)" } == [
                "d.yaml:3:1: duplicate key 'a' (first defined at line 1)",
                "d.yaml:4:1: duplicate key 'b' (first defined at line 2)",
            ])
        #expect(throws: Diagnostic.self) { try YAMLParser.parse("a: 1\na: 2", path: "d.yaml") }
    }

    @Test func aliasesResolveToTheAnchoredNode() throws {
        let text = """
            base: &env
              region: us-east-1
              profile: test
            prod:
              <<: *env
              profile: prod
            copy: *env
            """
        let root = try #require(try YAMLParser.parse(text, path: "a.yaml"))
        #expect(root["copy"] == root["base"])
        #expect(root["prod"]?.value == ["profile": "prod", "region": "us-east-1"])
    }

    @Test func unknownAliasIsAnError() {
        var diagnostics: [Diagnostic] = []
        _ = YAMLParser.parse("a: &one 1\nb: *onr\n", path: "a.yaml", diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "a.yaml:2:4: error: unknown alias '*onr'\n  hint: did you mean 'one'?"
            ])
    }

    @Test func emptyDocumentsAreNil() throws {
        #expect(try YAMLParser.parse("", path: "e") == nil)
        #expect(try YAMLParser.parse("# only a comment\n", path: "e") == nil)
        #expect(try YAMLParser.parse("---\n", path: "e") == nil)
    }

    @Test func secondDocumentIsRefused() {
        #expect(throws: Diagnostic.self) { try YAMLParser.parse("a: 1\n---\nb: 2\n", path: "e") }
    }
}
