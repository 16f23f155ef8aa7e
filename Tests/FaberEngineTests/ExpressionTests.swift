import FaberCore
import Testing

@testable import FaberEngine

@Suite("Expressions")
struct ExpressionTests {
    let scope = EvaluationScope(
        inputs: ["env": "prod", "service": "", "count": 3, "tags": ["a", "b"]],
        steps: ["metrics": ["status": "succeeded", "outputs": ["errors": 12, "names": ["x", "y"]]]],
        config: ["handlers": ["hosting": ["active": "aws"]], "environments": ["prod": ["region": "eu-west-1"]]],
        env: ["region": "eu-west-1", "name": "prod"],
        item: ["id": "orders-api"])

    func eval(_ text: String) throws -> Value {
        try ExpressionParser.parse(text).evaluate(in: scope)
    }

    @Test("references read inputs, steps, config, env and item")
    func references() throws {
        #expect(try eval("inputs.env") == "prod")
        #expect(try eval("steps.metrics.outputs.errors") == 12)
        #expect(try eval("config.handlers.hosting.active") == "aws")
        #expect(try eval("env.region") == "eu-west-1")
        #expect(try eval("item.id") == "orders-api")
        #expect(try eval("steps.metrics.outputs.names[1]") == "y")
        #expect(try eval("config['handlers'].hosting['active']") == "aws")
        #expect(try eval("inputs.missing.deeper") == .null)
    }

    @Test("comparisons and logic")
    func logic() throws {
        #expect(try eval("inputs.env == 'prod' && inputs.count > 2") == true)
        #expect(try eval("inputs.env != 'prod' || inputs.count >= 3") == true)
        #expect(try eval("!inputs.service") == true)
        #expect(try eval("(inputs.count < 3) || false") == false)
        #expect(try eval("inputs.count == 3.0") == true)
        #expect(try eval("inputs.service || 'all'") == "all")
    }

    @Test("functions: len, contains, join, format, default")
    func functions() throws {
        #expect(try eval("len(inputs.tags)") == 2)
        #expect(try eval("contains(inputs.tags, 'b')") == true)
        #expect(try eval("contains('Database timeout', 'timeout')") == true)
        #expect(try eval("join(inputs.tags, ', ')") == "a, b")
        #expect(try eval("format('{0} in {1}', inputs.count, env.region)") == "3 in eu-west-1")
        #expect(try eval("format('{1}/{0} {x} {', '{1}', 'b')") == "b/{1} {x} {")
        #expect(throws: (any Error).self) { try eval("format('{0}-{1}-{2}', 'x')") }
        // Braces that are no placeholder stay as they are, however many (the fuzzer's 13,000 `{a: `).
        let braces = String(repeating: "{a: ", count: 5000) + "1}"
        #expect(try eval("format('{0}\(braces)', 'x')") == .string("x" + braces))
        #expect(try eval("default(inputs.service, 'all services')") == "all services")
        #expect(try eval("default(inputs.env, 'test')") == "prod")
    }

    @Test(
        "parse errors say what is wrong and where",
        arguments: [
            ("inputs.env = 'prod'", "'=' is not an operator", 11),
            ("inptus.env", "unknown name 'inptus'", 0),
            ("lenn(inputs.tags)", "unknown function 'lenn'", 0),
            ("len(inputs.tags, 2)", "len() takes 1 argument, got 2", 0),
            ("inputs.env == ", "expected a value but found end of expression", 14),
            ("'unterminated", "unterminated string", 0),
            ("a < b < c", "unknown name 'a'", 0),
            ("inputs.count < 1 < 2", "comparisons cannot be chained; use && between them", 17),
        ])
    func parseErrors(text: String, message: String, offset: Int) {
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(text) }
        do {
            _ = try ExpressionParser.parse(text)
        } catch {
            #expect(error.message == message)
            #expect(error.offset == offset)
        }
    }

    @Test("did-you-mean for roots and functions")
    func suggestions() {
        do { _ = try ExpressionParser.parse("step.x") } catch { #expect(error.hint == "did you mean 'steps'?") }
        do { _ = try ExpressionParser.parse("contain(inputs.a, 1)") } catch { #expect(error.hint == "did you mean 'contains'?") }
    }

    @Test("comparing a list with a number is an evaluation error")
    func typeErrors() {
        #expect(throws: EvaluationError.self) { try eval("inputs.tags > 1") }
    }

    @Test("templates: whole expressions keep their type, interpolation makes text")
    func templates() throws {
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(path: "wf.md", line: 10, column: 5)
        let typed = Template.compile(text: "${{ inputs.count }}", at: here, diagnostics: &diagnostics)
        #expect(try typed.evaluate(in: scope) == 3)
        let text = Template.compile(text: "env ${{ inputs.env }} has ${{ len(inputs.tags) }} tags", at: here, diagnostics: &diagnostics)
        #expect(try text.evaluate(in: scope) == "env prod has 2 tags")
        #expect(diagnostics.isEmpty)
    }

    @Test("a bad expression in a template is reported at its column")
    func templateErrorLocation() {
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(path: "wf.md", line: 10, column: 15)
        _ = Template.compile(text: "x ${{ inputs.env == }}", at: here, diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "wf.md:10:35: error: invalid expression 'inputs.env ==': expected a value but found end of expression"
            ])
    }
}
