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

    /// Decodes an object key as S3 event notifications deliver it (`Records[].s3.object.key`):
    /// form-URL-encoded, so `+` is a space and `%XX` a byte (S3 User Guide, "Event message
    /// structure": "The s3 key provides information about the bucket and object involved in
    /// the event. The object key name value is URL encoded.").
    ///
    /// - Parameter encoded: e.g. `photos/my+cat%2B1.jpg`.
    /// - Returns: `photos/my cat+1.jpg`, or nil for a malformed escape or bytes that are not UTF-8.
    public static func decodeEventKey(_ encoded: String) -> String? {
        var bytes: [UInt8] = []
        var input = encoded.utf8[...]
        while let byte = input.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = input.popFirst().flatMap(hexValue), let low = input.popFirst().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
