import FaberCore
import Testing

@testable import FaberEngine

/// Expressions from any spec parse and evaluate within bounds: no input overflows the stack.
@Suite("Expression limits")
struct ExpressionLimitTests {
    @Test(
        "100,000 nested '(' or 10,000 '!' or 'len(' are errors, not stack overflows",
        arguments: [
            String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
            String(repeating: "!", count: 10_000) + "true",
            String(repeating: "len(", count: 10_000) + "'x'" + String(repeating: ")", count: 10_000),
            String(repeating: "inputs[", count: 10_000) + "0" + String(repeating: "]", count: 10_000),
        ])
    func deepNesting(_ text: String) {
        #expect {
            _ = try ExpressionParser.parse(text)
        } throws: { error in
            (error as? ExpressionError)?.message == "expression nested deeper than 64 levels"
                || (error as? ExpressionError)?.message == "expression has more than 256 operators"
        }
    }

    @Test("an if of 5,000 '&&' terms is refused when parsed, so it never reaches evaluation")
    func longChains() {
        let chain = Array(repeating: "true", count: 5_000).joined(separator: " && ")
        #expect(throws: ExpressionError.self) { _ = try ExpressionParser.parse(chain) }
        let fine = Array(repeating: "inputs.a == 1", count: 100).joined(separator: " || ")
        #expect(throws: Never.self) { _ = try ExpressionParser.parse(fine) }
    }

    @Test("64 levels still parse and evaluate")
    func atTheLimit() throws {
        let text = String(repeating: "(", count: 63) + "1" + String(repeating: ")", count: 63)
        #expect(try ExpressionParser.parse(text).evaluate(in: EvaluationScope()) == 1)
    }
}
