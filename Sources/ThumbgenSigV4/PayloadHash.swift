import Crypto
import FoundationEssentials

/// Payload hashes for `SigV4Request.payloadHash` and lower-case hex output of digests.
///
/// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
/// (`HashedPayload` = `Lowercase(HexEncode(Hash(requestPayload)))`, SHA-256).
package enum PayloadHash {
    /// Hex SHA-256 of the empty body:
    /// `e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`.
    package static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The lower-case hex SHA-256 of `bytes` (64 characters).
    ///
    /// - Parameter bytes: The request body, or any bytes.
    /// - Returns: 64 lower-case hex digits.
    package static func sha256Hex(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    ///
    /// - Parameter text: Text to hash (e.g. a canonical request).
    /// - Returns: 64 lower-case hex digits.
    package static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    private static let lowerHexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`, two digits per byte.
    ///
    /// - Parameter bytes: Any bytes (a digest, an HMAC).
    /// - Returns: `2 × count` lower-case hex digits.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(lowerHexDigits[Int(byte >> 4)])
            out.append(lowerHexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
