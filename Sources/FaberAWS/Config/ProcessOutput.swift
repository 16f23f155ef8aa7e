import Foundation

/// The exit status and output of a shell command run without blocking a Swift concurrency thread.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]

    /// The last non-empty line of stderr, shortened: enough to say why a command failed.
    var stderrSummary: String? {
        let lines = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let last = lines.last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let text = last.trimmingCharacters(in: .whitespaces)
        return text.count > 200 ? String(text.prefix(200)) + "..." : text
    }

    /// Runs `/bin/sh -c command` with `environment`; `failure` makes the error thrown when it cannot start.
    static func run(
        _ command: String, environment: [String: String],
        failure: @escaping @Sendable (String) -> any Error
    ) async throws -> ProcessOutput {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                process.environment = environment
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: failure("could not be started (\(error.localizedDescription))"))
                    return
                }
                // Read both pipes at once so a chatty stderr cannot block the command.
                let group = DispatchGroup()
                nonisolated(unsafe) var errorBytes = Data()
                group.enter()
                DispatchQueue.global().async {
                    errorBytes = err.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outputBytes = out.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: ProcessOutput(
                        status: process.terminationStatus, stdout: Array(outputBytes), stderr: Array(errorBytes)))
            }
        }
    }
}
