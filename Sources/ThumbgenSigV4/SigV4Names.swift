/// The protocol strings of Signature Version 4: header names, query parameter names,
/// the algorithm name and the S3 payload markers, each written once here.
///
/// Samples (S3 API Reference worked examples; AWS IAM User Guide, "Authentication methods"):
/// `Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb8…`
/// and `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bb…`.
package enum SigV4Names {
    /// `AWS4-HMAC-SHA256`: the algorithm, first line of the string to sign.
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// `AWS4-HMAC-SHA256-PAYLOAD`: first line of an aws-chunked chunk's string to sign.
    package static let chunkAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD"
    /// `aws4_request`: the terminator of the credential scope.
    package static let scopeTerminator = "aws4_request"
    /// `AWS4`: prefixed to the secret access key to form the first HMAC key.
    package static let secretKeyPrefix = "AWS4"

    /// `Authorization`: carries the header signature.
    package static let authorizationHeader = "Authorization"
    /// `X-Amz-Date`: the signing time, `yyyyMMdd'T'HHmmss'Z'`.
    package static let dateHeader = "X-Amz-Date"
    /// `X-Amz-Security-Token`: the session token of temporary credentials.
    package static let securityTokenHeader = "X-Amz-Security-Token"
    /// `X-Amz-Content-SHA256`: the payload hash, required by S3.
    package static let contentSHA256Header = "X-Amz-Content-SHA256"

    /// `X-Amz-Algorithm` query parameter of a presigned URL.
    package static let algorithmQuery = "X-Amz-Algorithm"
    /// `X-Amz-Credential` query parameter: `AKID/yyyyMMdd/region/service/aws4_request`.
    package static let credentialQuery = "X-Amz-Credential"
    /// `X-Amz-Date` query parameter.
    package static let dateQuery = "X-Amz-Date"
    /// `X-Amz-Expires` query parameter: validity in seconds.
    package static let expiresQuery = "X-Amz-Expires"
    /// `X-Amz-SignedHeaders` query parameter: `host` or `host;range`, ….
    package static let signedHeadersQuery = "X-Amz-SignedHeaders"
    /// `X-Amz-Security-Token` query parameter.
    package static let securityTokenQuery = "X-Amz-Security-Token"
    /// `X-Amz-Signature` query parameter: 64 hex digits.
    package static let signatureQuery = "X-Amz-Signature"

    /// `UNSIGNED-PAYLOAD`: payload hash of S3 presigned URLs and unsigned-body requests.
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: payload hash of an S3 aws-chunked upload.
    package static let streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
}
