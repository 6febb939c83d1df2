import ThumbgenBasics

/// Step 1 of SigV4: the canonical request, and its hash.
///
/// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4":
/// ```
/// <HTTPMethod>\n<CanonicalURI>\n<CanonicalQueryString>\n<CanonicalHeaders>\n<SignedHeaders>\n<HashedPayload>
/// ```
/// where each canonical header line ends with `\n`. For S3: S3 API Reference, "Signature
/// Calculations for the Authorization Header: Transferring Payload in a Single Chunk (AWS
/// Signature Version 4)" (path encoded once, not normalized).
package struct CanonicalRequest: Sendable, Hashable {
    /// The HTTP method, as given.
    package var method: String
    /// The canonical URI: the path normalized and re-encoded as `options` say.
    package var uri: String
    /// The canonical query string: encoded `name=value` pairs sorted, joined by `&`.
    package var query: String
    /// The canonical headers: `name:value\n` per header, sorted by lower-case name.
    package var headers: String
    /// The signed headers: lower-case names, sorted, joined by `;`.
    package var signedHeaders: String
    /// The payload hash line, as given.
    package var payloadHash: String

    /// Builds the canonical request of `request`.
    ///
    /// - Parameters:
    ///   - request: The request; every header in it is signed.
    ///   - options: Path normalization and encoding (see `SigV4Signer.Options`).
    package init(request: SigV4Request, options: SigV4Signer.Options) {
        self.method = request.method
        self.uri = Self.canonicalURI(request.encodedPath, options: options)
        self.query = Self.canonicalQuery(request.query)
        let headers = Self.canonicalHeaders(request.headers)
        self.headers = headers.map { "\($0.name):\($0.value)\n" }.joined()
        self.signedHeaders = headers.map(\.name).joined(separator: ";")
        self.payloadHash = request.payloadHash
    }

    /// The canonical request text (LF line ends, no trailing newline).
    package var text: String {
        [method, uri, query, headers, signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// Lower-case hex SHA-256 of `text`: the last line of the string to sign.
    package var hash: String { PayloadHash.sha256Hex(text) }

    /// The canonical URI of a wire path.
    ///
    /// Non-S3 services: normalized (`PathNormalization`), then every byte outside the
    /// unreserved set and `/` encoded again, so `%20` on the wire becomes `%2520`
    /// ("each path segment must be URI-encoded twice"). S3: not normalized, encoded once
    /// (`PercentEncoding.canonicalizeEncodedPath`). An empty path is `/`.
    ///
    /// - Parameters:
    ///   - encodedPath: The path as sent on the wire.
    ///   - options: Which of normalization and double encoding apply.
    /// - Returns: The canonical URI, starting with `/`.
    package static func canonicalURI(_ encodedPath: String, options: SigV4Signer.Options) -> String {
        var path = encodedPath.hasPrefix("/") ? encodedPath : "/" + encodedPath
        if options.normalizePath { path = PathNormalization.normalize(path) }
        return options.doubleEncodePath
            ? PercentEncoding.encodePath(path)
            : PercentEncoding.canonicalizeEncodedPath(path)
    }

    /// The canonical query string: each name and value URI-encoded (`/` too), pairs sorted
    /// by encoded name and then encoded value (byte order), `name=value` joined by `&`;
    /// a parameter without a value is `name=`. Also the query string to send on the wire.
    ///
    /// - Parameter query: Raw (decoded) parameters in any order; names may repeat.
    /// - Returns: The canonical query string, `""` when there are no parameters.
    package static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query
            .map { (name: PercentEncoding.encode($0.name), value: PercentEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }
}
