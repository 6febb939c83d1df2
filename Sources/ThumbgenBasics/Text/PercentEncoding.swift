/// Percent-encoding and decoding, the one implementation for every layer, in its variants:
/// RFC 3986 (SigV4's `UriEncode`, S3 paths and query strings), the single canonical encoding
/// of an already-encoded path, and `application/x-www-form-urlencoded` (S3 event keys).
///
/// RFC 3986 variant, source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
/// ("URI-encode each parameter name and value": do not encode the unreserved characters
/// `A-Z a-z 0-9 - _ . ~`, encode every other byte as `%XY` with upper-case hex; encode a
/// space as `%20`, never `+`), which is RFC 3986 §2.3's unreserved set applied to UTF-8
/// bytes. Strings are handled as their UTF-8 bytes, never Unicode-normalized: an NFC and an
/// NFD spelling of the same text encode differently, as S3 keys must.
package enum PercentEncoding {
    /// Whether `byte` is in RFC 3986 §2.3's unreserved set `A-Z a-z 0-9 - _ . ~`.
    ///
    /// - Parameter byte: A UTF-8 code unit.
    /// - Returns: `true` if the byte is never percent-encoded.
    package static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Percent-encodes every byte outside the unreserved set (so `/` becomes `%2F`):
    /// the encoding of query parameter names and values.
    ///
    /// - Parameter string: Raw text; its UTF-8 bytes are encoded.
    /// - Returns: ASCII text, e.g. `a b/ሴ` → `a%20b%2F%E1%88%B4`.
    package static func encode(_ string: String) -> String {
        encode(bytes: string.utf8, keepingSlash: false)
    }

    /// Percent-encodes every byte outside the unreserved set except `/`: the encoding of
    /// an S3 object key in a path (`photos/a b+c.jpg` → `photos/a%20b%2Bc.jpg`).
    ///
    /// - Parameter path: Raw path or key; its UTF-8 bytes are encoded.
    /// - Returns: ASCII text with `/` kept as is.
    package static func encodePath(_ path: String) -> String {
        encode(bytes: path.utf8, keepingSlash: true)
    }

    /// Percent-encodes bytes outside the unreserved set (and `/` unless `keepingSlash`).
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - keepingSlash: Whether `/` stays literal (paths) or becomes `%2F` (query).
    /// - Returns: ASCII text with upper-case hex escapes.
    package static func encode(bytes: some Sequence<UInt8>, keepingSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                appendEscape(byte, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Brings an already-encoded path to the canonical single encoding: unreserved bytes
    /// and `/` stay, an existing `%XY` escape stays (hex made upper case), and any other
    /// byte (a raw space, `$`, `+`, a stray `%`, non-ASCII) is encoded. For a path built
    /// with `encodePath(_:)` this changes nothing. Used for S3, whose canonical URI is the
    /// path encoded once (S3 API Reference, "Signature Calculations for the Authorization
    /// Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)").
    ///
    /// - Parameter path: A path as sent on the wire.
    /// - Returns: The path with every byte in canonical single encoding.
    package static func canonicalizeEncodedPath(_ path: String) -> String {
        let out = walk(path, escaped: { appendEscape($0, to: &$1) }) { byte, out in
            if isUnreserved(byte) || byte == UInt8(ascii: "/") { out.append(byte) } else { appendEscape(byte, to: &out) }
            return true
        }
        return String(decoding: out ?? [], as: UTF8.self)
    }

    /// Decodes `%XY` escapes to bytes; other bytes (including `+`) are kept as they are.
    ///
    /// - Parameter text: Percent-encoded text.
    /// - Returns: The decoded bytes; a malformed escape is kept literally.
    package static func decode(_ text: String) -> [UInt8] {
        decode(text, plusAsSpace: false, strict: false) ?? []
    }

    /// Decodes `%XY` escapes (RFC 3986 section 2.1), refusing a `%` not followed by two hex digits.
    ///
    /// - Parameters:
    ///   - text: Percent-encoded text.
    ///   - plusAsSpace: Decode `+` as a space, as `application/x-www-form-urlencoded` does (WHATWG
    ///     URL Standard, section 5.1; S3 event keys); otherwise `+` stays `+`.
    /// - Returns: The decoded bytes, or nil for a malformed escape.
    package static func decodeStrictly(_ text: String, plusAsSpace: Bool) -> [UInt8]? {
        decode(text, plusAsSpace: plusAsSpace, strict: true)
    }

    /// Encodes `bytes` as `application/x-www-form-urlencoded` does (WHATWG URL Standard, section
    /// 5.2, "urlencoded byte serializer"; Java's `URLEncoder`): `A-Z a-z 0-9 * - . _` kept, space
    /// as `+`, every other byte `%XY` (so `~` is `%7E`). This is how S3 writes object keys into
    /// event notifications (S3 User Guide, "Event message structure": "The object key name value
    /// is URL encoded. For example, "red flower.jpg" becomes "red+flower.jpg"", with `/` kept).
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - keepingSlash: Whether `/` stays literal (S3 event keys) or becomes `%2F`.
    /// - Returns: ASCII text with upper-case hex escapes.
    package static func encodeForm(_ bytes: some Sequence<UInt8>, keepingSlash: Bool) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.append(byte)
            case UInt8(ascii: "/") where keepingSlash:
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                appendEscape(byte, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decode(_ text: String, plusAsSpace: Bool, strict: Bool) -> [UInt8]? {
        walk(text, escaped: { $1.append($0) }) { byte, out in
            if strict, byte == UInt8(ascii: "%") { return false }
            out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            return true
        }
    }

    /// Walks the UTF-8 bytes of `text`: each well-formed `%XY` escape goes to `escaped` as its
    /// byte, every other byte to `literal`, which returns false to stop (the result is then nil).
    private static func walk(
        _ text: String, escaped: (UInt8, inout [UInt8]) -> Void,
        literal: (UInt8, inout [UInt8]) -> Bool
    ) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let value = escapedByte(bytes, at: index) {
                escaped(value, &out)
                index += 3
                continue
            }
            guard literal(bytes[index], &out) else { return nil }
            index += 1
        }
        return out
    }

    /// The byte of the `%XY` escape starting at `index`, or nil when there is none there.
    private static func escapedByte(_ bytes: [UInt8], at index: Int) -> UInt8? {
        guard bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
            let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
        else { return nil }
        return high << 4 | low
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(upperHexDigits[Int(byte >> 4)])
        out.append(upperHexDigits[Int(byte & 0x0F)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
