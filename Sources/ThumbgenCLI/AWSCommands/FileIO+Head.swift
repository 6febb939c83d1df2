#if canImport(Glibc)
import Glibc
#endif

extension FileIO {
    /// Reads at most `maxBytes` from the start of a regular file, and its size: enough to check
    /// an upload's content without reading a large file whole.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - maxBytes: The most bytes to read.
    /// - Returns: The first bytes and the file's size in bytes.
    /// - Throws: ``FileError`` naming the path (missing, unreadable, not a regular file).
    static func head(_ path: String, maxBytes: Int) throws(FileError) -> (bytes: [UInt8], size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileError(path: path, errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileError(path: path, reason: "not a regular file") }
        let wanted = Int(min(Int64(maxBytes), Int64(status.st_size)))
        var bytes = [UInt8](repeating: 0, count: wanted)
        var offset = 0
        while offset < wanted {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, wanted - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            offset += count
        }
        bytes.removeSubrange(offset...)
        return (bytes, Int64(status.st_size))
    }
}
