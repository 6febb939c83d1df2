import ThumbgenHTTP
import ThumbgenSigV4

/// S3 HTTP header names, as S3 documents them. The only place these names are spelled.
///
/// A real PutObject exchange (S3 API Reference, "PutObject"):
/// ```
/// PUT /photos/cat.jpg HTTP/1.1
/// Host: my-bucket.s3.eu-west-1.amazonaws.com
/// Content-Type: image/jpeg
/// Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==
/// x-amz-checksum-sha256: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
/// x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
///
/// HTTP/1.1 200 OK
/// x-amz-request-id: 0A49CE4060975EAC
/// ETag: "d41d8cd98f00b204e9800998ecf8427e"
/// ```
package enum S3Header {
    /// `Host`, signed by SigV4 (written lower case, as SigV4 canonicalises it).
    package static let host = HTTPHeaderName.host
    /// `Content-Type`: the object's media type, stored with it (`image/jpeg`).
    package static let contentType = HTTPHeaderName.contentType
    /// `Content-Length`: body size in bytes.
    package static let contentLength = HTTPHeaderName.contentLength
    /// `Content-MD5`: base64 of the body's 128-bit MD5; S3 rejects a mismatch with `BadDigest` (RFC 1864).
    package static let contentMD5 = "Content-MD5"
    /// `Cache-Control`: stored with the object and sent back on GET, e.g. `public, max-age=86400`.
    package static let cacheControl = "Cache-Control"
    /// `ETag`: the object's entity tag, quoted (`"d41d8cd98f00b204e9800998ecf8427e"`).
    package static let eTag = "ETag"
    /// `Last-Modified`: IMF-fixdate (`Wed, 12 Oct 2009 17:50:00 GMT`).
    package static let lastModified = "Last-Modified"
    /// `Date`: the server's clock as IMF-fixdate; used to correct clock skew.
    package static let date = HTTPHeaderName.date
    /// `x-amz-content-sha256`: lower-case hex SHA-256 of the payload (or `UNSIGNED-PAYLOAD`).
    package static let contentSHA256 = SigV4Names.contentSHA256Header
    /// `x-amz-checksum-sha256`: base64 of the payload's SHA-256; S3 verifies it (`BadDigest` on mismatch).
    package static let checksumSHA256 = "x-amz-checksum-sha256"
    /// `x-amz-request-id`: the request id to quote to AWS support (`0A49CE4060975EAC`).
    package static let requestID = "x-amz-request-id"
    /// `x-amz-bucket-region`: the bucket's region, sent with `PermanentRedirect` and HEAD bucket (`eu-west-1`).
    package static let bucketRegion = "x-amz-bucket-region"
    /// `x-amz-meta-`: the prefix of user-defined metadata, stored with the object and sent back
    /// on GET and HEAD (`x-amz-meta-thumbgen-thumbnails: 256/auto/80`). S3 keeps names lower case;
    /// all user metadata together is at most 2 KB (S3 User Guide, "Working with object metadata").
    package static let metadataPrefix = "x-amz-meta-"
}

/// S3 query parameter names and fixed values.
///
/// A real ListObjectsV2 request (S3 API Reference, "ListObjectsV2"):
/// `GET /?list-type=2&prefix=photos%2F&max-keys=2&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2FwmLXw%3D%3D`;
/// a real multipart upload: `POST /photos/big.jpg?uploads`, then
/// `PUT /photos/big.jpg?partNumber=1&uploadId=VXBsb2FkIElE`, then `POST /photos/big.jpg?uploadId=VXBsb2FkIElE`.
package enum S3Query {
    /// `list-type`; its value `2` selects ListObjectsV2.
    package static let listType = "list-type"
    /// `prefix`: only keys starting with it.
    package static let prefix = "prefix"
    /// `max-keys`: page size (S3 caps it at 1000).
    package static let maxKeys = "max-keys"
    /// `continuation-token`: the previous page's `NextContinuationToken`.
    package static let continuationToken = "continuation-token"
    /// `uploads`: with POST starts a multipart upload; with GET on a bucket lists them.
    package static let uploads = "uploads"
    /// `uploadId`: names one multipart upload.
    package static let uploadID = "uploadId"
    /// `partNumber`: 1...10000.
    package static let partNumber = "partNumber"
    /// `versioning`: with PUT on a bucket, PutBucketVersioning.
    package static let versioning = "versioning"
    /// `versions`: with GET on a bucket, ListObjectVersions.
    package static let versions = "versions"
    /// `key-marker`: ListObjectVersions resumes after this key (the previous page's `NextKeyMarker`).
    package static let keyMarker = "key-marker"
    /// `version-id-marker`: with `key-marker`, the version to resume after (`NextVersionIdMarker`).
    package static let versionIDMarker = "version-id-marker"
    /// `delete`: with POST on a bucket, DeleteObjects.
    package static let delete = "delete"
}
