#if canImport(Glibc)
import Glibc
#endif

/// A file-system failure, with the path and the system's reason (strerror).
package struct FileError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var reason: String
    /// The `errno` value when the system gave one.
    package var systemError: Int32?
    package var description: String { "\(path): \(reason)" }

    /// Whether the path is missing or is not a regular file (`ENOENT`, `ENOTDIR`, or a folder,
    /// FIFO or device where a file was expected).
    package var isMissing: Bool { systemError == ENOENT || systemError == ENOTDIR || reason == Self.notRegularFile }

    /// The reason given for a path that is not a regular file.
    package static let notRegularFile = "not a regular file"

    /// The system's reason for `code` (strerror), except `ENOENT`, which reads `no such file or
    /// folder` in every command's messages.
    package init(path: String, errno code: Int32) {
        self.path = path
        reason = code == ENOENT ? "no such file or folder" : String(cString: strerror(code))
        systemError = code
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
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileError(path: path, reason: FileError.notRegularFile) }
        let size = Int64(status.st_size)
        let expected = maxBytes.map { Int(min(Int64($0), size)) } ?? Int(size)
        // Room for the 64 KiB read past `size` that finds the end (or a file that grew), so that
        // read never moves the buffer: growing it would copy the whole file into a second one.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected + (maxBytes == nil ? 65_536 : 0))
        bytes.append(contentsOf: repeatElement(0, count: expected))
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

    /// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then renamed
    /// over `path`. On any failure the temporary file is removed and `path` is untouched; a
    /// process that is killed half-way leaves at most a `.NAME.tmp-XXXXXX` file, never a
    /// half-written `path`.
    ///
    /// - Parameters:
    ///   - bytes: the whole content.
    ///   - path: the destination; its folder must exist.
    ///   - mode: permission bits for the new file (default 0644, before umask).
    ///   - durable: `fsync(2)` the data before the rename, so that once this returns the new
    ///     content also survives a power cut (stored objects, configuration). `false` for files
    ///     that can be made again, such as thumbnails written by `resize` — as `cp`,
    ///     `vipsthumbnail` and `convert` write — where the flush was a quarter of a batch's time
    ///     (`bench/resize_bench.py --modes batch`).
    /// - Throws: ``FileError`` naming `path`.
    package static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, durable: Bool = true) throws(FileError) {
        let (descriptor, temporary) = try createTemporaryFile(beside: path, mode: mode)
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
        if failure == 0, durable, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileError(path: path, errno: failure)
        }
        try moveIntoPlace(temporary, to: path)
    }

    /// What every temporary file's name carries: `.NAME.tmp-XXXXXX` beside `NAME`.
    package static let temporaryMarker = ".tmp-"

    /// Creates a new empty file with a unique name beside `path`, `.NAME.tmp-XXXXXX`
    /// (`mkstemp(3)`: `O_CREAT | O_EXCL`, so no two calls, threads or processes share one), for a
    /// temp-then-rename write finished by ``moveIntoPlace(_:to:)``.
    ///
    /// - Parameters:
    ///   - path: the final destination; its folder must exist.
    ///   - mode: permission bits for the file (before umask).
    /// - Returns: the descriptor, open for writing, and the temporary file's path.
    /// - Throws: ``FileError`` naming `path`.
    package static func createTemporaryFile(beside path: String, mode: mode_t = 0o644) throws(FileError) -> (descriptor: Int32, path: String) {
        let folder = Path.directory(of: path)
        var template = Array("\(folder)/.\(Path.lastComponent(of: path))\(temporaryMarker)XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard fchmod(descriptor, mode & ~currentUmask()) == 0 else {
            let failure = errno
            close(descriptor)
            unlink(temporary)
            throw FileError(path: path, errno: failure)
        }
        return (descriptor, temporary)
    }

    /// Renames `temporary` over `path` (`rename(2)`: readers see the old file or the new one,
    /// never a part); on failure removes `temporary` and leaves `path` untouched.
    ///
    /// - Throws: ``FileError`` naming `path`.
    package static func moveIntoPlace(_ temporary: String, to path: String) throws(FileError) {
        guard rename(temporary, path) == 0 else {
            let failure = errno
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

    /// Whether `path` is a regular file (following symbolic links).
    package static func isRegularFile(_ path: String) -> Bool {
        regularFileSize(path) != nil
    }

    /// The size in bytes of the regular file at `path` (symbolic links followed), or nil when it
    /// is missing or not a regular file (standard input, a FIFO, a device).
    package static func regularFileSize(_ path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(status.st_size)
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
