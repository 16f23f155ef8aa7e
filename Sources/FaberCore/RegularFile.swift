#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading a file that a workspace names (a spec, a configuration, a registry) safely: regular
/// files only, after following links, so a FIFO, a device or a folder is a located error instead
/// of a hang, and at most `maximumBytes`, so a file linked to /dev/zero or a generated giant cannot
/// exhaust memory (docs/reference.md, "Limits").
public enum RegularFile {
    /// The most faber reads of one such file: 4 MiB.
    public static let maximumBytes = 4 << 20

    public static func read(_ path: String, limit: Int = maximumBytes) throws(FaberError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(path) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what =
                switch kind {
                case S_IFDIR: "a folder"
                case S_IFIFO: "a FIFO (named pipe)"
                case S_IFCHR: "a character device"
                case S_IFBLK: "a block device"
                case S_IFSOCK: "a socket"
                default: "not a regular file"
                }
            throw FaberError(
                .invalidSpec, "\(path) is \(what), not a file", hint: "faber reads regular files only (links to them are fine)",
                at: SourceLocation(path: path, line: 1, column: 1), code: "not-a-file")
        }
        guard Int(info.st_size) <= limit else { throw tooLarge(path, limit: limit) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(path)
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > limit { throw tooLarge(path, limit: limit) }  // a file that grows while read
        }
        return bytes
    }

    private static func tooLarge(_ path: String, limit: Int) -> FaberError {
        FaberError(
            .invalidSpec, "\(path) is larger than \(limit >> 20) MiB, the most faber reads of a spec or configuration file",
            hint: "split it, or check that it is the file you meant", at: SourceLocation(path: path, line: 1, column: 1), code: "file-too-large")
    }

    private static func unreadable(_ path: String) -> FaberError {
        let reason = String(cString: strerror(errno))
        return FaberError(
            .invalidSpec, "cannot read \(path): \(reason)", hint: "check that the file exists and is readable",
            at: SourceLocation(path: path, line: 1, column: 1), code: "unreadable")
    }
}
