import FoundationEssentials

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
///
/// Pure: no clock, no environment, no I/O; the signing time is passed in.
/// Sources: AWS IAM User Guide, "Create a canonical request for Signature Version 4",
/// "Create a string to sign", "Calculate the signature", "Authentication methods"
/// (the `Authorization` header); for S3, S3 API Reference, "Signature Calculations for the Authorization
/// Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)" and
/// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)".
package struct SigV4Signer: Sendable {
    /// The credentials that sign.
    package var credentials: AWSCredentials
    /// The region, e.g. `us-east-1`.
    package var region: String
    /// The service signing name, e.g. `s3`, `logs`.
    package var service: String
    /// Path handling and S3 specifics; see `Options`.
    package var options: Options

    /// A signer for one region and service.
    ///
    /// - Parameters:
    ///   - credentials: The credentials that sign.
    ///   - region: The region, e.g. `us-east-1`.
    ///   - service: The service signing name, e.g. `s3`, `logs`.
    ///   - options: Per-service rules; `nil` (the default) picks `Options.forService(service)`.
    package init(credentials: AWSCredentials, region: String, service: String, options: Options? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options ?? Options.forService(service)
    }

    /// Headers to add to `request` so that it is signed at `date`: `X-Amz-Date`,
    /// `X-Amz-Security-Token` (with a session token), `X-Amz-Content-SHA256` (S3), and
    /// `Authorization`, in that order. Headers of those names already in `request` are
    /// replaced, not signed twice (so a retried request can be signed again).
    ///
    /// - Parameters:
    ///   - request: The request; all its headers are signed.
    ///   - date: The signing time (whole seconds, UTC).
    /// - Returns: The headers to add, names as in `SigV4Names`.
    package func signatureHeaders(for request: SigV4Request, date: Date) -> [(name: String, value: String)] {
        sign(request, date: date).headers
    }

    /// Signs `request` with the `Authorization` header and returns every stage, for tests
    /// and for diagnosing S3's `SignatureDoesNotMatch` (which echoes the canonical request).
    ///
    /// - Parameters:
    ///   - request: The request; all its headers are signed.
    ///   - date: The signing time (whole seconds, UTC).
    /// - Returns: Canonical request, string to sign, signature and the headers to add.
    package func sign(_ request: SigV4Request, date: Date) -> HeaderSignature {
        let awsDate = AWSDate(date)
        let token = credentials.sessionToken
        var replaced: Set<String> = [SigV4Names.authorizationHeader.lowercased(), SigV4Names.dateHeader.lowercased()]
        if token != nil { replaced.insert(SigV4Names.securityTokenHeader.lowercased()) }
        if options.signedPayloadHeader { replaced.insert(SigV4Names.contentSHA256Header.lowercased()) }

        var added: [(name: String, value: String)] = [(SigV4Names.dateHeader, awsDate.timestamp)]
        if let token, options.signSessionToken { added.append((SigV4Names.securityTokenHeader, token)) }
        if options.signedPayloadHeader { added.append((SigV4Names.contentSHA256Header, request.payloadHash)) }

        var signed = request
        signed.headers = request.headers.filter { !replaced.contains($0.name.lowercased()) } + added
        let canonical = CanonicalRequest(request: signed, options: options)
        let stringToSign = StringToSign(canonicalRequest: canonical, date: awsDate, region: region, service: service)
        let signature = signingKey(for: awsDate).signature(for: stringToSign)
        let authorization =
            SigV4Names.algorithm
            + " Credential=\(credentials.accessKeyID)/\(stringToSign.scope)"
            + ", SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"

        var headers = added
        if let token, !options.signSessionToken { headers.append((SigV4Names.securityTokenHeader, token)) }
        headers.append((SigV4Names.authorizationHeader, authorization))
        return HeaderSignature(canonicalRequest: canonical, stringToSign: stringToSign, signature: signature, headers: headers)
    }

    /// The signing key (`kSigning`) of this signer's secret, region and service on the
    /// UTC date of `date`; reusable for every request of that day (and for aws-chunked
    /// chunk signatures).
    ///
    /// - Parameter date: Any time on the day.
    /// - Returns: The derived key.
    package func signingKey(for date: AWSDate) -> SigningKey {
        SigningKey(secretAccessKey: credentials.secretAccessKey, date: date, region: region, service: service)
    }
}
