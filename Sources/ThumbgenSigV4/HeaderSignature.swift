/// The result of signing a request with the `Authorization` header: every SigV4 stage.
package struct HeaderSignature: Sendable {
    /// Step 1: the canonical request.
    package var canonicalRequest: CanonicalRequest
    /// Step 2: the string to sign.
    package var stringToSign: StringToSign
    /// Step 3: the signature, 64 lower-case hex digits.
    package var signature: String
    /// Headers to add to the request, `Authorization` last.
    package var headers: [(name: String, value: String)]

    /// The `Authorization` header's value
    /// (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`).
    package var authorization: String {
        headers.last { $0.name == SigV4Names.authorizationHeader }?.value ?? ""
    }
}
