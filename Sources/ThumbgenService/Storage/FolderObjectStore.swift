import FoundationEssentials
import ThumbgenBasics
#if canImport(Glibc)
import Glibc
#endif

/// An ``ObjectStore`` in a local folder: `ROOT/BUCKET/KEY`, written atomically (temporary
/// file, then rename). Content type and cache control are not kept (a server reading it
/// derives the type from the extension). For `thumbgen serve` and tests; its "presigned"
/// URLs are `file://` URLs of the object's path. Keys with `.` or `..` segments or empty
/// segments are refused, so no key can leave the bucket's folder.
public struct FolderObjectStore: ObjectStore {
    /// The root folder.
    public let root: String

    /// Creates a store rooted at `root` (created on first write).
    public init(root: String) { self.root = root }

    /// The object's file path, or nil when `key` would leave the bucket's folder.
    func path(bucket: String, key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !bucket.isEmpty, !bucket.contains("/"), bucket != "..", bucket != ".", !key.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { return nil }
        return "\(root)/\(bucket)/\(key)"
    }

    public func get(bucket: String, key: String) throws(ServiceError) -> [UInt8] {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError(.notFound, "\(bucket)/\(key): no such object")
        }
        return Array(data)
    }

    public func put(bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?) throws(ServiceError) {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ServiceError(.storage, "\(bucket)/\(key): cannot create its folder: \(error)")
        }
        // A unique temporary name created exclusively (mkstemp(3)): a predictable name such as
        // `.partial-<pid>` let a planted symlink redirect the write outside the store.
        do {
            try FileIO.writeAtomically(bytes, to: path)
        } catch {
            throw ServiceError(.storage, "\(bucket)/\(key): cannot write: \(error.reason)")
        }
    }

    /// The file's size from `stat(2)`.
    public func size(bucket: String, key: String) throws(ServiceError) -> Int? {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        var status = stat()
        guard stat(path, &status) == 0 else { throw ServiceError(.notFound, "\(bucket)/\(key): no such object") }
        return Int(status.st_size)
    }

    public func exists(bucket: String, key: String) throws(ServiceError) -> Bool {
        guard let path = path(bucket: bucket, key: key) else { return false }
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    public func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        return URL(fileURLWithPath: path).absoluteString
    }
}
