import FaberCore
import Testing

@testable import FaberSpec

/// One fixture per kind of spec error, each asserting the exact `path:line:col: severity: message`
/// lines it produces (sorted by location; paths relative to `Fixtures/errors`).
@Suite struct SpecErrorTests {
    static let cases: [(file: String, kind: String, expected: [String])] = [
        (
            "agent-aliases-wrong-type.md", "agent",
            [
                "agent-aliases-wrong-type.md:5:14: error: 'aliases' must be a list of alternative operation names",
                "agent-aliases-wrong-type.md:6:16: error: 'arguments' must be a mapping of argument names to their settings",
                "agent-aliases-wrong-type.md:7:5: warning: unknown key 'sklls' in operation 'check-health'",
            ]
        ),
        (
            "agent-bad-argument-type.md", "agent",
            [
                "agent-bad-argument-type.md:7:15: error: 'type' must be one of string, integer, number, boolean, duration, not 'int'",
                "agent-bad-argument-type.md:10:18: error: default 'soon' of argument 'wait' is not a duration",
                "agent-bad-argument-type.md:13:19: error: 'required' must be true or false",
            ]
        ),
        (
            "agent-bad-risk.md", "agent",
            [
                "agent-bad-risk.md:5:11: error: 'risk' must be one of read-only, mutating, destructive, not 'mutatng'"
            ]
        ),
        (
            "agent-default-not-in-enum.md", "agent",
            [
                "agent-default-not-in-enum.md:8:18: error: default 'staging' of argument 'env' is not one of its enum values: test, prod"
            ]
        ),
        (
            "agent-operation-missing-skill.md", "agent",
            [
                "agent-operation-missing-skill.md:4:5: error: missing required key 'skill' in operation 'check-health'",
                "agent-operation-missing-skill.md:5:3: error: missing required key 'skill' in operation 'audit'",
            ]
        ),
        (
            "agent-operations-not-mapping.md", "agent",
            [
                "agent-operations-not-mapping.md:2:13: error: 'operations' must be a mapping of operation names to their settings"
            ]
        ),
        (
            "command-bad-workflow.md", "command",
            [
                "command-bad-workflow.md:3:11: error: 'workflow' must be '<skill>/<workflow>', not 'health-check'"
            ]
        ),
        (
            "command-both-targets.md", "command",
            [
                "command-both-targets.md:4:11: error: a command runs either an 'agent' or a 'workflow', not both"
            ]
        ),
        (
            "command-unknown-key.md", "command",
            [
                "command-unknown-key.md:3:1: warning: unknown key 'argument-hnt' in command"
            ]
        ),
        (
            "description-not-string.md", "command",
            [
                "description-not-string.md:3:3: error: 'description' must be a string"
            ]
        ),
        (
            "duplicate-key.md", "command",
            [
                "duplicate-key.md:3:1: error: duplicate key 'description' (first defined at line 2)"
            ]
        ),
        (
            "front-matter-not-mapping.md", "command",
            [
                "front-matter-not-mapping.md:2:1: error: front matter must be a mapping of keys to values"
            ]
        ),
        (
            "front-matter-syntax.md", "command",
            [
                "front-matter-syntax.md:4:1: error: did not find expected ',' or ']' while parsing a flow sequence"
            ]
        ),
        (
            "front-matter-unclosed.md", "command",
            [
                "front-matter-unclosed.md:1:1: error: front matter is not closed"
            ]
        ),
        (
            "skill-missing-name.md", "skill",
            [
                "skill-missing-name.md:2:1: error: missing required key 'name' in skill",
                "skill-missing-name.md:2:1: error: missing required key 'description' in skill",
            ]
        ),
        (
            "skill-operation-both.md", "skill",
            [
                "skill-operation-both.md:7:14: error: skill operation 'query-metrics' has both 'workflow' and 'handler'; keep one",
                "skill-operation-both.md:8:12: error: missing required key 'workflow' or 'handler' in skill operation 'restart'",
                "skill-operation-both.md:9:10: error: skill operation 'scale' must name a workflow file or a handler, such as 'workflow/scale.md' or {handler: aws.scale}",
            ]
        ),
        (
            "step-bad-values.md", "workflow",
            [
                "step-bad-values.md:9:8: error: 'needs' must be a list of step ids",
                "step-bad-values.md:10:19: error: 'attempts' must be a whole number of at least 1",
                "step-bad-values.md:10:22: error: unknown key 'backof' in retry",
                "step-bad-values.md:11:10: error: 'timeout' must be a duration such as 30s, 5m or 1h, of at most 3650d",
                "step-bad-values.md:12:11: error: 'on_error' must be one of fail, continue, not 'ignore'",
                "step-bad-values.md:13:14: error: 'concurrency' must be a whole number of at least 1",
                "step-bad-values.md:14:7: error: 'with' must be a mapping of parameter names to values",
                "step-bad-values.md:15:5: error: 'if' must be an expression such as ${{ inputs.env == 'prod' }}",
                "step-bad-values.md:22:8: error: 'retry' must be a number of attempts or {attempts: 3, backoff: 2s}",
            ]
        ),
        (
            "step-duplicate-id.md", "workflow",
            [
                "step-duplicate-id.md:14:1: error: duplicate step id 'render' (first used at line 8)",
                "step-duplicate-id.md:18:5: error: duplicate step id 'render' (first used at line 8)",
            ]
        ),
        (
            "step-empty-and-bad-id.md", "workflow",
            [
                "step-empty-and-bad-id.md:8:1: error: step block is empty",
                "step-empty-and-bad-id.md:13:5: error: step id 'my step' may hold only letters, digits, '-' and '_'",
                "step-empty-and-bad-id.md:18:1: error: a step block must be a mapping of step keys such as 'uses:' and 'with:'",
            ]
        ),
        (
            "step-missing-uses.md", "workflow",
            [
                "step-missing-uses.md:8:1: error: missing required key 'uses' in step 'load'"
            ]
        ),
        (
            "step-unknown-key.md", "workflow",
            [
                "step-unknown-key.md:9:1: error: unknown key 'need' in step 'load-resources'"
            ]
        ),
        (
            "step-yaml-syntax.md", "workflow",
            [
                "step-yaml-syntax.md:11:1: error: found unexpected end of stream while scanning a quoted scalar"
            ]
        ),
        (
            "workflow-missing-name.md", "workflow",
            [
                "workflow-missing-name.md:2:1: error: missing required key 'name' in workflow",
                "workflow-missing-name.md:3:10: error: 'outputs' must be a mapping of output names to values such as ${{ steps.x.outputs.y }}",
                "workflow-missing-name.md:5:8: error: input 'env' must be a description or {required, default, description}",
            ]
        ),
    ]

