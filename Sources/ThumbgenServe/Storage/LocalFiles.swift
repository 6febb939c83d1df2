#if canImport(Glibc)
import Glibc
#endif
import ThumbgenService

/// Whole-file reads and atomic writes for ``ServeObjectStore`` over POSIX calls.
enum LocalFiles {
    /// Writes `bytes` to a unique temporary file beside `path` (`mkstemp(3)`), then
    /// `rename(2)`s it over `path`, creating folders as needed. A failure leaves no file.
    ///
    /// - Throws: ``ServiceError`` `.storage` naming `subject`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, subject: String) throws(ServiceError) {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        try makeFolders(folder)
        var template = Array((folder + "/.tmp-thumbgen-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        if descriptor < 0 { throw ServiceError(.storage, "\(subject): cannot create a temporary file: \(errnoText())") }
        let temporary = String(cString: template)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let text = errnoText()
                close(descriptor)
                unlink(temporary)
                throw ServiceError(.storage, "\(subject): write failed: \(text)")
            }
            offset += written
        }
        fchmod(descriptor, 0o644)
        close(descriptor)
        if rename(temporary, path) != 0 {
            let text = errnoText()
            unlink(temporary)
            throw ServiceError(.storage, "\(subject): rename failed: \(text)")
        }
    }

    /// The whole file at `path`.
    ///
    /// - Throws: ``ServiceError`` `.notFound` when it is missing or not a regular file, `.storage` otherwise.
    static func read(_ path: String, subject: String) throws(ServiceError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { throw ServiceError(.notFound, "\(subject): no such object") }
            throw ServiceError(.storage, "\(subject): cannot open: \(errnoText())")
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
            throw ServiceError(.notFound, "\(subject): no such object")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ServiceError(.storage, "\(subject): read failed: \(errnoText())")
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Whether `path` is a regular file.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// `mkdir -p folder`.
    ///
    /// - Throws: ``ServiceError`` `.storage` naming the folder.
    static func makeFolders(_ folder: String) throws(ServiceError) {
        var prefixes: [Substring] = []
        var index = folder.startIndex
        while let slash = folder[index...].firstIndex(of: "/") {
            if slash != folder.startIndex { prefixes.append(folder[..<slash]) }
            index = folder.index(after: slash)
        }
        prefixes.append(folder[...])
        for prefix in prefixes where !prefix.isEmpty && mkdir(String(prefix), 0o755) != 0 && errno != EEXIST {
            throw ServiceError(.storage, "\(folder): cannot create folder: \(errnoText())")
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
