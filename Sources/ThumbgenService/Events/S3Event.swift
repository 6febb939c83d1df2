import ThumbgenAWS
import ThumbgenBasics

/// An S3 event notification (`{"Records": [...]}`), message structure version 2.x.
///
/// Source: S3 User Guide, "Event message structure". Object keys arrive form-URL-encoded
/// (`+` for a space, `%XX` for other bytes; a literal `+` arrives as `%2B`); ``S3EventKey``
/// decodes them exactly once.
package struct S3Event: Sendable, Decodable {
    /// One record: one object created (or removed).
    package struct Record: Sendable, Decodable {
        /// `aws:s3`.
        package var eventSource: String?
        /// e.g. `ObjectCreated:Put`, `ObjectCreated:CompleteMultipartUpload`.
        package var eventName: String
        /// e.g. `eu-west-1`.
        package var awsRegion: String?
        /// The bucket and object.
        package var s3: Entity
    }

    /// The `s3` part of a record.
    package struct Entity: Sendable, Decodable {
        /// The bucket.
        package var bucket: Bucket
        /// The object.
        package var object: Object
    }

    /// The bucket of a record.
    package struct Bucket: Sendable, Decodable {
        /// The bucket name.
        package var name: String
    }

    /// The object of a record.
    package struct Object: Sendable, Decodable {
        /// The key, form-URL-encoded as S3 sends it, e.g. `photos/My+Cat%2B1+%282%29.jpg`.
        package var key: String
        /// The size in bytes (absent for removals).
        package var size: Int64?
        /// The ETag.
        package var eTag: String?
    }

    /// The records.
    package var records: [Record]

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }
}

/// Decoding of the form-URL-encoded object keys in S3 event notifications (through
/// ThumbgenAWS's `S3KeyEncoding.decodeEventKey`, the one decoder).
package enum S3EventKey {
    /// Decodes `encoded` once: `+` → space, `%XX` → the byte 0xXX; the bytes must be UTF-8.
    ///
    /// Source: S3 User Guide, "Event message structure" ("The s3 key provides information
    /// about the bucket and object involved in the event. The object key name value is URL
    /// encoded", in the `application/x-www-form-urlencoded` form: WHATWG URL Standard, section 5.1).
    ///
    /// - Parameter encoded: The key as it appears in the event, e.g. `photos/My+Cat%2B1+%282%29.jpg`.
    /// - Returns: The key, e.g. `photos/My Cat+1 (2).jpg`.
    /// - Throws: ``ServiceError`` `.badRequest` for a `%` not followed by two hex digits, or bytes that are not UTF-8.
    package static func decode(_ encoded: String) throws(ServiceError) -> String {
        guard let key = S3KeyEncoding.decodeEventKey(encoded) else {
            throw ServiceError(.badRequest, "S3 event key '\(encoded)': malformed %-escape or not UTF-8")
        }
        return key
    }

    /// Encodes `key` the way S3 does in event notifications (the inverse of ``decode(_:)``):
    /// `application/x-www-form-urlencoded` with `/` kept (`A-Z a-z 0-9 * - . _ /` kept, space as
    /// `+`, everything else `%XX`, `~` included); see ``PercentEncoding/encodeForm(_:keepingSlash:)``.
    /// For `thumbgen serve`'s events, example events and tests.
    ///
    /// - Parameter key: The object key.
    /// - Returns: The encoded key.
    package static func encode(_ key: String) -> String {
        PercentEncoding.encodeForm(key.utf8, keepingSlash: true)
    }
}
