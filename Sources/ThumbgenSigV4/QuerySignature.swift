/// The result of presigning a request (query-string authentication): every SigV4 stage.
package struct QuerySignature: Sendable {
    /// Step 1: the canonical request (its query includes the `X-Amz-*` parameters).
    package var canonicalRequest: CanonicalRequest
    /// Step 2: the string to sign.
    package var stringToSign: StringToSign
    /// Step 3: the signature, 64 lower-case hex digits.
    package var signature: String
    /// Raw (not yet encoded) query parameters to append to the request's own:
    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-Security-Token` (when signed), `X-Amz-SignedHeaders`, `X-Amz-Signature`.
    package var query: [(name: String, value: String)]
}
