import FoundationEssentials

extension SigV4Signer {
    /// Query parameters to append to `request` for a presigned URL valid `expires` seconds
    /// from `date` (`X-Amz-Algorithm` … `X-Amz-Signature`), raw: encode them with
    /// `PercentEncoding.encode(_:)` (or build the whole query with
    /// `CanonicalRequest.canonicalQuery(_:)`).
    ///
    /// - Parameters:
    ///   - request: The request; all its headers (at least `host`) are signed. For S3 pass
    ///     `payloadHash: SigV4Names.unsignedPayload`.
    ///   - date: The signing time (whole seconds, UTC).
    ///   - expires: Validity in seconds; S3 accepts 1 to 604800 (7 days) and rejects
    ///     other values when the URL is used.
    /// - Returns: The parameters to append, `X-Amz-Signature` last but for an unsigned token.
    package func presignedQuery(for request: SigV4Request, date: Date, expires: Int) -> [(name: String, value: String)] {
        presign(request, date: date, expires: expires).query
    }

    /// Presigns `request` and returns every stage.
    ///
    /// Source: S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS
    /// Signature Version 4)": the canonical query includes every `X-Amz-*` parameter but
    /// `X-Amz-Signature`; `X-Amz-Credential` is `<access key>/<scope>`; the signed headers
    /// are those of the request; the payload line is the request's `payloadHash`.
    ///
    /// - Parameters:
    ///   - request: The request; all its headers are signed.
    ///   - date: The signing time (whole seconds, UTC).
    ///   - expires: Validity in seconds.
    /// - Returns: Canonical request, string to sign, signature and the parameters to append.
    package func presign(_ request: SigV4Request, date: Date, expires: Int) -> QuerySignature {
        let awsDate = AWSDate(date)
        let scope = StringToSign.scope(date: awsDate, region: region, service: service)
        let dropped: Set<String> = [SigV4Names.authorizationHeader.lowercased(), SigV4Names.dateHeader.lowercased()]
        let headers = request.headers.filter { !dropped.contains($0.name.lowercased()) }
        let signedHeaders = CanonicalRequest.canonicalHeaders(headers).map(\.name).joined(separator: ";")

        var added: [(name: String, value: String)] = [
            (SigV4Names.algorithmQuery, SigV4Names.algorithm),
            (SigV4Names.credentialQuery, "\(credentials.accessKeyID)/\(scope)"),
            (SigV4Names.dateQuery, awsDate.timestamp),
            (SigV4Names.expiresQuery, String(expires)),
        ]
        let token = credentials.sessionToken
        if let token, options.signSessionToken { added.append((SigV4Names.securityTokenQuery, token)) }
        added.append((SigV4Names.signedHeadersQuery, signedHeaders))

        var signed = request
        signed.headers = headers
        signed.query = request.query + added
        let canonical = CanonicalRequest(request: signed, options: options)
        let stringToSign = StringToSign(canonicalRequest: canonical, date: awsDate, region: region, service: service)
        let signature = signingKey(for: awsDate).signature(for: stringToSign)

        var query = added
        query.append((SigV4Names.signatureQuery, signature))
        if let token, !options.signSessionToken { query.append((SigV4Names.securityTokenQuery, token)) }
        return QuerySignature(canonicalRequest: canonical, stringToSign: stringToSign, signature: signature, query: query)
    }
}
