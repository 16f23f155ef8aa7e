import Foundation

/// The built `faber` executable, run as a user would run it.
public struct FaberBinary: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let path: String

    /// A faber executable at `path` (a copy of the built one, say).
    public init(path: String) {
        self.path = path
    }

    /// `faber` beside the test bundle (`.build/<config>/faber`), or `$FABER_BIN`.
    public static func locate() throws -> FaberBinary {
        if let explicit = ProcessInfo.processInfo.environment["FABER_BIN"], !explicit.isEmpty {
            return FaberBinary(path: explicit)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("faber").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return FaberBinary(path: candidate) }
            directory = directory.deletingLastPathComponent()
        }
        throw NSError(
            domain: "faber-tests", code: 1,
            userInfo: [
                NSLocalizedDescriptionKey:
                    "faber binary not found next to \(CommandLine.arguments[0]); run 'swift build' first or set FABER_BIN"
            ])
    }

    /// Runs faber with `arguments`, feeding `stdin`, and waits for it to exit.
    public func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        currentDirectory: String? = nil
    ) throws -> Result {
        let process = FaberBinary.process(path, arguments, environment)
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// faber on a pseudo-terminal (through util-linux `script`), as a person at a terminal runs it:
    /// stdin is a TTY, so the REPL uses line editing, completion and history.
    public func startOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> FaberSession {
        // `exec`: script runs the command through $SHELL -c, and a shell that stays as faber's
        // parent (dash does) gets the Ctrl-C too and ends with 130 itself, whatever faber returned.
        let command = "exec " + ([path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try FaberSession(
            path: "/usr/bin/script", arguments: ["-qfec", command, "/dev/null"], environment: environment,
            onTerminal: true)
    }

    /// A process for `path` with the test environment: no colour, no history file, plus `extra`.
    static func process(_ path: String, _ arguments: [String], _ extra: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["FABER_HISTORY"] = ""
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        return process
    }

    /// A long-lived faber (the REPL) to talk to line by line.
    public func start(_ arguments: [String], environment: [String: String] = [:]) throws -> FaberSession {
        try FaberSession(path: path, arguments: arguments, environment: environment)
    }
}

/// A running faber process whose stdin stays open: send a line, read until a marker.
public final class FaberSession: @unchecked Sendable {
    private let process: Process
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = ""
    private let onTerminal: Bool

    init(path: String, arguments: [String], environment: [String: String], onTerminal: Bool = false) throws {
        self.onTerminal = onTerminal
        process = FaberBinary.process(path, arguments, environment)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.buffer += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Sends keystrokes as they are (e.g. "/hel\t" to press Tab).
    public func type(_ keys: String) {
        input.fileHandleForWriting.write(Data(keys.utf8))
    }

    /// Waits (up to `timeout` seconds) until the output contains `text`; returns all output so far.
    @discardableResult
    public func waitFor(_ text: String, occurrences: Int = 1, timeout: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let current = buffer
            lock.unlock()
            if current.components(separatedBy: text).count - 1 >= occurrences { return current }
            Thread.sleep(forTimeInterval: 0.02)
        }
        lock.lock()
        defer { lock.unlock() }
        throw NSError(domain: "faber-tests", code: 2, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for '\(text)'; output so far:\n\(buffer)"])
    }

    /// Everything faber printed so far (for failure messages).
    public var printed: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    /// Closes stdin and waits for the exit status. On a terminal, faber is first given
    /// time to end by itself (after `/quit`): closing `script`'s input early makes it
    /// send an end-of-file to the terminal, which must not race with faber's own exit.
    public func finish() -> Int32 {
        if onTerminal {
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
