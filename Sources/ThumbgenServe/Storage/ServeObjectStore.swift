#if canImport(Glibc)
import Glibc
#endif
import ThumbgenService

/// The storage `thumbgen serve` gives the function by default: each bucket a folder
/// (`DATA/BUCKET/KEY`), presigned URLs that point back at the local server
/// (``LocalPresigner``), and an `ObjectCreated:Put` notification for every object stored in
/// the originals bucket, as S3 would send to the Lambda.
///
/// Not ThumbgenService's ``FolderObjectStore`` (same layout) because serve also needs: a
/// unique temporary file per write (`mkstemp(3)`: the synchronous route and the S3-event
/// path may write the same thumbnail key at the same moment), the refusal of NUL bytes and
/// leading `/`, and the notification hook.
struct ServeObjectStore: ObjectStore {
    /// The data folder; buckets are its sub-folders.
    let root: String
    /// The buckets that exist (folders under ``root``).
    let buckets: Set<String>
    let presigner: LocalPresigner
    /// The bucket whose new objects are announced to ``onObjectCreated``.
    let notifyingBucket: String
    /// Called after each successful put into ``notifyingBucket``: key, size in bytes.
    var onObjectCreated: (@Sendable (_ key: String, _ bytes: Int) -> Void)?
    /// User metadata of objects written through this store (in memory only).
    let metadata = MetadataMemory()
    /// The clock, seconds since the Unix epoch (for URL expiry).
    var now: @Sendable () -> Int64 = { HTTPTime.nowMilliseconds() / 1000 }

    /// Creates the store and the bucket folders.
    ///
    /// - Throws: ``ServiceError`` `.storage` when a folder cannot be created.
    init(root: String, buckets: Set<String>, notifyingBucket: String, presigner: LocalPresigner) throws(ServiceError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.buckets = buckets
        self.notifyingBucket = notifyingBucket
        self.presigner = presigner
        for bucket in buckets { try LocalFiles.makeFolders(self.root + "/" + bucket) }
    }

    /// Checks that `key` stays inside its bucket folder: not empty, no NUL byte, no leading
    /// `/`, no `.`, `..` or empty segment.
    ///
    /// - Throws: ``ServiceError`` `.badRequest` naming the key and the rule.
    static func validate(key: String) throws(ServiceError) {
        if key.isEmpty { throw ServiceError(.badRequest, "empty object key") }
        if key.utf8.contains(0) { throw ServiceError(.badRequest, "object key contains a NUL byte") }
        if key.hasPrefix("/") { throw ServiceError(.badRequest, "\(key): absolute keys are refused") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            if segment == ".." || segment == "." { throw ServiceError(.badRequest, "\(key): '\(segment)' segments are refused") }
            if segment.isEmpty { throw ServiceError(.badRequest, "\(key): empty path segments are refused") }
        }
    }

    /// The file of `bucket`/`key`.
    ///
    /// - Throws: ``ServiceError`` `.notFound` for an unknown bucket, `.badRequest` for a bad key.
    func path(bucket: String, key: String) throws(ServiceError) -> String {
        guard buckets.contains(bucket) else { throw ServiceError(.notFound, "\(bucket): no such bucket") }
        try Self.validate(key: key)
        return root + "/" + bucket + "/" + key
    }

    func object(bucket: String, key: String) throws(ServiceError) -> StoredObject {
        let path = try path(bucket: bucket, key: key)
        return StoredObject(bytes: try LocalFiles.read(path, subject: "\(bucket)/\(key)"), metadata: metadata[path])
    }

    func put(bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
             metadata: [String: String]) throws(ServiceError) {
        let path = try path(bucket: bucket, key: key)
        try LocalFiles.writeAtomically(bytes, to: path, subject: "\(bucket)/\(key)")
        self.metadata[path] = metadata
        if bucket == notifyingBucket { onObjectCreated?(key, bytes.count) }
    }

    func exists(bucket: String, key: String) throws(ServiceError) -> Bool {
        guard let path = try? path(bucket: bucket, key: key) else { return false }
        return LocalFiles.isRegularFile(path)
    }

    func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String {
        _ = try path(bucket: bucket, key: key)
        return presigner.url(method: method, bucket: bucket, key: key, expires: now() + Int64(expires))
    }
}
