import FaberCore
import Testing

@testable import FaberSpec

@Suite struct MarkdownDocumentTests {
    @Test func blocksThatLookMeantAsStepsAreNearMisses() {
        let document = MarkdownDocument(markdown: "## A\n```Step\nuses: x\n```\n## B\n```steps\n```\n```yaml\na: 1\n```\n```step\nuses: y\n```\n", firstLine: 5)
        #expect(document.stepBlocks.map(\.yaml) == ["uses: y\n"])
        #expect(
            document.nearMisses == [
                MarkdownDocument.NearMiss(info: "Step", line: 6, column: 1),
                MarkdownDocument.NearMiss(info: "steps", line: 10, column: 1),
            ])
    }

    @Test func frontMatterLinesAreLinesOfTheWholeFile() {
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(path: "c.md", text: "---\ndescription: x\nagent: ops\n---\n\n# Title\n", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(file.frontMatter?.location == SourceLocation(path: "c.md", line: 2, column: 1))
        #expect(file.frontMatter?["description"]?.location == SourceLocation(path: "c.md", line: 2, column: 14))
        #expect(file.frontMatter?["agent"]?.location == SourceLocation(path: "c.md", line: 3, column: 8))
        #expect(file.bodyStartLine == 5)
        #expect(file.body == "\n# Title\n")
    }

    @Test func aFileWithoutFrontMatterIsAllBody() {
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(path: "c.md", text: "# Title\n---\n", diagnostics: &diagnostics)
        #expect(file.frontMatter == nil)
        #expect(file.bodyStartLine == 1)
        #expect(!file.hasFrontMatterErrors)
        #expect(diagnostics.isEmpty)
    }

    @Test func crlfAndDotsCloseTheFrontMatter() {
        var diagnostics: [Diagnostic] = []
        let file = SpecFile(path: "c.md", text: "---\r\nname: x\r\n...\r\nbody", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(file.frontMatter?["name"]?.scalarText == "x")
        #expect(file.bodyStartLine == 4)
    }

    @Test func stepBlocksCarryHeadingYAMLAndFileLines() {
        let markdown = """
            Intro, no heading yet.

            ```step
            uses: core.a
            ```

            ## Query `metrics` *now*

            ```python
            print("not a step")
            ```

            ~~~ step extra words
            uses: core.b
            with: {x: 1}
            ~~~

            Setext heading
            --------------

            1. In a list:

               ```step
               uses: core.c
               ```
            """
        let document = MarkdownDocument(markdown: markdown, firstLine: 10)
        #expect(
            document.headings == [
                .init(level: 2, text: "Query metrics now", line: 16),
                .init(level: 2, text: "Setext heading", line: 27),
            ])
        #expect(
            document.stepBlocks == [
                .init(heading: nil, yaml: "uses: core.a\n", line: 13, column: 1),
                .init(heading: "Query metrics now", yaml: "uses: core.b\nwith: {x: 1}\n", line: 23, column: 1),
                .init(heading: "Setext heading", yaml: "uses: core.c\n", line: 33, column: 4),
            ])
    }

    @Test func slugsOfHeadings() {
        #expect(SpecBuilder.slug("Query metrics for every resource") == "query-metrics-for-every-resource")
        #expect(SpecBuilder.slug("Classify: health (per resource)") == "classify-health-per-resource")
        #expect(SpecBuilder.slug("  1. Load -- the Registry!  ") == "1-load-the-registry")
        #expect(SpecBuilder.slug("Résumé") == "r-sum")
        #expect(SpecBuilder.slug("!!!") == "")
    }
}
