/// Where originals and thumbnails live: S3 in Lambda (``S3ObjectStore``), a folder for
/// `thumbgen serve` and tests (``FolderObjectStore``). Keys are any non-empty UTF-8.
package protocol ObjectStore: Sendable {
    /// The whole object `bucket`/`key` with its user metadata.
    ///
    /// - Returns: The bytes and the metadata stored with them.
    /// - Throws: ``ServiceError`` `.notFound` when absent, `.storage` otherwise.
    func object(bucket: String, key: String) throws(ServiceError) -> StoredObject

    /// Stores `bytes` as `bucket`/`key`, replacing any object there and its metadata.
    ///
    /// - Parameters:
    ///   - contentType: The media type, e.g. `image/jpeg`.
    ///   - cacheControl: The `Cache-Control` to serve it with, or nil.
    ///   - metadata: User metadata (S3's `x-amz-meta-NAME`; names lower case), empty for none.
    /// - Throws: ``ServiceError`` `.storage`.
    func put(
        bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
        metadata: [String: String]) throws(ServiceError)

    /// The size of `bucket`/`key` in bytes without reading it (S3 HeadObject's
    /// `Content-Length`), or nil when the store cannot tell cheaply (then ``get(bucket:key:)``
    /// is the only bound).
    ///
    /// - Throws: ``ServiceError`` `.notFound` when absent, `.storage` otherwise.
    func size(bucket: String, key: String) throws(ServiceError) -> Int?

    /// Whether `bucket`/`key` exists.
    ///
    /// - Throws: ``ServiceError`` `.storage` when the store cannot say.
    func exists(bucket: String, key: String) throws(ServiceError) -> Bool

    /// A URL that lets its holder `method` (`GET` or `PUT`) `bucket`/`key` without credentials
    /// for `expires` seconds.
    ///
    /// - Throws: ``ServiceError`` `.storage` or `.badRequest` for an unusable key.
    func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String

    /// A URL that lets its holder PUT `bucket`/`key` for `expires` seconds with exactly this
    /// `Content-Type` and, when given, exactly `contentLength` bytes (both signed, so any other
    /// type or size is refused by the store).
    ///
    /// - Throws: ``ServiceError`` `.storage` or `.badRequest` for an unusable key.
    func presignedUpload(
        bucket: String, key: String, contentType: String, contentLength: Int?,
        expires: Int
    ) throws(ServiceError) -> String
}

extension ObjectStore {
    /// Unknown (nil) unless a store knows better.
    package func size(bucket: String, key: String) throws(ServiceError) -> Int? { nil }

    /// A plain presigned PUT for stores that cannot bind headers (local folders: their server
    /// bounds the body itself).
    package func presignedUpload(
        bucket: String, key: String, contentType: String, contentLength: Int?,
        expires: Int
    ) throws(ServiceError) -> String {
        try presignedURL(method: "PUT", bucket: bucket, key: key, expires: expires)
    }
}

/// An object's bytes and its user metadata (names lower case, without `x-amz-meta-`).
package struct StoredObject: Sendable, Hashable {
    /// The content.
    package var bytes: [UInt8]
    /// User metadata, e.g. `["thumbgen-thumbnails": "256/auto/80"]`.
    package var metadata: [String: String]

    /// Creates the value.
    package init(bytes: [UInt8], metadata: [String: String] = [:]) {
        self.bytes = bytes
        self.metadata = metadata
    }
}

extension ObjectStore {
    /// The whole object's bytes.
    ///
    /// - Throws: As ``object(bucket:key:)``.
    package func get(bucket: String, key: String) throws(ServiceError) -> [UInt8] {
        try object(bucket: bucket, key: key).bytes
    }

    /// Stores `bytes` with no user metadata.
    ///
    /// - Throws: As ``put(bucket:key:bytes:contentType:cacheControl:metadata:)``.
    package func put(bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?) throws(ServiceError) {
        try put(bucket: bucket, key: key, bytes: bytes, contentType: contentType, cacheControl: cacheControl, metadata: [:])
    }
}
