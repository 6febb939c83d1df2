extension SigV4Signer {
    /// The per-service differences in SigV4.
    ///
    /// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
    /// (normalize the path and URI-encode each segment twice, "except for Amazon S3 which
    /// only gets URI-encoded once"), and S3 API Reference, "Signature Calculations for the
    /// Authorization Header: Transferring Payload in a Single Chunk (AWS Signature Version
    /// 4)" (no normalization; `x-amz-content-sha256` required on every request).
    package struct Options: Sendable, Hashable {
        /// Remove `.`/`..` segments and collapse `//` in the canonical URI (not for S3).
        package var normalizePath: Bool
        /// Encode the wire path again in the canonical URI, `%` → `%25` (not for S3).
        package var doubleEncodePath: Bool
        /// Add and sign `X-Amz-Content-SHA256: <payloadHash>` when signing headers (S3).
        package var signedPayloadHeader: Bool
        /// Include the session token in what is signed (the usual case). When `false`,
        /// `X-Amz-Security-Token` is still returned but added after signing, for services
        /// that want it so (AWS test suite `post-sts-token/post-sts-header-after`).
        package var signSessionToken: Bool

        /// Options from their parts.
        ///
        /// - Parameters:
        ///   - normalizePath: Normalize the path (non-S3 services).
        ///   - doubleEncodePath: Encode the wire path a second time (non-S3 services).
        ///   - signedPayloadHeader: Add and sign `X-Amz-Content-SHA256` (S3).
        ///   - signSessionToken: Sign `X-Amz-Security-Token` (default `true`).
        package init(normalizePath: Bool, doubleEncodePath: Bool, signedPayloadHeader: Bool, signSessionToken: Bool = true) {
            self.normalizePath = normalizePath
            self.doubleEncodePath = doubleEncodePath
            self.signedPayloadHeader = signedPayloadHeader
            self.signSessionToken = signSessionToken
        }

        /// Every service but S3 (CloudWatch Logs, STS, Lambda, …): normalize and
        /// double-encode the path; no payload header.
        package static let standard = Options(normalizePath: true, doubleEncodePath: true, signedPayloadHeader: false)

        /// Amazon S3: path as encoded once on the wire, not normalized; sign
        /// `X-Amz-Content-SHA256`.
        package static let s3 = Options(normalizePath: false, doubleEncodePath: false, signedPayloadHeader: true)

        /// `.s3` for the service signing name `s3`, `.standard` for any other.
        ///
        /// - Parameter service: The service signing name.
        /// - Returns: The options that service expects.
        package static func forService(_ service: String) -> Options {
            service == "s3" ? .s3 : .standard
        }
    }
}
