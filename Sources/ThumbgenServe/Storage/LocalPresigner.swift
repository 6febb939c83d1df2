import Crypto
import ThumbgenBasics
import ThumbgenSigV4

/// Presigned URLs for folder-backed buckets: the local stand-in for S3 presigning used by
/// `thumbgen serve`.
///
/// A URL looks like `http://127.0.0.1:8080/_local/originals/photos/cat.jpg?expires=1767225600&signature=9f2c…`:
/// the path is `/_local/BUCKET/KEY` (the key URI-encoded per segment, `/` kept), `expires` is
/// seconds since the Unix epoch, and `signature` is the lower-case hex HMAC-SHA256 of
/// `METHOD \n BUCKET \n KEY \n EXPIRES` keyed by the UTF-8 bytes of a per-process secret
/// (RFC 2104 HMAC over FIPS 180-4 SHA-256, by swift-crypto). It is not SigV4 and no AWS client accepts
/// it; it only lets the page's presigned PUT/GET flow run unchanged against the local server.
struct LocalPresigner: Sendable {
    /// The path prefix of local storage URLs: `/_local/`.
    static let pathPrefix = "/_local/"

    private let key: SymmetricKey
    /// Scheme, host and port the URLs point at, without a trailing slash.
    let baseURL: String

    /// Creates a presigner.
    ///
    /// - Parameters:
    ///   - secret: The secret, at least 16 random characters in practice (made per process).
    ///   - baseURL: Where the local server listens, e.g. `http://127.0.0.1:8080`; empty for
    ///     URLs relative to the server's root (`/_local/…`), used when it listens on every
    ///     address and so cannot know the name its clients use.
    init(secret: String, baseURL: String) {
        key = SymmetricKey(data: Array(secret.utf8))
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// A URL allowing `method` on `bucket`/`key` until `expires`.
    ///
    /// - Parameters:
    ///   - method: `PUT` or `GET`.
    ///   - bucket: The bucket name.
    ///   - key: The object key (raw, not encoded).
    ///   - expires: Expiry, seconds since the Unix epoch.
    /// - Returns: The absolute URL.
    func url(method: String, bucket: String, key objectKey: String, expires: Int64) -> String {
        let path =
            Self.pathPrefix + PercentEncoding.encode(bytes: Array(bucket.utf8), keepingSlash: false) + "/"
            + PercentEncoding.encode(bytes: Array(objectKey.utf8), keepingSlash: true)
        return baseURL + path + "?expires=\(expires)&signature=" + signature(method: method, bucket: bucket, key: objectKey, expires: expires)
    }

    /// Checks a request against its URL's `expires` and `signature`.
    ///
    /// - Parameters:
    ///   - method: The request method.
    ///   - bucket: The bucket named by the path (decoded).
    ///   - key: The key named by the path (decoded).
    ///   - expires: The `expires` query value.
    ///   - signature: The `signature` query value.
    ///   - now: The current time, seconds since the Unix epoch.
    /// - Returns: nil when the URL is valid, else why not (one line naming bucket/key).
    func refusal(
        method: String, bucket: String, key objectKey: String, expires: String, signature given: String,
        now: Int64
    ) -> String? {
        guard let expiry = Int64(expires) else {
            return "\(bucket)/\(objectKey): presigned URL has no valid 'expires'"
        }
        let expected = signature(method: method, bucket: bucket, key: objectKey, expires: expiry)
        guard Self.constantTimeEqual(Array(expected.utf8), Array(given.utf8)) else {
            return "\(bucket)/\(objectKey): presigned URL signature does not match"
        }
        guard now <= expiry else {
            return "\(bucket)/\(objectKey): presigned URL expired at \(expiry)"
        }
        return nil
    }

    private func signature(method: String, bucket: String, key objectKey: String, expires: Int64) -> String {
        PayloadHash.hex(HMAC<SHA256>.authenticationCode(for: Array("\(method)\n\(bucket)\n\(objectKey)\n\(expires)".utf8), using: key))
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
