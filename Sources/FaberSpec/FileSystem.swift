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

    /// The largest spec file faber reads (docs/reference.md).
    static let maximumFileBytes = RegularFile.maximumBytes

    /// The text of a spec file: regular files only (after following links, so a FIFO, a device or
    /// a folder is a located error instead of a hang), at most `maximumFileBytes`, valid UTF-8
    /// (the first invalid byte is reported at its line and column).
    static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes = try readBytes(path)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let (line, column) = firstInvalidUTF8(bytes)
        throw .error(
            "the file is not valid UTF-8 (the first invalid byte is here)", at: SourceLocation(path: path, line: line, column: column),
            hint: "save it as UTF-8")
    }

    static func readBytes(_ path: String) throws(Diagnostic) -> [UInt8] {
        do {
            return try RegularFile.read(path, limit: maximumFileBytes)
        } catch {
            throw error.diagnostic
        }
    }

    /// 1-based line and column of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return (line, column) }
            if lead == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return (line, column)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `relative` under `base`, with `.` and `..` resolved; nil when it leaves `base`, by its
    /// `..` or (for a file that exists) through a symbolic link.
    static func resolve(_ relative: String, under base: String) -> String? {
        var parts: [Substring] = []
        for part in relative.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let path = parts.isEmpty ? base : join(base, parts.joined(separator: "/"))
        guard exists(path) else { return path }
        guard let realBase = realPath(base), let real = realPath(path) else { return nil }
        return real == realBase || real.hasPrefix(realBase.hasSuffix("/") ? realBase : realBase + "/") ? path : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty || base == "." { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
