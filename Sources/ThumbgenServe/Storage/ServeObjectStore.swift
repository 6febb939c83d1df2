import ThumbgenService

/// The storage `thumbgen serve` gives the function by default: ThumbgenService's
/// ``FolderObjectStore`` over a fixed pair of buckets (`DATA/BUCKET/KEY`, its key rules and
/// atomic writes), plus presigned URLs that point back at the local server
/// (``LocalPresigner``) and an `ObjectCreated:Put` notification for every object stored in
/// the originals bucket, as S3 would send to the Lambda.
struct ServeObjectStore: ObjectStore {
    /// The folders holding the objects.
    let folders: FolderObjectStore
    let presigner: LocalPresigner
    /// The bucket whose new objects are announced to ``onObjectCreated``.
    let notifyingBucket: String
    /// Called after each successful put into ``notifyingBucket``: key, size in bytes.
    var onObjectCreated: (@Sendable (_ key: String, _ bytes: Int) -> Void)?
    /// The clock, seconds since the Unix epoch (for URL expiry).
    var now: @Sendable () -> Int64 = { HTTPTime.nowMilliseconds() / 1000 }

    /// The data folder; buckets are its sub-folders.
    var root: String { folders.root }

    /// Creates the store and the bucket folders.
    ///
    /// - Throws: ``ServiceError`` `.storage` when a folder cannot be created.
    init(root: String, buckets: Set<String>, notifyingBucket: String, presigner: LocalPresigner) throws(ServiceError) {
        folders = try FolderObjectStore(root: root, buckets: buckets)
        self.notifyingBucket = notifyingBucket
        self.presigner = presigner
    }

    /// The file of `bucket`/`key` (see ``FolderObjectStore/path(bucket:key:)``).
    func path(bucket: String, key: String) throws(ServiceError) -> String {
        try folders.path(bucket: bucket, key: key)
    }

    func object(bucket: String, key: String) throws(ServiceError) -> StoredObject {
        try folders.object(bucket: bucket, key: key)
    }

    func put(
        bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
        metadata: [String: String]
    ) throws(ServiceError) {
        try folders.put(bucket: bucket, key: key, bytes: bytes, contentType: contentType, cacheControl: cacheControl, metadata: metadata)
        if bucket == notifyingBucket { onObjectCreated?(key, bytes.count) }
    }

    func exists(bucket: String, key: String) throws(ServiceError) -> Bool {
        try folders.exists(bucket: bucket, key: key)
    }

    func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String {
        _ = try folders.path(bucket: bucket, key: key)
        return presigner.url(method: method, bucket: bucket, key: key, expires: now() + Int64(expires))
    }
}
