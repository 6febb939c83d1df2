import Crypto
import FoundationEssentials

/// Step 3 of SigV4: the derived signing key, and the signature it makes.
///
/// Source: AWS IAM User Guide, "Calculate the signature":
/// `kDate = HMAC("AWS4" + secret, yyyyMMdd)`, `kRegion = HMAC(kDate, region)`,
/// `kService = HMAC(kRegion, service)`, `kSigning = HMAC(kService, "aws4_request")`,
/// `signature = Hex(HMAC(kSigning, stringToSign))`, all HMAC-SHA256.
/// The key is valid for one date, region and service; its description hides it.
package struct SigningKey: Sendable {
    /// The 32 bytes of `kSigning`.
    let key: SymmetricKey

    /// Derives `kSigning` from a secret access key and the credential scope's parts.
    ///
    /// - Parameters:
    ///   - secretAccessKey: The secret access key.
    ///   - date: The signing time (its UTC `yyyyMMdd` is used).
    ///   - region: The region, e.g. `us-east-1`.
    ///   - service: The service signing name, e.g. `s3`.
    package init(secretAccessKey: String, date: AWSDate, region: String, service: String) {
        let kSecret = Array((SigV4Names.secretKeyPrefix + secretAccessKey).utf8)
        let kDate = Self.hmac(key: kSecret, date.datestamp)
        let kRegion = Self.hmac(key: kDate, region)
        let kService = Self.hmac(key: kRegion, service)
        self.key = SymmetricKey(data: Self.hmac(key: kService, SigV4Names.scopeTerminator))
    }

    /// Lower-case hex of `kSigning` (64 digits), for checking the derivation against
    /// published values. It is a secret for one day: never log it.
    package var hexBytes: String {
        key.withUnsafeBytes { PayloadHash.hex($0) }
    }

    /// The signature of a string to sign: lower-case hex HMAC-SHA256 (64 digits).
    ///
    /// - Parameter stringToSign: The string to sign (step 2).
    /// - Returns: 64 lower-case hex digits.
    package func signature(for stringToSign: StringToSign) -> String {
        signature(of: stringToSign.text)
    }

    /// The signature of arbitrary text: lower-case hex HMAC-SHA256 (64 digits).
    ///
    /// - Parameter text: The text to sign.
    /// - Returns: 64 lower-case hex digits.
    package func signature(of text: String) -> String {
        PayloadHash.hex(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
    }

    private static func hmac(key: [UInt8], _ message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }
}

extension SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SigningKey(<redacted>)`: the key bytes are never printed.
    package var description: String { "SigningKey(<redacted>)" }
    /// The same text as `description`.
    package var debugDescription: String { description }
    /// A mirror without children, so `dump` cannot reveal the key bytes.
    package var customMirror: Mirror { Mirror(self, children: [:]) }
}
