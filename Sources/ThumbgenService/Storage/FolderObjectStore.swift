import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// An ``ObjectStore`` in a local folder: `ROOT/BUCKET/KEY`, written atomically (temporary
/// file, then rename). Content type and cache control are not kept (a server reading it
/// derives the type from the extension); user metadata is kept in memory only
/// (``MetadataMemory``), for as long as this store value's process runs. For `thumbgen serve` and tests; its "presigned"
/// URLs are `file://` URLs of the object's path. Keys with `.` or `..` segments or empty
/// segments are refused, so no key can leave the bucket's folder.
public struct FolderObjectStore: ObjectStore {
    /// The root folder.
    public let root: String

    /// User metadata of the objects written through this store.
    let metadata = MetadataMemory()

    /// Creates a store rooted at `root` (created on first write).
    public init(root: String) { self.root = root }

    /// The object's file path, or nil when `key` would leave the bucket's folder.
    func path(bucket: String, key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !bucket.isEmpty, !bucket.contains("/"), bucket != "..", bucket != ".", !key.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { return nil }
        return "\(root)/\(bucket)/\(key)"
    }

    public func object(bucket: String, key: String) throws(ServiceError) -> StoredObject {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError(.notFound, "\(bucket)/\(key): no such object")
        }
        return StoredObject(bytes: Array(data), metadata: metadata[path])
    }

    public func put(bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
                    metadata: [String: String]) throws(ServiceError) {
        guard let path = path(bucket: bucket, key: key) else { throw ServiceError(.badRequest, "unusable key '\(key)'") }
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = "\(path).partial-\(getpid())"
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw ServiceError(.storage, "\(bucket)/\(key): cannot rename into place (errno \(errno))")
            }
            self.metadata[path] = metadata
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError(.storage, "\(bucket)/\(key): cannot write: \(error)")
        }
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
