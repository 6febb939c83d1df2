/// Where originals and thumbnails live: S3 in Lambda (``S3ObjectStore``), a folder for
/// `thumbgen serve` and tests (``FolderObjectStore``). Keys are any non-empty UTF-8.
public protocol ObjectStore: Sendable {
    /// The whole object `bucket`/`key`.
    ///
    /// - Returns: The bytes.
    /// - Throws: ``ServiceError`` `.notFound` when absent, `.storage` otherwise.
    func get(bucket: String, key: String) throws(ServiceError) -> [UInt8]

    /// Stores `bytes` as `bucket`/`key`, replacing any object there.
    ///
    /// - Parameters:
    ///   - contentType: The media type, e.g. `image/jpeg`.
    ///   - cacheControl: The `Cache-Control` to serve it with, or nil.
    /// - Throws: ``ServiceError`` `.storage`.
    func put(bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?) throws(ServiceError)

    /// Whether `bucket`/`key` exists.
    ///
    /// - Throws: ``ServiceError`` `.storage` when the store cannot say.
    func exists(bucket: String, key: String) throws(ServiceError) -> Bool

    /// A URL that lets its holder `method` (`GET` or `PUT`) `bucket`/`key` without credentials
    /// for `expires` seconds.
    ///
    /// - Throws: ``ServiceError`` `.storage` or `.badRequest` for an unusable key.
    func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String
}
