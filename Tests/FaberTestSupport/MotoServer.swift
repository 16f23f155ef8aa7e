import Foundation
import Synchronization

/// The moto AWS emulator for integration tests.
///
/// `shared()` is the server all tests of a process use: `FABER_MOTO_ENDPOINT` when set (the test
/// script starts one with `scripts/moto-server start`), else a `python3 -m moto.server` started once
/// on a free loopback port and stopped when the test process exits. Tests isolate their data with
/// unique names. `launchPrivate()` starts a server of one's own (the signature-check test switches
/// authentication on, which is global to a server).
public final class MotoServer: Sendable {
    public enum LaunchError: Error, CustomStringConvertible {
        case didNotStart(String)
        public var description: String {
            switch self {
            case .didNotStart(let why): "moto did not start: \(why) (is `moto[server]` installed? `pip install 'moto[server]'`)"
            }
        }
    }

    /// `http://127.0.0.1:<port>`
    public let endpoint: String
    public let port: Int
    private let pidFile: String?

    private init(endpoint: String, port: Int, pidFile: String?) {
        self.endpoint = endpoint
        self.port = port
        self.pidFile = pidFile
    }

    private static let sharedServer = Mutex<Task<MotoServer, any Error>?>(nil)

    public static func shared() async throws -> MotoServer {
        let task = sharedServer.withLock { current in
            if let current { return current }
            let made = Task { () throws -> MotoServer in
                if let given = ProcessInfo.processInfo.environment["FABER_MOTO_ENDPOINT"], !given.isEmpty,
                    let port = Int(given.split(separator: ":").last ?? "")
                {
                    return MotoServer(endpoint: given, port: port, pidFile: nil)
                }
                return try await launch()
            }
            current = made
            return made
        }
        return try await task.value
    }

    /// A server of one's own; call `stop()` when done (it also stops with the test process).
    public static func launchPrivate() async throws -> MotoServer {
        try await launch()
    }

    private static func launch() async throws -> MotoServer {
        let port = LoopbackHTTP.freePort()
        let parent = getpid()
        // A small watcher runs moto, writes its pid to `pidFile`, and kills it when the test process is gone
        // (or a zombie). SIGKILL throughout: the test process may block SIGTERM, and children inherit that.
        let pidFile = NSTemporaryDirectory() + "faber-moto-\(port)-\(parent).pid"
        let script = """
            python3 -m moto.server -H 127.0.0.1 -p \(port) >/dev/null 2>&1 </dev/null &
            moto=$!
            echo $moto > '\(pidFile)'
            alive() { [ -r /proc/$1/status ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status; }
            while alive \(parent) && kill -0 $moto 2>/dev/null; do sleep 0.3; done
            kill -9 $moto 2>/dev/null
            rm -f '\(pidFile)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        // Never share the test process's stdout/stderr: `swift test` waits for those pipes to close.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        registerForExit(pidFile)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let answer = LoopbackHTTP.request(port: port, path: "/moto-api/data.json", timeout: 5), answer.status == 200 {
                return MotoServer(endpoint: "http://127.0.0.1:\(port)", port: port, pidFile: pidFile)
            }
            guard process.isRunning else { throw LaunchError.didNotStart("the process exited") }
            try await Task.sleep(for: .milliseconds(200))
        }
        killMoto(pidFile: pidFile)
        throw LaunchError.didNotStart("no answer on port \(port) within 60 s")
    }

    /// Stops a server this process launched (not one given by `FABER_MOTO_ENDPOINT`).
    /// What a faber process needs to talk to this emulator only: its endpoint, dummy credentials,
    /// no profile or AWS files, whatever the shell had set; `extra` on top.
    public func clientEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "demo", "AWS_SECRET_ACCESS_KEY": "demo", "AWS_REGION": "us-east-1",
            "AWS_PROFILE": "", "AWS_SESSION_TOKEN": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    public func stop() {
        if let pidFile { killMoto(pidFile: pidFile) }  // the watcher sees moto gone and exits
    }

    /// moto's signature check: after this, the next `unauthenticatedRequests` requests pass unchecked
    /// and every later one must be signed by a known access key.
    public func resetAuth(unauthenticatedRequests: Int = 4) throws {
        guard let answer = LoopbackHTTP.request(port: port, method: "POST", path: "/moto-api/reset-auth", body: "\(unauthenticatedRequests)"),
            answer.status == 200
        else {
            throw LaunchError.didNotStart("POST /moto-api/reset-auth failed")
        }
    }
}

private let launchedPIDFiles = Mutex<[String]>([])

private func registerForExit(_ pidFile: String) {
    let first = launchedPIDFiles.withLock { files in
        files.append(pidFile)
        return files.count == 1
    }
    if first {
        atexit {
            for file in launchedPIDFiles.withLock({ $0 }) { killMoto(pidFile: file) }
        }
    }
}

/// Kills the moto whose pid the watcher wrote to `pidFile`.
private func killMoto(pidFile: String) {
    guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1
    else { return }
    kill(pid, SIGKILL)
    try? FileManager.default.removeItem(atPath: pidFile)
}
