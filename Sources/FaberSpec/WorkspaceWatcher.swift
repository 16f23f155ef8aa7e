import FaberCore

#if canImport(Glibc)
    import Glibc
#endif

/// Tells the loader whether anything changed in the folders it read (Linux inotify), so that a
/// command in a long-lived REPL costs no rescan of a large workspace when nothing changed
/// (docs/reference.md, "Hot reload").
///
/// Every folder the scan visits is watched before it is listed, so a change made during or after
/// the scan is an event. `changed()` drains the events: any event, a queue overflow, or a watch
/// that could not be added (the system's limit) means "rescan". Where inotify is not available
/// there is no watcher and every load rescans, as before.
final class WorkspaceWatcher: @unchecked Sendable {  // used only under the loader's lock
    #if canImport(Glibc)
        private let descriptor: Int32
        private var watched: Set<String> = []
        /// Where `changed()` reads events into (kept: it runs before every command).
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        /// A watch failed or the queue overflowed: every load rescans from now on.
        private var unreliable = false
        private static let mask: UInt32 =
            UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)
            | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

        init?() {
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            descriptor = fd
        }

        deinit { close(descriptor) }

        /// Watches `folder`; for a folder that does not exist (yet), the nearest one above it that
        /// does, so that making it is a change.
        func watch(_ folder: String) {
            guard !unreliable, !watched.contains(folder) else { return }
            watched.insert(folder)
            guard inotify_add_watch(descriptor, folder, Self.mask) < 0 else { return }
            if errno == ENOENT || errno == ENOTDIR {
                let parent = FileSystem.parent(folder)
                if parent != folder, parent != "." { watch(parent) }
            } else {
                unreliable = true  // ENOSPC (the limit of watches), EACCES, ...
            }
        }

        /// Whether anything changed since the last call; reads every pending event. After a change
        /// the scan visits every folder again, and watches them again: a folder deleted and made
        /// anew is a new inode, which needs a new watch (adding one twice is harmless).
        func changed() -> Bool {
            var any = unreliable
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    any = true  // an overflow event too: what it lost, the rescan reads
                    continue
                }
                if count < 0, errno == EINTR { continue }
                break  // EAGAIN: no more events
            }
            if any { watched.removeAll(keepingCapacity: true) }
            return any
        }
    #else
        init?() { return nil }
        func watch(_ folder: String) {}
        func changed() -> Bool { true }
    #endif
}
