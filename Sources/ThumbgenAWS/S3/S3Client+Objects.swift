import FoundationEssentials
import Glibc
import ThumbgenBasics
import ThumbgenHTTP

extension S3Client {
    /// Uploads the file at `path` as `bucket`/`key`: one PutObject up to
    /// ``S3MultipartSettings/threshold`` bytes, a multipart upload above it. The body is
    /// streamed from the file; `Content-MD5` and `x-amz-checksum-sha256` let S3 verify it
    /// (S3 API Reference, "PutObject"; S3 User Guide, "Checking object integrity").
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - key: The key (any non-empty UTF-8; its bytes are kept).
    ///   - path: The local file.
    ///   - contentType: The media type to store, e.g. `image/jpeg`.
    ///   - progress: Bytes sent so far and total, in bytes (called from upload threads).
    /// - Returns: The ETag, size and part count.
    /// - Throws: ``AWSError``: `.file` for an unreadable file, `.service` / `.transport` from S3.
    @discardableResult
    package func putObject(
        bucket: String, key: String, file path: String, contentType: String,
        progress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)? = nil
    ) throws(AWSError) -> S3PutResult {
        try validate(bucket: bucket, key: key)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw AWSError(code: .file, message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let size = Int64(info.st_size)
        if size > multipart.threshold {
            return try putMultipart(bucket: bucket, key: key, file: path, size: size, contentType: contentType, progress: progress)
        }
        let digest = try FileDigest(path: path)
        var request = putRequest(bucket: bucket, key: key, digest: digest, contentType: contentType)
        request.body = .file(path: path, offset: 0, length: digest.length)
        if let progress { request.progress = { progress($0.bytesSent, digest.length) } }
        let response = try send(request, isObject: true)
        return S3PutResult(eTag: response.headers[S3Header.eTag], size: digest.length, partCount: 0)
    }

    /// Uploads bytes held in memory (e.g. a thumbnail just encoded) with one PutObject.
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - key: The key.
    ///   - bytes: The object's content.
    ///   - contentType: The media type to store.
    ///   - cacheControl: The `Cache-Control` to store, or nil.
    ///   - metadata: User metadata, sent as `x-amz-meta-NAME` headers (names: lower-case
    ///     letters, digits and hyphens; values: printable ASCII).
    /// - Returns: The ETag and size.
    /// - Throws: ``AWSError`` from S3 or the transport.
    @discardableResult
    package func putObject(
        bucket: String, key: String, bytes: [UInt8], contentType: String,
        cacheControl: String? = nil, metadata: [String: String] = [:]
    ) throws(AWSError) -> S3PutResult {
        try validate(bucket: bucket, key: key)
        let digest = FileDigest(bytes: bytes)
        var request = putRequest(bucket: bucket, key: key, digest: digest, contentType: contentType)
        if let cacheControl { request.headers.append((S3Header.cacheControl, cacheControl)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            request.headers.append((S3Header.metadataPrefix + name, value))
        }
        request.body = .bytes(bytes)
        let response = try send(request, isObject: true)
        return S3PutResult(eTag: response.headers[S3Header.eTag], size: digest.length, partCount: 0)
    }

    func putRequest(bucket: String, key: String, digest: FileDigest, contentType: String) -> AWSRequest {
        var request = self.request(
            "PUT", bucket: bucket, key: key,
            headers: [
                (S3Header.contentType, contentType),
                (S3Header.contentMD5, digest.md5Base64),
                (S3Header.checksumSHA256, digest.sha256Base64),
            ])
        request.payloadHash = digest.sha256Hex
        return request
    }

    /// Downloads `bucket`/`key` into `destination`. The body streams into a hidden temporary
    /// file in the same folder, which is renamed over `destination` only when complete, so
    /// no partial file is ever left under either name.
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - key: The key.
    ///   - destination: The local path to create or replace.
    ///   - progress: Bytes received so far and total (0 when unknown), in bytes.
    /// - Returns: The object's size, ETag, type and date.
    /// - Throws: ``AWSError``: `.service` (`NoSuchKey`, ...), `.transport`, or `.file` when the folder is not writable.
    @discardableResult
    package func getObject(
        bucket: String, key: String, to destination: String,
        progress: (@Sendable (_ received: Int64, _ total: Int64) -> Void)? = nil
    ) throws(AWSError) -> S3ObjectInfo {
        try validate(bucket: bucket, key: key)
        let temporary: String
        do {
            let created = try FileIO.createTemporaryFile(beside: destination)
            close(created.descriptor)
            temporary = created.path
        } catch {
            throw AWSError(code: .file, message: "cannot write \(destination): \(error.reason)")
        }
        var request = self.request("GET", bucket: bucket, key: key)
        request.responseDestination = .file(path: temporary)
        if let progress { request.progress = { progress($0.bytesReceived, $0.totalBytesToReceive) } }
        let response: HTTPResponse
        do {
            response = try send(request, isObject: true)
        } catch {
            unlink(temporary)
            throw error
        }
        do { try FileIO.moveIntoPlace(temporary, to: destination) } catch {
            throw AWSError(code: .file, message: "cannot write \(destination): \(error.reason)")
        }
        return Self.objectInfo(key: key, response: response)
    }

    /// Downloads `bucket`/`key` into memory (for small objects).
    ///
    /// - Returns: The object's information and bytes.
    /// - Throws: ``AWSError`` from S3 or the transport.
    package func getObjectBytes(bucket: String, key: String) throws(AWSError) -> (info: S3ObjectInfo, bytes: [UInt8]) {
        try validate(bucket: bucket, key: key)
        let response = try send(request("GET", bucket: bucket, key: key), isObject: true)
        return (Self.objectInfo(key: key, response: response), response.body)
    }

    /// HeadObject: the object's size, ETag, type and date without its body.
    ///
    /// - Throws: ``AWSError``; a missing object gives service code `NoSuchKey` (HEAD has no
    ///   error body, so 404 is mapped to it).
    package func headObject(bucket: String, key: String) throws(AWSError) -> S3ObjectInfo {
        try validate(bucket: bucket, key: key)
        let response = try send(request("HEAD", bucket: bucket, key: key), isObject: true)
        return Self.objectInfo(key: key, response: response)
    }

    /// DeleteObject. Deleting a missing key succeeds, as in S3.
    ///
    /// - Throws: ``AWSError`` from S3 or the transport.
    package func deleteObject(bucket: String, key: String) throws(AWSError) {
        try validate(bucket: bucket, key: key)
        _ = try send(request("DELETE", bucket: bucket, key: key), isObject: true)
    }

    /// CreateBucket (used by tests and setup). Outside `us-east-1` on AWS the body carries the
    /// `LocationConstraint` (S3 API Reference, "CreateBucket").
    ///
    /// - Throws: ``AWSError``, e.g. `BucketAlreadyOwnedByYou`.
    package func createBucket(_ bucket: String) throws(AWSError) {
        try validate(bucket: bucket, key: nil)
        var request = self.request("PUT", bucket: bucket, key: nil)
        if endpointURL == nil && region != "us-east-1" {
            let xml =
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(S3XMLElement.escape(region))</LocationConstraint></CreateBucketConfiguration>"
            let body = Array(xml.utf8)
            request.body = .bytes(body)
            request.payloadHash = FileDigest(bytes: body).sha256Hex
        }
        _ = try send(request, isObject: false)
    }

    static func objectInfo(key: String, response: HTTPResponse) -> S3ObjectInfo {
        var info = S3ObjectInfo(
            key: key,
            size: response.headers[S3Header.contentLength].flatMap { Int64($0) } ?? Int64(response.body.count),
            eTag: response.headers[S3Header.eTag],
            contentType: response.headers[S3Header.contentType],
            lastModified: response.headers[S3Header.lastModified].flatMap(HTTPDate.parse),
            cacheControl: response.headers[S3Header.cacheControl])
        for field in response.headers.fields where field.name.lowercased().hasPrefix(S3Header.metadataPrefix) {
            info.metadata[String(field.name.lowercased().dropFirst(S3Header.metadataPrefix.count))] = field.value
        }
        return info
    }
}
