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
    private let watcherPID: Int32?

    private init(endpoint: String, port: Int, watcherPID: Int32?) {
        self.endpoint = endpoint
        self.port = port
        self.watcherPID = watcherPID
    }

    private static let sharedServer = Mutex<Task<MotoServer, any Error>?>(nil)

    public static func shared() async throws -> MotoServer {
        let task = sharedServer.withLock { current in
            if let current { return current }
            let made = Task { () throws -> MotoServer in
                if let given = ProcessInfo.processInfo.environment["FABER_MOTO_ENDPOINT"], !given.isEmpty,
                   let port = Int(given.split(separator: ":").last ?? "") {
                    return MotoServer(endpoint: given, port: port, watcherPID: nil)
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
        // A small watcher runs moto and stops it when the test process is gone or the watcher is told to stop.
        let script = """
            python3 -m moto.server -H 127.0.0.1 -p \(port) >/dev/null 2>&1 &
            moto=$!
            trap 'kill $moto 2>/dev/null; exit 0' TERM INT
            while kill -0 \(parent) 2>/dev/null && kill -0 $moto 2>/dev/null; do sleep 0.3; done
            kill $moto 2>/dev/null
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        registerForExit(pid)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let answer = LoopbackHTTP.request(port: port, path: "/moto-api/data.json", timeout: 5), answer.status == 200 {
                return MotoServer(endpoint: "http://127.0.0.1:\(port)", port: port, watcherPID: pid)
            }
            guard process.isRunning else { throw LaunchError.didNotStart("the process exited") }
            try await Task.sleep(for: .milliseconds(200))
        }
        kill(pid, SIGTERM)
        throw LaunchError.didNotStart("no answer on port \(port) within 60 s")
    }

    /// Stops a server this process launched (not one given by `FABER_MOTO_ENDPOINT`).
    public func stop() {
        if let watcherPID { kill(watcherPID, SIGTERM) }
    }

    /// moto's signature check: after this, the next `unauthenticatedRequests` requests pass unchecked
    /// and every later one must be signed by a known access key.
    public func resetAuth(unauthenticatedRequests: Int = 4) throws {
        guard let answer = LoopbackHTTP.request(port: port, method: "POST", path: "/moto-api/reset-auth", body: "\(unauthenticatedRequests)"),
              answer.status == 200 else {
            throw LaunchError.didNotStart("POST /moto-api/reset-auth failed")
        }
    }
}

private let launchedWatchers = Mutex<[Int32]>([])

private func registerForExit(_ pid: Int32) {
    let first = launchedWatchers.withLock { pids in
        pids.append(pid)
        return pids.count == 1
    }
    if first {
        atexit {
            for pid in launchedWatchers.withLock({ $0 }) { kill(pid, SIGTERM) }
        }
    }
}
