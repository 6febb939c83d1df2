import FoundationEssentials
import ThumbgenBasics
import ThumbgenHTTP
import ThumbgenSigV4

/// An S3 client: PutObject (single or multipart, with checksums), GetObject to a file,
/// HeadObject, ListObjectsV2, DeleteObject, presigned URLs. Bucket-agnostic; create one
/// per process and share it between threads.
///
/// Addressing (S3 User Guide, "Virtual hosting of buckets"): with the public AWS endpoint,
/// virtual-hosted style `https://BUCKET.s3.REGION.amazonaws.com/KEY` (path style for bucket
/// names with dots, which the wildcard TLS certificate cannot cover); with a custom
/// endpoint (SeaweedFS, MinIO, LocalStack), path style `ENDPOINT/BUCKET/KEY`.
package final class S3Client: Sendable {
    /// Signs, sends, retries.
    package let sender: AWSRequestSender
    /// The region requests are signed for.
    package var region: String { sender.region }
    /// The custom endpoint (scheme and authority), nil for AWS itself.
    package let endpointURL: String?
    /// Multipart threshold, part size and concurrency.
    package let multipart: S3MultipartSettings

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - credentials: The key pair (and session token).
    ///   - region: The bucket region, e.g. `eu-west-1`.
    ///   - endpointURL: A custom endpoint such as `http://127.0.0.1:8333`, or nil for AWS.
    ///   - http: The transport (normally a shared ``CurlHTTPClient``).
    ///   - retryPolicy: Attempts and backoff.
    ///   - clock: Time, sleep and randomness.
    ///   - multipart: Multipart settings.
    package init(
        credentials: AWSCredentials, region: String, endpointURL: String?, http: any HTTPClient,
        retryPolicy: AWSRetryPolicy = .standard, clock: AWSClock = .system,
        multipart: S3MultipartSettings = S3MultipartSettings()
    ) {
        self.sender = AWSRequestSender(
            http: http, credentials: credentials, region: region, service: .s3,
            retryPolicy: retryPolicy, clock: clock)
        self.endpointURL = endpointURL.map(Self.normalise(endpoint:))
        self.multipart = multipart
    }

    /// Creates a client from a resolved configuration.
    ///
    /// - Parameters:
    ///   - configuration: Resolved for service ``AWSServiceID/s3``.
    ///   - http: The transport.
    package convenience init(configuration: AWSConfiguration, http: any HTTPClient) {
        self.init(
            credentials: configuration.credentials, region: configuration.region,
            endpointURL: configuration.endpointURL, http: http)
    }

    /// The endpoint and encoded path for `bucket` (and `key`).
    ///
    /// - Returns: e.g. (`http://127.0.0.1:8333`, `/photos/my%20cat.jpg`) path style, or
    ///   (`https://photos.s3.eu-west-1.amazonaws.com`, `/my%20cat.jpg`) virtual-hosted.
    func location(bucket: String, key: String?) -> (endpoint: String, path: String) {
        let keyPath = key.map(S3KeyEncoding.path(forKey:))
        if endpointURL == nil && Self.isVirtualHostable(bucket) {
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return ("https://\(bucket).s3.\(region).\(suffix)", keyPath ?? "/")
        }
        let base = endpointURL ?? AWSServiceID.s3.defaultEndpoint(region: region)
        let bucketPath = "/" + PercentEncoding.encode(bucket)
        return (base, bucketPath + (keyPath ?? ""))
    }

    /// A request about `bucket`/`key`, with the subject `s3://bucket/key` for messages.
    func request(
        _ method: String, bucket: String, key: String?, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = []
    ) -> AWSRequest {
        let (endpoint, path) = location(bucket: bucket, key: key)
        return AWSRequest(
            method: method, endpoint: endpoint, encodedPath: path, query: query, headers: headers,
            subject: key.map { "s3://\(bucket)/\($0)" } ?? "s3://\(bucket)")
    }

    /// Sends `request`, decoding S3 errors.
    func send(_ request: AWSRequest, isObject: Bool) throws(AWSError) -> HTTPResponse {
        try sender.send(request) { response, request in
            S3ErrorDecoder.error(from: response, request: request, isObject: isObject)
        }
    }

    /// Throws `.invalidArgument` for an empty bucket or key.
    func validate(bucket: String, key: String?) throws(AWSError) {
        if bucket.isEmpty { throw AWSError(code: .invalidArgument, message: "S3 bucket name is empty") }
        if let key, key.isEmpty { throw AWSError(code: .invalidArgument, message: "S3 key is empty for bucket \(bucket)") }
    }

    /// DNS-compatible bucket names without dots (S3 User Guide, "Bucket naming rules").
    static func isVirtualHostable(_ bucket: String) -> Bool {
        (3...63).contains(bucket.utf8.count)
            && bucket.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            && bucket.utf8.first != 0x2D && bucket.utf8.last != 0x2D
    }

    /// Removes a trailing `/` and the scheme's default port.
    static func normalise(endpoint: String) -> String {
        var url = endpoint
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasPrefix("https://") && url.hasSuffix(":443") { url.removeLast(4) }
        if url.hasPrefix("http://") && url.hasSuffix(":80") { url.removeLast(3) }
        return url
    }
}
