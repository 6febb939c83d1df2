/// General HTTP header names the transport itself must know (RFC 9110), plus the AWS
/// secret-bearing names it redacts. Sample request head as libcurl sends it for S3:
/// ```
/// PUT /bucket/cat.jpg HTTP/1.1
/// Host: 127.0.0.1:8333
/// Content-Type: image/jpeg
/// Content-Length: 5
/// Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, ...
/// ```
package enum HTTPHeaderName {
    /// `Host` (RFC 9110 section 7.2), lower case as SigV4 signs it.
    package static let host = "host"
    /// `Content-Type` (RFC 9110 section 8.3).
    package static let contentType = "Content-Type"
    /// `Content-Length` (RFC 9110 section 8.6), in bytes.
    package static let contentLength = "Content-Length"
    /// `Transfer-Encoding` (RFC 9112 section 6.1), e.g. `chunked`.
    package static let transferEncoding = "Transfer-Encoding"
    /// `Connection` (RFC 9110 section 7.6.1); `close` ends the connection after the response.
    package static let connection = "Connection"
    /// `Date` (RFC 9110 section 6.6.1), an IMF-fixdate.
    package static let date = "Date"
    /// `Expect` (RFC 9110 section 10.1.1); libcurl adds `100-continue` to uploads unless blanked.
    package static let expect = "Expect"
    /// `Authorization` (RFC 9110 section 11.6.2): secret, always redacted.
    package static let authorization = "Authorization"
    /// `Proxy-Authorization` (RFC 9110 section 11.7.2): secret, always redacted.
    package static let proxyAuthorization = "Proxy-Authorization"
    /// `X-Amz-Security-Token` (AWS temporary credentials): secret, always redacted.
    package static let amzSecurityToken = "X-Amz-Security-Token"
    /// `X-Amz-Signature`, the presigned-URL query parameter: secret, always redacted.
    package static let amzSignatureQuery = "X-Amz-Signature"
}
