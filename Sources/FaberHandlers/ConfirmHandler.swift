import FaberCore

/// `core.confirm`: asks yes/no on a TTY. Without a TTY it needs `--yes`; otherwise
/// the run stops with exit 75. A "no" (or no TTY) stops the run too, unless
/// `required: false`, in which case `confirmed` is false and the workflow decides.
public struct ConfirmHandler: Handler {
    public let id = "core.confirm"
    public let signature = HandlerSignature(
        summary: "Ask the user to confirm before going on",
        inputs: [
            .init("message", required: true, .text, "the question, shown as '<message> [y/N]'"),
            .init("required", .flag, "stop the run when not confirmed (default true)"),
        ],
        outputs: ["confirmed", "how"])

    public init() {}

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let message = input["message"]?.interpolated ?? "Continue?"
        let required = input["required"]?.isTruthy ?? true
        let record = RunConfirmation.of(context.scope)
        if context.options.assumeYes {
            record.recordConfirmed()
            return ["confirmed": true, "how": "--yes"]
        }
        if context.options.dryRun { return ["confirmed": true, "how": "dry-run"] }
        guard context.console.isInteractive, let answer = await context.console.confirm(message) else {
            try Task.checkCancellation()  // Ctrl-C at the question: the run is being cancelled
            if !required { return ["confirmed": false, "how": "no terminal"] }
            throw FaberError(
                .refused, "confirmation needed: \(message)",
                hint: "run it on a terminal to answer, or add --yes to confirm in advance", at: context.stepLocation)
        }
        if !answer && required {
            throw FaberError(.refused, "not confirmed: \(message)", hint: "nothing was changed")
        }
        if answer { record.recordConfirmed() }
        return ["confirmed": .bool(answer), "how": "terminal"]
    }
}
