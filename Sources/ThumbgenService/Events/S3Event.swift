import ThumbgenAWS

/// An S3 event notification (`{"Records": [...]}`), message structure version 2.x.
///
/// Source: S3 User Guide, "Event message structure". Object keys arrive form-URL-encoded
/// (`+` for a space, `%XX` for other bytes; a literal `+` arrives as `%2B`); ``S3EventKey``
/// decodes them exactly once.
public struct S3Event: Sendable, Decodable {
    /// One record: one object created (or removed).
    public struct Record: Sendable, Decodable {
        /// `aws:s3`.
        public var eventSource: String?
        /// e.g. `ObjectCreated:Put`, `ObjectCreated:CompleteMultipartUpload`.
        public var eventName: String
        /// e.g. `eu-west-1`.
        public var awsRegion: String?
        /// The bucket and object.
        public var s3: Entity
    }

    /// The `s3` part of a record.
    public struct Entity: Sendable, Decodable {
        /// The bucket.
        public var bucket: Bucket
        /// The object.
        public var object: Object
    }

    /// The bucket of a record.
    public struct Bucket: Sendable, Decodable {
        /// The bucket name.
        public var name: String
    }

    /// The object of a record.
    public struct Object: Sendable, Decodable {
        /// The key, form-URL-encoded as S3 sends it, e.g. `photos/My+Cat%2B1+%282%29.jpg`.
        public var key: String
        /// The size in bytes (absent for removals).
        public var size: Int64?
        /// The ETag.
        public var eTag: String?
    }

    /// The records.
    public var records: [Record]

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }
}

/// Decoding of the form-URL-encoded object keys in S3 event notifications (through
/// ThumbgenAWS's `S3KeyEncoding.decodeEventKey`, the one decoder).
public enum S3EventKey {
    /// Decodes `encoded` once: `+` → space, `%XX` → the byte 0xXX; the bytes must be UTF-8.
    ///
    /// Source: S3 User Guide, "Event message structure" ("The s3 key provides information
    /// about the bucket and object involved in the event. The object key name value is URL
    /// encoded", in the `application/x-www-form-urlencoded` form: WHATWG URL Standard, section 5.1).
    ///
    /// - Parameter encoded: The key as it appears in the event, e.g. `photos/My+Cat%2B1+%282%29.jpg`.
    /// - Returns: The key, e.g. `photos/My Cat+1 (2).jpg`.
    /// - Throws: ``ServiceError`` `.badRequest` for a `%` not followed by two hex digits, or bytes that are not UTF-8.
    public static func decode(_ encoded: String) throws(ServiceError) -> String {
        guard let key = S3KeyEncoding.decodeEventKey(encoded) else {
            throw ServiceError(.badRequest, "S3 event key '\(encoded)': malformed %-escape or not UTF-8")
        }
        return key
    }

    /// Encodes `key` the way S3 does in event notifications (the inverse of ``decode(_:)``):
    /// unreserved bytes and `/` kept, space as `+`, everything else `%XX`. For example events and tests.
    ///
    /// - Parameter key: The object key.
    /// - Returns: The encoded key.
    public static func encode(_ key: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"), UInt8(ascii: "/"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
