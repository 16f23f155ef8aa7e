import FaberCore

/// `core.fail`: stops the run with a message and an exit status, after the steps it needs (a
/// log written first, say). `exit_code` is one of faber's (64, 65, 69, 70, 75, 77); a failed
/// step's `steps.<id>.exit_code` passes its status on.
public struct FailHandler: Handler {
    public let id = "core.fail"
    public let signature = HandlerSignature(
        summary: "Stop the run with a message and one of faber's exit statuses",
        inputs: [
            .init("message", required: true, .text, "what happened, printed on stderr"),
            .init("exit_code", .wholeNumber(min: 1), "64, 65, 69, 70, 75 or 77 (default 70)"),
            .init("hint", .text, "what to do about it"),
        ],
        outputs: [],
        environmentInput: nil)

    public init() {}

    public func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let message = input["message"]?.interpolated ?? "stopped"
        let code = input["exit_code"]?.int ?? Int(ExitStatus.internalError.rawValue)
        guard let status = ExitStatus(rawValue: Int32(clamping: code)), status != .success, status != .interrupted else {
            let codes = ExitStatus.allCases.filter { $0 != .success && $0 != .interrupted }.map { String($0.rawValue) }
            throw FaberError(
                .invalidSpec, "\(id): 'exit_code' must be one of \(codes.joined(separator: ", ")), got \(code)", at: context.stepLocation)
        }
        throw FaberError(status, message, hint: input["hint"]?.string)
    }
}
