/// Step 2 of SigV4: the string to sign, and the credential scope it names.
///
/// Source: AWS IAM User Guide, "Create a string to sign":
/// ```
/// AWS4-HMAC-SHA256\n<RequestDateTime>\n<CredentialScope>\n<HashedCanonicalRequest>
/// ```
/// with `CredentialScope` = `yyyyMMdd/<region>/<service>/aws4_request`.
package struct StringToSign: Sendable, Hashable {
    /// The first line: `AWS4-HMAC-SHA256` (or `AWS4-HMAC-SHA256-PAYLOAD` for S3 chunks).
    package var algorithm: String
    /// The signing time, `yyyyMMdd'T'HHmmss'Z'`.
    package var timestamp: String
    /// The credential scope, `yyyyMMdd/region/service/aws4_request`.
    package var scope: String
    /// The lines after the scope; for a request, the hex SHA-256 of the canonical request.
    package var hashes: [String]

    /// The string to sign for a canonical request.
    ///
    /// - Parameters:
    ///   - canonicalRequest: The canonical request (step 1).
    ///   - date: The signing time.
    ///   - region: The region, e.g. `us-east-1`.
    ///   - service: The signing name of the service, e.g. `s3`, `logs`.
    package init(canonicalRequest: CanonicalRequest, date: AWSDate, region: String, service: String) {
        self.algorithm = SigV4Names.algorithm
        self.timestamp = date.timestamp
        self.scope = Self.scope(date: date, region: region, service: service)
        self.hashes = [canonicalRequest.hash]
    }

    /// A string to sign from its parts (used for aws-chunked chunk signatures).
    ///
    /// - Parameters:
    ///   - algorithm: The first line.
    ///   - timestamp: `yyyyMMdd'T'HHmmss'Z'`.
    ///   - scope: The credential scope.
    ///   - hashes: The remaining lines, in order.
    package init(algorithm: String, timestamp: String, scope: String, hashes: [String]) {
        self.algorithm = algorithm
        self.timestamp = timestamp
        self.scope = scope
        self.hashes = hashes
    }

    /// The text to HMAC: the lines joined by `\n`, no trailing newline.
    package var text: String {
        ([algorithm, timestamp, scope] + hashes).joined(separator: "\n")
    }

    /// The credential scope `yyyyMMdd/region/service/aws4_request`.
    ///
    /// - Parameters:
    ///   - date: The signing time (its UTC date is used).
    ///   - region: The region.
    ///   - service: The service signing name.
    /// - Returns: e.g. `20130524/us-east-1/s3/aws4_request`.
    package static func scope(date: AWSDate, region: String, service: String) -> String {
        "\(date.datestamp)/\(region)/\(service)/\(SigV4Names.scopeTerminator)"
    }
}
