import FoundationEssentials

/// What HeadObject / GetObject tell about an object.
public struct S3ObjectInfo: Sendable, Hashable {
    /// The object key.
    public var key: String
    /// Size in bytes (`Content-Length`).
    public var size: Int64
    /// The entity tag, quotes included, as S3 sends it: `"d41d8cd98f00b204e9800998ecf8427e"`.
    public var eTag: String?
    /// The stored media type, e.g. `image/jpeg`.
    public var contentType: String?
    /// `Last-Modified`, when the server sent a parseable IMF-fixdate.
    public var lastModified: Date?
    /// The stored `Cache-Control`, when the object has one.
    public var cacheControl: String?
    /// User-defined metadata (`x-amz-meta-NAME: VALUE` headers), names lower case without the prefix.
    public var metadata: [String: String] = [:]

    /// Creates the value.
    public init(key: String, size: Int64, eTag: String?, contentType: String?, lastModified: Date?, cacheControl: String? = nil) {
        self.cacheControl = cacheControl
        self.key = key
        self.size = size
        self.eTag = eTag
        self.contentType = contentType
        self.lastModified = lastModified
    }
}

/// One `<Contents>` entry of ListObjectsV2.
public struct S3ObjectSummary: Sendable, Hashable {
    /// The key, bytes exactly as stored.
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// The entity tag, quoted.
    public var eTag: String?
    /// `LastModified` as sent (ISO 8601, e.g. `2009-10-12T17:50:30.000Z`).
    public var lastModified: String?

    /// Creates the value.
    public init(key: String, size: Int64, eTag: String?, lastModified: String?) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Hashable {
    /// The objects on this page, in key order.
    public var objects: [S3ObjectSummary]
    /// `CommonPrefixes` when a delimiter was used.
    public var commonPrefixes: [String]
    /// The token for the next page, nil on the last page.
    public var nextContinuationToken: String?

    /// Creates the value.
    public init(objects: [S3ObjectSummary], commonPrefixes: [String], nextContinuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
    }
}

/// One `<Upload>` of ListMultipartUploads: an upload started and neither completed nor aborted.
public struct S3MultipartUploadSummary: Sendable, Hashable {
    /// The key being uploaded.
    public var key: String
    /// The upload id.
    public var uploadID: String

    /// Creates the value.
    public init(key: String, uploadID: String) {
        self.key = key
        self.uploadID = uploadID
    }
}

/// The result of PutObject or of a completed multipart upload.
public struct S3PutResult: Sendable, Hashable {
    /// The new object's entity tag, quoted.
    public var eTag: String?
    /// Bytes uploaded.
    public var size: Int64
    /// Number of parts, 0 for a single PutObject.
    public var partCount: Int

    /// Creates the value.
    public init(eTag: String?, size: Int64, partCount: Int) {
        self.eTag = eTag
        self.size = size
        self.partCount = partCount
    }
}

/// When and how files are uploaded in parts (S3 User Guide, "Uploading and copying objects
/// using multipart upload": parts of 5 MiB to 5 GiB except the last, at most 10,000 parts).
public struct S3MultipartSettings: Sendable, Hashable {
    /// Files larger than this many bytes go up in parts (default 16 MiB).
    public var threshold: Int64
    /// Part size in bytes (default 16 MiB; raised automatically to keep within 10,000 parts).
    public var partSize: Int64
    /// Parts uploaded at the same time, each on its own thread (default 4).
    public var concurrency: Int

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - threshold: Multipart threshold in bytes.
    ///   - partSize: Part size in bytes (at least 5 MiB).
    ///   - concurrency: Parallel part uploads (at least 1).
    public init(threshold: Int64 = 16 << 20, partSize: Int64 = 16 << 20, concurrency: Int = 4) {
        self.threshold = threshold
        self.partSize = max(partSize, 5 << 20)
        self.concurrency = max(1, concurrency)
    }
}

/// Which operation a presigned URL allows.
public enum S3PresignedMethod: String, Sendable {
    /// GetObject.
    case get = "GET"
    /// PutObject.
    case put = "PUT"
}