    @Test(arguments: cases.map(\.file))
    func fixtureReportsExactlyItsErrors(file: String) {
        let entry = Self.cases.first { $0.file == file }!
        let diagnostics = Fixtures.diagnose(file, as: entry.kind).sortedByLocation()
        #expect(Fixtures.lines(diagnostics, relativeTo: Fixtures.path("errors")) == entry.expected)
    }

    @Test func everyErrorFixtureIsCovered() throws {
        let names = try FileManagerHelper.list(Fixtures.path("errors"))
        #expect(names == Self.cases.map(\.file).sorted())
    }

    @Test func unknownKeysAreWarningsWithDidYouMean() {
        let diagnostics = Fixtures.diagnose("command-unknown-key.md", as: "command")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.hint == "did you mean 'argument-hint'?")
        #expect(!diagnostics.hasErrors)
    }

    @Test func unknownStepKeysAreErrorsWithDidYouMean() {
        let diagnostics = Fixtures.diagnose("step-unknown-key.md", as: "workflow")
        #expect(diagnostics.map(\.severity) == [.error])
        #expect(diagnostics.first?.hint == "did you mean 'needs'?")
    }

    @Test func hintsSuggestTheNearestValue() {
        let risk = Fixtures.diagnose("agent-bad-risk.md", as: "agent")
        #expect(risk.first?.hint == "did you mean 'mutating'?")
        let type = Fixtures.diagnose("agent-bad-argument-type.md", as: "agent")
        #expect(type.first?.hint == "did you mean 'integer'?")
        let enumDefault = Fixtures.diagnose("agent-default-not-in-enum.md", as: "agent")
        #expect(enumDefault.first?.hint == nil)
    }

    @Test func yamlErrorsInFrontMatterDoNotAlsoReportMissingKeys() {
        let diagnostics = Fixtures.diagnose("front-matter-syntax.md", as: "command")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hint?.hasPrefix("the construct started at line 3, column 8") == true)
    }
}
