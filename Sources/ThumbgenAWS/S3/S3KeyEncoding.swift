/// Percent-encoding for S3 paths and for query strings on the wire.
///
/// Rule (AWS "Create a canonical request for Signature Version 4", URI-encode): every byte
/// outside the unreserved set `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex; for
/// object keys `/` is kept. The key's UTF-8 bytes are encoded as they are (no Unicode
/// normalisation), so NFC and NFD spellings stay different keys, as S3 treats them.
public enum S3KeyEncoding {
    /// Encodes `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The raw bytes (for a key: `Array(key.utf8)`).
    ///   - keepSlash: True for paths (keys), false for query names and values.
    /// - Returns: The encoded ASCII string.
    public static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool) -> String {
        var out: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The encoded path of an object key: `/` followed by the encoded key, so a key with a
    /// leading `/` gives `//...` and runs of `/` are kept.
    ///
    /// - Parameter key: The object key.
    /// - Returns: `/photos/my%20cat.jpg` for `photos/my cat.jpg`.
    public static func path(forKey key: String) -> String {
        "/" + encode(Array(key.utf8), keepSlash: true)
    }

    /// `name=value&...` with both sides encoded (no `/` kept); a parameter with an empty value is written as `name=`.
    ///
    /// - Parameter query: Raw name/value pairs, in order.
    /// - Returns: The query string without `?`.
    public static func queryString(_ query: [(name: String, value: String)]) -> String {
        query.map { encode(Array($0.name.utf8), keepSlash: false) + "=" + encode(Array($0.value.utf8), keepSlash: false) }
            .joined(separator: "&")
    }
}
