extension S3Client {
    /// One page of ListObjectsV2 (S3 API Reference, "ListObjectsV2").
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - prefix: Only keys starting with it (nil: all).
    ///   - maxKeys: Page size, 1...1000 (nil: the server's default, 1000).
    ///   - continuationToken: The previous page's ``S3ListPage/nextContinuationToken``.
    /// - Returns: The page.
    /// - Throws: ``AWSError`` from S3, or `.invalidResponse` for an unreadable body.
    package func listObjectsPage(
        bucket: String, prefix: String? = nil, maxKeys: Int? = nil,
        continuationToken: String? = nil
    ) throws(AWSError) -> S3ListPage {
        try validate(bucket: bucket, key: nil)
        var query = [(name: S3Query.listType, value: "2")]
        if let prefix { query.append((S3Query.prefix, prefix)) }
        if let maxKeys { query.append((S3Query.maxKeys, String(maxKeys))) }
        if let continuationToken { query.append((S3Query.continuationToken, continuationToken)) }
        let response = try send(request("GET", bucket: bucket, key: nil, query: query), isObject: false)
        guard let root = S3XMLElement.parse(response.body), root.name == "ListBucketResult" else {
            throw AWSError(code: .invalidResponse, message: "S3 ListObjectsV2 for s3://\(bucket): the response is not a ListBucketResult document")
        }
        let objects = root.children("Contents").compactMap { entry -> S3ObjectSummary? in
            guard let key = entry.text(of: "Key") else { return nil }
            return S3ObjectSummary(
                key: key, size: entry.text(of: "Size").flatMap { Int64($0) } ?? 0,
                eTag: entry.text(of: "ETag"), lastModified: entry.text(of: "LastModified"))
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.text(of: "Prefix") }
        let truncated = root.text(of: "IsTruncated") == "true"
        let token = root.text(of: "NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
        if truncated && token == nil {
            throw AWSError(code: .invalidResponse, message: "S3 ListObjectsV2 for s3://\(bucket): truncated page without NextContinuationToken")
        }
        return S3ListPage(objects: objects, commonPrefixes: prefixes, nextContinuationToken: truncated ? token : nil)
    }

    /// Every object under `prefix`, following continuation tokens page by page.
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - prefix: Only keys starting with it (nil: all).
    ///   - pageSize: Keys per request, 1...1000 (nil: server default).
    /// - Returns: All objects in key order.
    /// - Throws: ``AWSError`` from any page.
    package func listObjects(bucket: String, prefix: String? = nil, pageSize: Int? = nil) throws(AWSError) -> [S3ObjectSummary] {
        var all: [S3ObjectSummary] = []
        var token: String?
        repeat {
            let page = try listObjectsPage(bucket: bucket, prefix: prefix, maxKeys: pageSize, continuationToken: token)
            all += page.objects
            token = page.nextContinuationToken
        } while token != nil
        return all
    }

    /// A presigned URL that lets anyone holding it GET or PUT `bucket`/`key` for `expires`
    /// seconds (AWS "Authenticating Requests: Using Query Parameters (SigV4)").
    ///
    /// - Parameters:
    ///   - method: GET or PUT.
    ///   - bucket: The bucket.
    ///   - key: The key.
    ///   - expires: Validity in seconds, 1...604800 (7 days).
    ///   - signedHeaders: Headers signed with `host` (listed in `X-Amz-SignedHeaders`), which the
    ///     request using the URL must then send with exactly these values, e.g. `Content-Type`
    ///     and `Content-Length` to bind an upload's type and size.
    /// - Returns: The URL.
    /// - Throws: ``AWSError`` `.invalidArgument` for an empty name or an out-of-range `expires`.
    package func presignedURL(
        _ method: S3PresignedMethod, bucket: String, key: String, expires: Int,
        signedHeaders: [(name: String, value: String)] = []
    ) throws(AWSError) -> String {
        try validate(bucket: bucket, key: key)
        guard (1...604_800).contains(expires) else {
            throw AWSError(code: .invalidArgument, message: "presigned URL expiry \(expires) s is outside 1...604800 s")
        }
        return sender.presignedURL(for: request(method.rawValue, bucket: bucket, key: key, headers: signedHeaders), expires: expires)
    }
}
