import Synchronization
import Testing

@testable import FaberCore

@Suite("Source locations, diagnostics, user-facing errors and run confirmation")
struct DiagnosticTests {
    // MARK: - SourceLocation

    @Test("a location prints as path:line:column")
    func locationDescription() {
        #expect(SourceLocation(path: "skills/a/SKILL.md", line: 12, column: 3).description == "skills/a/SKILL.md:12:3")
    }

    @Test("locations order by path, then line, then column, numerically")
    func locationOrder() {
        let a9 = SourceLocation(path: "a.md", line: 9, column: 9)
        let a10 = SourceLocation(path: "a.md", line: 10, column: 1)
        let a10c2 = SourceLocation(path: "a.md", line: 10, column: 2)
        let b1 = SourceLocation(path: "b.md", line: 1, column: 1)
        #expect(a9 < a10 && a10 < a10c2 && a10c2 < b1)
        #expect(!(a10 < a10))
        #expect([b1, a10c2, a9, a10].sorted() == [a9, a10, a10c2, b1])
    }

    @Test("a located value equals another only when value and location both do")
    func located() {
        let here = SourceLocation(path: "x", line: 1, column: 1)
        let there = SourceLocation(path: "x", line: 1, column: 2)
        #expect(Located("v", at: here) == Located("v", at: here))
        #expect(Located("v", at: here) != Located("v", at: there))
        #expect(Located("v", at: here) != Located("w", at: here))
    }

    // MARK: - Diagnostic

    @Test("a diagnostic prints its location, severity, message and hint line")
    func diagnosticDescription() {
        let at = SourceLocation(path: "f.md", line: 3, column: 5)
        #expect(
            Diagnostic.error("bad key", at: at, hint: "did you mean 'uses'?").description
                == "f.md:3:5: error: bad key\n  hint: did you mean 'uses'?")
        #expect(Diagnostic.warning("unused", at: at).description == "f.md:3:5: warning: unused")
        #expect(Diagnostic.error("no file", at: nil).description == "error: no file")
        #expect(Diagnostic(at: nil, "default severity").severity == .error)
    }

    @Test("errors and hasErrors look at severity only")
    func errorsFilter() {
        let warning = Diagnostic.warning("w", at: nil)
        let error = Diagnostic.error("e", at: nil)
        #expect(![warning].hasErrors)
        #expect([warning, error].hasErrors)
        #expect([warning, error, warning].errors == [error])
        #expect([Diagnostic]().errors.isEmpty)
    }

    @Test("sortedByLocation puts diagnostics without a location first, the others in file order")
    func sortedByLocation() {
        let late = Diagnostic.error("late", at: SourceLocation(path: "a.md", line: 10, column: 1))
        let early = Diagnostic.error("early", at: SourceLocation(path: "a.md", line: 2, column: 7))
        let other = Diagnostic.warning("other file", at: SourceLocation(path: "b.md", line: 1, column: 1))
        let nowhere = Diagnostic.error("nowhere", at: nil)
        #expect([other, late, nowhere, early].sortedByLocation().map(\.message) == ["nowhere", "early", "late", "other file"])
    }

    // MARK: - FaberError

    @Test("a FaberError prints like an error diagnostic and keeps its exit status")
    func faberError() {
        let error = FaberError(.invalidSpec, "broken", hint: "fix it", at: SourceLocation(path: "p", line: 1, column: 2))
        #expect(error.description == "p:1:2: error: broken\n  hint: fix it")
        #expect(error.exitStatus.rawValue == 65)
        let usage = FaberError.usage("unknown command 'x'")
        #expect(usage.exitStatus == .usage && usage.exitStatus.rawValue == 64)
        #expect(usage.description == "error: unknown command 'x'")
    }

    // MARK: - RunConfirmation

    @Test("prod and production need confirmation by default, other environments do not")
    func requiredByDefault() {
        #expect(EnvironmentSettings.requiresConfirmationByDefault("prod"))
        #expect(EnvironmentSettings.requiresConfirmationByDefault("production"))
        #expect(!EnvironmentSettings.requiresConfirmationByDefault("staging"))
        #expect(!EnvironmentSettings.requiresConfirmationByDefault("dev"))
        #expect(!EnvironmentSettings.requiresConfirmationByDefault("prod-eu"))
    }

    @Test("a yes is recorded, so the question is not asked again")
    func confirmYes() async {
        let confirmation = RunConfirmation()
        let asked = Atomic(0)
        #expect(!confirmation.isConfirmed)
        #expect(
            await confirmation.confirm {
                asked.add(1, ordering: .relaxed)
                return true
            } == true)
        #expect(confirmation.isConfirmed)
        #expect(
            await confirmation.confirm {
                asked.add(1, ordering: .relaxed)
                return false
            } == true)
        #expect(asked.load(ordering: .relaxed) == 1)
    }

    @Test("a no or no answer is not recorded, so the next step asks again")
    func confirmNoOrNobody() async {
        let confirmation = RunConfirmation()
        #expect(await confirmation.confirm { false } == false)
        #expect(await confirmation.confirm { nil } == nil)
        #expect(!confirmation.isConfirmed)
        confirmation.recordConfirmed()
        #expect(await confirmation.confirm { false } == true)
    }

    @Test("one run scope has one confirmation record")
    func onePerScope() {
        let scope = RunScope()
        RunConfirmation.of(scope).recordConfirmed()
        #expect(RunConfirmation.of(scope).isConfirmed)
        #expect(!RunConfirmation.of(RunScope()).isConfirmed)
    }
}
