import ThumbgenBasics

/// S3 paths and query strings on the wire, and S3 event keys, over ``PercentEncoding``.
///
/// Rule (AWS "Create a canonical request for Signature Version 4", URI-encode): every byte
/// outside the unreserved set `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex; for
/// object keys `/` is kept. The key's UTF-8 bytes are encoded as they are (no Unicode
/// normalisation), so NFC and NFD spellings stay different keys, as S3 treats them.
package enum S3KeyEncoding {
    /// The encoded path of an object key: `/` followed by the encoded key, so a key with a
    /// leading `/` gives `//...` and runs of `/` are kept.
    ///
    /// - Parameter key: The object key.
    /// - Returns: `/photos/my%20cat.jpg` for `photos/my cat.jpg`.
    package static func path(forKey key: String) -> String {
        "/" + PercentEncoding.encode(bytes: key.utf8, keepingSlash: true)
    }

    /// `name=value&...` with both sides encoded (no `/` kept); a parameter with an empty value is written as `name=`.
    ///
    /// - Parameter query: Raw name/value pairs, in order.
    /// - Returns: The query string without `?`.
    package static func queryString(_ query: [(name: String, value: String)]) -> String {
        query.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// Decodes an object key as S3 event notifications deliver it (`Records[].s3.object.key`):
    /// form-URL-encoded, so `+` is a space and `%XX` a byte (S3 User Guide, "Event message
    /// structure": "The s3 key provides information about the bucket and object involved in
    /// the event. The object key name value is URL encoded.").
    ///
    /// - Parameter encoded: e.g. `photos/my+cat%2B1.jpg`.
    /// - Returns: `photos/my cat+1.jpg`, or nil for a malformed escape or bytes that are not UTF-8.
    package static func decodeEventKey(_ encoded: String) -> String? {
        PercentEncoding.decodeStrictly(encoded, plusAsSpace: true).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
