import FaberCore
import Testing

/// `FaberError(describing:)` is the one place any error becomes what the user is told and the exit status.
@Suite("One error translation")
struct ErrorTranslationTests {
    struct Unexpected: Error {}

    struct Rich: UserFacingError {
        var exitStatus: FaberCore.ExitStatus { .accessDenied }
        var code: String { "denied-by-test" }
        var message: String { "no access" }
        var hint: String? { "ask for it" }
    }

    @Test("a faber error keeps its status, code, message, hint and place")
    func faberError() {
        let error = FaberError(.usage, "bad flag", hint: "try --env", at: SourceLocation(path: "a.md", line: 2, column: 3), code: "unknown-flag")
        #expect(FaberError(describing: error) == error)
        #expect(FaberError(describing: error).description == "a.md:2:3: error: bad flag\n  hint: try --env")
    }

    @Test("any user-facing error keeps its fields and its own code")
    func userFacingError() {
        let translated = FaberError(describing: Rich())
        #expect(translated.exitStatus == .accessDenied)
        #expect(translated.code == "denied-by-test")
        #expect(translated.message == "no access")
        #expect(translated.hint == "ask for it")
    }

    @Test("a spec finding is 65, a cancellation 130, anything else a faber bug: 70")
    func everythingElse() {
        let finding = FaberError(describing: Diagnostic.error("unknown step", at: SourceLocation(path: "w.md", line: 1, column: 1)))
        #expect(finding.exitStatus == .invalidSpec)
        #expect(finding.location?.path == "w.md")
        #expect(FaberError(describing: CancellationError()).exitStatus.rawValue == 130)
        #expect(FaberError(describing: CancellationError()).code == "cancelled")
        let bug = FaberError(describing: Unexpected())
        #expect(bug.exitStatus == .internalError)
        #expect(bug.exitStatus.rawValue == 70)
        #expect(bug.code == "internal")
        #expect(bug.message.hasPrefix("internal error: "))
    }

    @Test("an error without a code of its own gets its status's")
    func defaultCodes() {
        #expect(FaberError(.refused, "x").code == "refused")
        #expect(FaberError(.invalidSpec, "x").code == "invalid-spec")
        #expect(Set(FaberCore.ExitStatus.allCases.map(\.defaultCode)).count == FaberCore.ExitStatus.allCases.count)
    }
}
