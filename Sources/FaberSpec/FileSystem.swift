import FaberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the loader needs: list a folder, stat a file, read it.
enum FileSystem {
    /// What decides whether a file changed: modification time (ns), size, inode, device.
    struct Stamp: Hashable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt64
        var device: UInt64
        var isDirectory: Bool
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Stamp(
            seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int(info.st_size),
            inode: UInt64(info.st_ino), device: UInt64(info.st_dev),
            isDirectory: (info.st_mode & S_IFMT) == S_IFDIR)
    }

    static func isDirectory(_ path: String) -> Bool { stamp(path)?.isDirectory == true }
    static func exists(_ path: String) -> Bool { stamp(path) != nil }

    /// Names in `path` (no `.`, `..` or hidden entries), sorted; nil when it is not a readable folder.
    static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes = try readBytes(path)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func readBytes(_ path: String) throws(Diagnostic) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw unreadable(path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(path)
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty || base == "." { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    private static func unreadable(_ path: String) -> Diagnostic {
        let reason = String(cString: strerror(errno))
        return .error(
            "cannot read \(path): \(reason)", at: SourceLocation(path: path, line: 1, column: 1),
            hint: "check that the file exists and is readable")
    }
}
