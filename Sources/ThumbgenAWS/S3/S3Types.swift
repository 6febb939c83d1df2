import FoundationEssentials

/// What HeadObject / GetObject tell about an object.
package struct S3ObjectInfo: Sendable, Hashable {
    /// The object key.
    package var key: String
    /// Size in bytes (`Content-Length`).
    package var size: Int64
    /// The entity tag, quotes included, as S3 sends it: `"d41d8cd98f00b204e9800998ecf8427e"`.
    package var eTag: String?
    /// The stored media type, e.g. `image/jpeg`.
    package var contentType: String?
    /// `Last-Modified`, when the server sent a parseable IMF-fixdate.
    package var lastModified: Date?
    /// The stored `Cache-Control`, when the object has one.
    package var cacheControl: String?
    /// User-defined metadata (`x-amz-meta-NAME: VALUE` headers), names lower case without the prefix.
    package var metadata: [String: String] = [:]

    /// Creates the value.
    package init(key: String, size: Int64, eTag: String?, contentType: String?, lastModified: Date?, cacheControl: String? = nil) {
        self.cacheControl = cacheControl
        self.key = key
        self.size = size
        self.eTag = eTag
        self.contentType = contentType
        self.lastModified = lastModified
    }
}

/// One `<Contents>` entry of ListObjectsV2.
package struct S3ObjectSummary: Sendable, Hashable {
    /// The key, bytes exactly as stored.
    package var key: String
    /// Size in bytes.
    package var size: Int64
    /// The entity tag, quoted.
    package var eTag: String?
    /// `LastModified` as sent (ISO 8601, e.g. `2009-10-12T17:50:30.000Z`).
    package var lastModified: String?

    /// Creates the value.
    package init(key: String, size: Int64, eTag: String?, lastModified: String?) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
    }
}

/// One page of ListObjectsV2.
package struct S3ListPage: Sendable, Hashable {
    /// The objects on this page, in key order.
    package var objects: [S3ObjectSummary]
    /// `CommonPrefixes` when a delimiter was used.
    package var commonPrefixes: [String]
    /// The token for the next page, nil on the last page.
    package var nextContinuationToken: String?

    /// Creates the value.
    package init(objects: [S3ObjectSummary], commonPrefixes: [String], nextContinuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
    }
}

/// One `<Upload>` of ListMultipartUploads: an upload started and neither completed nor aborted.
package struct S3MultipartUploadSummary: Sendable, Hashable {
    /// The key being uploaded.
    package var key: String
    /// The upload id.
    package var uploadID: String

    /// Creates the value.
    package init(key: String, uploadID: String) {
        self.key = key
        self.uploadID = uploadID
    }
}

/// The result of PutObject or of a completed multipart upload.
package struct S3PutResult: Sendable, Hashable {
    /// The new object's entity tag, quoted.
    package var eTag: String?
    /// Bytes uploaded.
    package var size: Int64
    /// Number of parts, 0 for a single PutObject.
    package var partCount: Int

    /// Creates the value.
    package init(eTag: String?, size: Int64, partCount: Int) {
        self.eTag = eTag
        self.size = size
        self.partCount = partCount
    }
}

/// When and how files are uploaded in parts (S3 User Guide, "Uploading and copying objects
/// using multipart upload": parts of 5 MiB to 5 GiB except the last, at most 10,000 parts).
package struct S3MultipartSettings: Sendable, Hashable {
    /// Files larger than this many bytes go up in parts (default 16 MiB).
    package var threshold: Int64
    /// Part size in bytes (default 16 MiB; raised automatically to keep within 10,000 parts).
    package var partSize: Int64
    /// Parts uploaded at the same time, each on its own thread (default 4).
    package var concurrency: Int

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - threshold: Multipart threshold in bytes.
    ///   - partSize: Part size in bytes (at least 5 MiB).
    ///   - concurrency: Parallel part uploads (at least 1).
    package init(threshold: Int64 = 16 << 20, partSize: Int64 = 16 << 20, concurrency: Int = 4) {
        self.threshold = threshold
        self.partSize = max(partSize, 5 << 20)
        self.concurrency = max(1, concurrency)
    }
}

/// Which operation a presigned URL allows.
package enum S3PresignedMethod: String, Sendable {
    /// GetObject.
    case get = "GET"
    /// PutObject.
    case put = "PUT"
}
