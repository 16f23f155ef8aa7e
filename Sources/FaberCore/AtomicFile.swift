import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files written so that readers never see half a file and concurrent writers lose nothing.
public enum AtomicFile {
    public struct WriteError: UserFacingError {
        public var path: String
        public var reason: String
        public var exitStatus: ExitStatus { .internalError }
        public var message: String { "cannot write \(path): \(reason)" }
        public var hint: String? { "check that the folder exists and is writable" }
    }

    /// Writes `text` to a temporary file beside `path`, flushes it, then renames it over `path`.
    /// Missing parent folders are created.
    public static func write(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw WriteError(path: path, reason: "cannot create \(directory)")
            }
        }
        let temporary = "\(directory.isEmpty ? "." : directory)/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1  // without the NUL
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: count) { base in
                while offset < count {
                    let n = Glibc.write(fd, base + offset, count - offset)
                    if n <= 0 {
                        if errno == EINTR { continue }
                        ok = false
                        return
                    }
                    offset += n
                }
            }
        }
        if ok && fsync(fd) != 0 { ok = false }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WriteError(path: path, reason: ok ? String(cString: strerror(errno)) : reason)
        }
    }

    /// Reads `path` (nil when missing), transforms it and writes the result atomically,
    /// all under an exclusive lock on `<path>.lock`, so concurrent updates serialise.
    /// Returns the number of bytes written.
    @discardableResult
    public static func update(_ path: String, _ transform: (String?) throws -> String) throws -> Int {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw WriteError(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WriteError(path: lockPath, reason: String(cString: strerror(errno))) }
        }
        defer { flock(lock, LOCK_UN) }
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        let text = try transform(existing)
        try write(text, to: path)
        return text.utf8.count
    }
}
