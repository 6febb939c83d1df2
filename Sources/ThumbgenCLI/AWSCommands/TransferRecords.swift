/// One thumbnail of an uploaded original, in `upload` output.
struct UploadedThumbnail: Sendable, Encodable {
    /// Longest side in pixels.
    var size: Int
    /// The thumbnails bucket, when known.
    var bucket: String?
    /// The key the function writes (``ThumbnailKey`` scheme).
    var key: String
    /// With `--wait`: the local file it was downloaded to.
    var output: String?
    /// With `--wait`: its size in bytes.
    var bytes: Int64?
}

/// One uploaded original: `{"bucket":…,"bytes":…,"contentType":…,"file":…,"key":…,"thumbnails":[…]}`.
struct UploadRecord: Sendable, Encodable {
    /// The local file as given.
    var file: String
    var bucket: String
    var key: String
    /// Size in bytes.
    var bytes: Int64
    /// `image/jpeg` or `image/png`, from the magic bytes.
    var contentType: String
    var thumbnails: [UploadedThumbnail]
}

/// One fetched thumbnail: `{"bucket":…,"bytes":…,"key":…,"output":…,"thumbnailKey":…}`,
/// or with `--presign` `{"bucket":…,"expiresIn":…,"key":…,"thumbnailKey":…,"url":…}`.
struct FetchRecord: Sendable, Encodable {
    /// The original's key as given.
    var key: String
    /// The thumbnails bucket.
    var bucket: String
    var thumbnailKey: String
    /// The local file written.
    var output: String?
    /// Bytes written.
    var bytes: Int64?
    /// The presigned GET URL.
    var url: String?
    /// The URL's validity, in seconds.
    var expiresIn: Int?
}

/// A failed file or key in `--json` output: `{"error":…,"file":…}` for upload,
/// `{"error":…,"key":…,"originalExists":…}` for fetch.
struct TransferFailure: Sendable, Encodable {
    var file: String?
    var key: String?
    var error: String
    /// For a missing thumbnail: whether the original exists (nil when unknown).
    var originalExists: Bool?
}
