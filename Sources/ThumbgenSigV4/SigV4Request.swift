import FoundationEssentials

/// The parts of an HTTP request that SigV4 signs.
///
/// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
/// (HTTP method, canonical URI, canonical query string, canonical headers, signed headers,
/// payload hash).
package struct SigV4Request: Sendable {
    /// The HTTP method, upper case: `GET`, `PUT`, `POST`, `HEAD`, `DELETE`.
    package var method: String
    /// The path exactly as it goes on the wire, already URI-encoded (for S3: each key byte
    /// outside the unreserved set as `%XX`, `/` kept; see `PercentEncoding.encodePath(_:)`).
    /// An empty path is signed as `/`.
    package var encodedPath: String
    /// Query parameters, raw (not encoded); order does not matter; repeated names are
    /// allowed; a parameter without a value has `""` and is signed as `name=`.
    package var query: [(name: String, value: String)]
    /// Headers to sign, including `host` (with `:port` when not the scheme's default).
    /// Names in any case; repeated names are joined with commas in the order given.
    /// `Authorization` and `X-Amz-Date` given here are ignored: the signer supplies them.
    package var headers: [(name: String, value: String)]
    /// Lower-case hex SHA-256 of the body (64 characters, see `PayloadHash.sha256Hex(_:)`),
    /// or `UNSIGNED-PAYLOAD` / `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` (S3 only).
    package var payloadHash: String

    /// Creates a request to sign.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - encodedPath: The URI-encoded path as sent on the wire.
    ///   - query: Raw (decoded) query parameters; `""` for a parameter without a value.
    ///   - headers: Headers to sign, including `host`.
    ///   - payloadHash: Hex SHA-256 of the body, or one of the S3 payload markers.
    package init(
        method: String, encodedPath: String, query: [(name: String, value: String)],
        headers: [(name: String, value: String)], payloadHash: String
    ) {
        self.method = method
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
