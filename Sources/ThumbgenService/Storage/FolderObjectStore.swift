#if canImport(Glibc)
import Glibc
#endif
import ThumbgenImaging

/// A bucket that is a folder: object `KEY` of the bucket is the file `ROOT/KEY`.
///
/// Used by `thumbgen serve` in place of S3 (two folders, two buckets). Writes are atomic (a
/// temporary file in the same folder, then `rename(2)`), so a reader never sees half an
/// object. Keys that could leave the folder are refused: an absolute key, a `..` or `.`
/// segment, an empty segment (`a//b`, trailing `/`), or a NUL byte.
public struct FolderObjectStore: Sendable {
    /// The folder holding the objects.
    public let root: String
    /// The bucket name used in S3 events and local URLs, e.g. `originals`.
    public let bucket: String
    /// Called after each successful ``put(_:key:)`` with the key and size in bytes: where
    /// `thumbgen serve` hooks the S3 `ObjectCreated:Put` notification of the originals bucket.
    public var onObjectCreated: (@Sendable (_ key: String, _ bytes: Int) -> Void)?

    /// Creates a store over `root`, creating the folder if missing.
    ///
    /// - Parameters:
    ///   - root: The folder path.
    ///   - bucket: The bucket's name.
    /// - Throws: `StorageError` `.io` when the folder cannot be created.
    public init(root: String, bucket: String) throws(StorageError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.bucket = bucket
        try Self.makeFolders(self.root)
    }

    /// Checks that `key` stays inside the bucket folder.
    ///
    /// - Parameter key: An object key.
    /// - Throws: `StorageError` `.invalidKey` naming the key and the rule it breaks.
    public static func validate(key: String) throws(StorageError) {
        if key.isEmpty { throw StorageError(.invalidKey, "empty object key") }
        if key.utf8.contains(0) { throw StorageError(.invalidKey, "object key contains a NUL byte") }
        if key.hasPrefix("/") { throw StorageError(.invalidKey, "\(key): absolute keys are refused") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            if segment == ".." || segment == "." {
                throw StorageError(.invalidKey, "\(key): '\(segment)' segments are refused")
            }
            if segment.isEmpty { throw StorageError(.invalidKey, "\(key): empty path segments are refused") }
        }
    }

    /// The file path of `key`.
    ///
    /// - Parameter key: An object key.
    /// - Returns: `ROOT/KEY`.
    /// - Throws: `StorageError` `.invalidKey` (see ``validate(key:)``).
    public func path(of key: String) throws(StorageError) -> String {
        try Self.validate(key: key)
        return root + "/" + key
    }

    /// Stores `bytes` under `key`, atomically, replacing any earlier object.
    ///
    /// - Parameters:
    ///   - bytes: The object's content.
    ///   - key: The object key.
    /// - Throws: `StorageError` `.invalidKey` or `.io`.
    public func put(_ bytes: [UInt8], key: String) throws(StorageError) {
        let path = try path(of: key)
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        try Self.makeFolders(folder)
        var template = Array((folder + "/.tmp-thumbgen-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 { throw StorageError(.io, "\(bucket)/\(key): cannot create a temporary file: \(Self.errnoText())") }
        let temporary = String(cString: template)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let text = Self.errnoText()
                close(descriptor)
                unlink(temporary)
                throw StorageError(.io, "\(bucket)/\(key): write failed: \(text)")
            }
            offset += written
        }
        fchmod(descriptor, 0o644)
        close(descriptor)
        if rename(temporary, path) != 0 {
            let text = Self.errnoText()
            unlink(temporary)
            throw StorageError(.io, "\(bucket)/\(key): rename failed: \(text)")
        }
        onObjectCreated?(key, bytes.count)
    }

    /// The content of `key`.
    ///
    /// - Parameter key: The object key.
    /// - Returns: The bytes.
    /// - Throws: `StorageError` `.notFound`, `.invalidKey` or `.io`.
    public func get(key: String) throws(StorageError) -> [UInt8] {
        let path = try path(of: key)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { throw StorageError(.notFound, "\(bucket)/\(key): no such object") }
            throw StorageError(.io, "\(bucket)/\(key): cannot open: \(Self.errnoText())")
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
            throw StorageError(.notFound, "\(bucket)/\(key): no such object")
        }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(.io, "\(bucket)/\(key): read failed: \(Self.errnoText())")
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Whether an object exists under `key` (false for invalid keys).
    ///
    /// - Parameter key: The object key.
    /// - Returns: `true` when `ROOT/KEY` is a regular file.
    public func exists(key: String) -> Bool {
        guard let path = try? path(of: key) else { return false }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The MIME type to serve `bytes` with: by signature (`image/jpeg`, `image/png`), else
    /// `application/octet-stream`.
    ///
    /// - Parameter bytes: An object's content.
    /// - Returns: A MIME type.
    public static func contentType(of bytes: [UInt8]) -> String {
        ImageFormat.sniff(bytes)?.mimeType ?? "application/octet-stream"
    }

    private static func makeFolders(_ folder: String) throws(StorageError) {
        var prefixes: [Substring] = []
        var index = folder.startIndex
        while let slash = folder[index...].firstIndex(of: "/") {
            if slash != folder.startIndex { prefixes.append(folder[..<slash]) }
            index = folder.index(after: slash)
        }
        prefixes.append(folder[...])
        for prefix in prefixes where mkdir(String(prefix), 0o755) != 0 && errno != EEXIST {
            throw StorageError(.io, "\(folder): cannot create folder: \(errnoText())")
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
