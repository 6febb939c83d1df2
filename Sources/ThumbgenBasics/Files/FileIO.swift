#if canImport(Glibc)
import Glibc
#endif

/// A file-system failure, with the path and the system's reason (strerror).
package struct FileError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var reason: String
    package var description: String { "\(path): \(reason)" }

    /// The system's reason for `code` (strerror), except `ENOENT`, which reads `no such file or
    /// folder` in every command's messages.
    package init(path: String, errno code: Int32) {
        self.path = path
        reason = code == ENOENT ? "no such file or folder" : String(cString: strerror(code))
    }

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Whole-file reads and atomic writes over POSIX calls.
package enum FileIO {
    /// Reads a regular file whole.
    ///
    /// - Parameter path: the file.
    /// - Returns: its bytes.
    /// - Throws: ``FileError`` naming the path (missing, unreadable, not a regular file).
    package static func read(_ path: String) throws(FileError) -> [UInt8] {
        try read(path, maxBytes: nil).bytes
    }

    /// Reads at most `maxBytes` from the start of a regular file, and its size: enough to check
    /// an upload's content without reading a large file whole.
    ///
    /// - Returns: the first bytes and the file's size in bytes.
    /// - Throws: ``FileError`` naming the path (missing, unreadable, not a regular file).
    package static func head(_ path: String, maxBytes: Int) throws(FileError) -> (bytes: [UInt8], size: Int64) {
        try read(path, maxBytes: maxBytes)
    }

    /// The one reading loop: up to `maxBytes` (nil: to the end, even if the file grew since `fstat`).
    private static func read(_ path: String, maxBytes: Int?) throws(FileError) -> (bytes: [UInt8], size: Int64) {
        // O_NONBLOCK: opening a FIFO named like an image must not wait for a writer; the
        // descriptor is checked to be a regular file before any read (where the flag has no effect).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileError(path: path, errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileError(path: path, reason: "not a regular file") }
        let size = Int64(status.st_size)
        var bytes = [UInt8](repeating: 0, count: maxBytes.map { Int(min(Int64($0), size)) } ?? Int(size))
        var offset = 0
        while true {
            var room = bytes.count - offset
            if room == 0 {
                guard maxBytes == nil else { break }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: 65_536))
                room = bytes.count - offset
            }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, room) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            offset += count
        }
        bytes.removeSubrange(offset...)
        return (bytes, size)
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same folder, flushed,
    /// then renamed over `path`. On any failure the temporary file is removed and `path` is untouched.
    ///
    /// - Parameters:
    ///   - bytes: the whole content.
    ///   - path: the destination; its folder must exist.
    ///   - mode: permission bits for the new file (default 0644, before umask).
    /// - Throws: ``FileError`` naming `path`.
    package static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileError) {
        let folder = Path.directory(of: path)
        var template = Array("\(folder)/.\(Path.lastComponent(of: path)).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        let temporary = String(cString: template)
        var failure: Int32 = 0
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += count
        }
        if failure == 0, fchmod(descriptor, mode & ~currentUmask()) != 0 { failure = errno }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileError(path: path, errno: failure)
        }
    }

    /// Creates `path` and its missing parents (like `mkdir -p`).
    package static func createDirectory(_ path: String) throws(FileError) {
        if isDirectory(path) { return }
        let parent = Path.directory(of: path)
        if parent != path, !parent.isEmpty { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw FileError(path: path, errno: errno) }
    }

    package static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
