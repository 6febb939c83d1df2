import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file the way Unix tools do: what is at the path decides how.
///
/// Rules (as `cp` and `dd of=` behave):
/// - a missing path: created through a temporary file and a rename
///   (``FileIO/writeAtomically(_:to:mode:durable:)``); a dangling symbolic link creates its target;
/// - a regular file: the same, at the file a symbolic link points to, so the link itself is
///   never replaced and a failure leaves the old file untouched;
/// - a character device (`/dev/null`, a terminal), a FIFO, or any path under `/dev/` or
///   `/proc/` (`/dev/stdout`, `/dev/fd/3`, which name what the shell opened): opened and
///   written directly, appending (so `>>` keeps its meaning);
/// - a Unix-domain socket: connected to (stream) and written;
/// - a folder or a block device: refused.
///
/// Nothing that is not a regular file is ever renamed over or unlinked. Like `cp`, the data is
/// not flushed with `fsync(2)` (outputs here — thumbnails, downloads, packages — can be made
/// again; the rename alone keeps them whole).
enum OutputDestination {
    /// The most symbolic links followed before giving up (Linux's `MAXSYMLINKS`).
    static let maxLinks = 40

    /// Writes `bytes` to `path` per the rules above.
    ///
    /// - Parameters:
    ///   - bytes: the whole content.
    ///   - path: the destination as the user wrote it (named in errors).
    /// - Throws: ``FileError`` naming `path`.
    static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw FileError(path: path, errno: errno) }
            try FileIO.writeAtomically(bytes, to: resolvingLinks(path), durable: false)
            return
        }
        let kernelPath = Path.isKernelPath(path)
        switch status.st_mode & S_IFMT {
        case S_IFREG where !kernelPath:
            guard let target = FileIO.realPath(path) else { throw FileError(path: path, errno: errno) }
            try FileIO.writeAtomically(bytes, to: target, durable: false)
        case S_IFREG, S_IFCHR, S_IFIFO:
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, name: path)
        case S_IFSOCK:
            let descriptor = try connect(toSocket: path)
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, name: path)
        case S_IFDIR:
            throw FileError(path: path, reason: "is a folder")
        default:
            throw FileError(path: path, reason: "is a block device; refusing to write to it")
        }
    }

    /// Whether `path` is missing or a regular file that is not a link and not under `/dev/` or
    /// `/proc/`: the case where a downloader may write a temporary file and rename it over the
    /// path itself. Anything else must go through ``write(_:to:)``.
    static func isPlainFileOrMissing(_ path: String) -> Bool {
        if Path.isKernelPath(path) { return false }
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT }
        return (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The folder a new output at `path` goes in: that of the file a dangling symbolic link
    /// names, else the path's own.
    static func folder(for path: String) -> String {
        Path.directory(of: (try? resolvingLinks(path)) ?? path)
    }

    /// Writes all of `bytes` to an open descriptor, retrying short writes and `EINTR`.
    ///
    /// - Parameters:
    ///   - descriptor: an open, blocking descriptor (a file, a pipe, standard output).
    ///   - name: what to call it in errors, e.g. `standard output`.
    /// - Throws: ``FileError`` with the system's reason (`Broken pipe` when the reader went away).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, name: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: name, errno: errno)
            }
            offset += count
        }
    }

    /// Follows symbolic links from `path` to the first thing that is not one (or does not exist).
    ///
    /// - Returns: the final path; relative link targets are taken from the link's folder.
    /// - Throws: ``FileError`` for a loop (more than ``maxLinks``) or an unreadable link.
    static func resolvingLinks(_ path: String) throws(FileError) -> String {
        var current = path
        for _ in 0...maxLinks {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw FileError(path: path, errno: errno) }
            let target = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : Path.join(Path.directory(of: current), target)
        }
        throw FileError(path: path, errno: ELOOP)
    }

    private static func connect(toSocket path: String) throws(FileError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw FileError(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw FileError(path: path, errno: code)
        }
        return descriptor
    }
}
