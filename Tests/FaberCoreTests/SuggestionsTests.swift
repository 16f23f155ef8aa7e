import Testing

@testable import FaberCore

@Suite("Did-you-mean suggestions")
struct SuggestionsTests {
    // MARK: - editDistance

    @Test(
        "edit distance counts insertions, deletions and substitutions",
        arguments: [
            ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("lenght", "length", 2), ("same", "same", 0),
            ("", "abc", 3), ("abc", "", 3), ("", "", 0), ("a", "b", 1), ("abc", "abcd", 1), ("abcd", "acd", 1),
            ("A", "a", 1), ("café", "cafe", 1),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(editDistance(a, b) == expected)
        #expect(editDistance(b, a) == expected)
    }

    @Test("edit distance counts unicode scalars, not characters")
    func scalars() {
        // A flag is one Character made of two regional-indicator scalars.
        #expect(editDistance("🇫🇷", "") == 2)
        #expect(editDistance("🇫🇷", "🇫🇮") == 1)
        #expect(editDistance("😀", "") == 1)
    }

    // MARK: - suggestion(for:among:)

    @Test("a close typo finds the word meant")
    func closeTypo() {
        #expect(suggestion(for: "lenght", among: ["width", "length", "depth"]) == "length")
        #expect(suggestion(for: "chek", among: ["check", "list", "graph"]) == "check")
        #expect(suggestion(for: "gaph", among: ["check", "list", "graph"]) == "graph")
    }

    @Test("a word far from every candidate finds nothing")
    func farWord() {
        #expect(suggestion(for: "banana", among: ["length", "width"]) == nil)
        #expect(suggestion(for: "deploy", among: ["check", "list", "graph"]) == nil)
        #expect(suggestion(for: "anything", among: [String]()) == nil)
    }

    @Test("case is ignored, and the candidate comes back as it is spelled")
    func caseInsensitive() {
        #expect(suggestion(for: "LENGHT", among: ["length"]) == "length")
        #expect(suggestion(for: "status", among: ["STATUS"]) == "STATUS")
        #expect(suggestion(for: "Name", among: ["name", "game"]) == "name")
    }

    @Test("the closest candidate wins, and of equally close ones the first")
    func closestWins() {
        #expect(suggestion(for: "chek", among: ["chuck", "check"]) == "check")
        #expect(suggestion(for: "lenght", among: ["height", "length"]) == "height")
        #expect(suggestion(for: "lenght", among: ["length", "height"]) == "length")
    }

    @Test("longer candidates allow more edits: a third of their length, at least two")
    func limitGrowsWithLength() {
        // 13 letters allow four edits, 6 letters two.
        #expect(editDistance("kenfiguraxiom", "configuration") == 4)
        #expect(suggestion(for: "kenfiguraxiom", among: ["configuration"]) == "configuration")
        #expect(suggestion(for: "kenfigurbxiom", among: ["configuration"]) == nil)
        #expect(editDistance("stbtxz", "status") == 3)
        #expect(suggestion(for: "stbtxz", among: ["status"]) == nil)
        #expect(suggestion(for: "stbtus", among: ["status"]) == "status")
    }

    @Test("a beginning of three letters or more finds the word it begins when nothing is close")
    func prefix() {
        #expect(suggestion(for: "dep", among: ["check", "deployment"]) == "deployment")
        #expect(suggestion(for: "DEPLOY", among: ["deployment-config"]) == "deployment-config")
        #expect(suggestion(for: "de", among: ["deployment"]) == nil)
        #expect(suggestion(for: "dpl", among: ["deployment"]) == nil)
    }

    @Test("a close candidate beats one that only begins with the word")
    func closeBeatsPrefix() {
        #expect(suggestion(for: "dep", among: ["deployment", "deps"]) == "deps")
        #expect(suggestion(for: "dep", among: ["deps", "deployment"]) == "deps")
    }

    @Test("any sequence of strings can be the candidates")
    func sequences() {
        let names: Set<String> = ["mermaid", "dot"]
        #expect(suggestion(for: "mermiad", among: names) == "mermaid")
        #expect(suggestion(for: "dott", among: ["dot": 1, "mermaid": 2].keys) == "dot")
    }

    // MARK: - didYouMean

    @Test("didYouMean asks with the suggestion in single quotes")
    func didYouMeanText() {
        #expect(didYouMean("lenght", among: ["length"]) == "did you mean 'length'?")
    }

    @Test("didYouMean can quote another way")
    func didYouMeanQuote() {
        #expect(didYouMean("lenght", among: ["length"], quote: "`") == "did you mean `length`?")
        #expect(didYouMean("lenght", among: ["length"], quote: "") == "did you mean length?")
    }

    @Test("didYouMean is nil when nothing is close")
    func didYouMeanNil() {
        #expect(didYouMean("banana", among: ["length"]) == nil)
        #expect(didYouMean("banana", among: [String]()) == nil)
    }
}
