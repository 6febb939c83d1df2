import FoundationEssentials

/// One version or delete marker of a key in a versioned bucket, as ListObjectVersions lists it.
package struct S3ObjectVersion: Sendable, Hashable {
    /// The key.
    package var key: String
    /// The version id (`null` for an object written before versioning was enabled).
    package var versionID: String
    /// True for a delete marker (`<DeleteMarker>`), false for an object version (`<Version>`).
    package var isDeleteMarker: Bool
    /// Size in bytes (0 for a delete marker).
    package var size: Int64

    /// Creates the value.
    package init(key: String, versionID: String, isDeleteMarker: Bool, size: Int64) {
        self.key = key
        self.versionID = versionID
        self.isDeleteMarker = isDeleteMarker
        self.size = size
    }
}

/// One key (and version) DeleteObjects could not delete.
package struct S3DeleteFailure: Sendable, Hashable {
    /// The key.
    package var key: String
    /// The version id, when one was given.
    package var versionID: String?
    /// S3's error code, e.g. `AccessDenied`.
    package var code: String
    /// S3's message.
    package var message: String
}

extension S3Client {
    /// Turns versioning on (or suspends it) for `bucket` (S3 API Reference,
    /// "PutBucketVersioning": `PUT /?versioning` with a `VersioningConfiguration` body;
    /// `Content-MD5` is required).
    ///
    /// - Throws: ``AWSError`` from S3.
    package func putBucketVersioning(bucket: String, enabled: Bool) throws(AWSError) {
        try validate(bucket: bucket, key: nil)
        let xml =
            "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>"
            + (enabled ? "Enabled" : "Suspended") + "</Status></VersioningConfiguration>"
        let body = Array(xml.utf8)
        let digest = FileDigest(bytes: body)
        var request = self.request(
            "PUT", bucket: bucket, key: nil, query: [(S3Query.versioning, "")],
            headers: [
                (S3Header.contentType, "application/xml"), (S3Header.contentMD5, digest.md5Base64),
            ])
        request.body = .bytes(body)
        request.payloadHash = digest.sha256Hex
        _ = try send(request, isObject: false)
    }

    /// Every version and delete marker in `bucket`, following `NextKeyMarker` /
    /// `NextVersionIdMarker` (S3 API Reference, "ListObjectVersions":
    /// `GET /?versions&key-marker=K&version-id-marker=V`, answer `ListVersionsResult` with
    /// `<Version>` and `<DeleteMarker>` entries, each with `Key` and `VersionId`).
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - pageSize: Entries per request, 1...1000 (nil: the server's default, 1000).
    /// - Returns: Versions and markers in the order listed (by key, newest version first).
    /// - Throws: ``AWSError`` from S3 (e.g. `NoSuchBucket`), or `.invalidResponse` for an unreadable page.
    package func listObjectVersions(bucket: String, pageSize: Int? = nil) throws(AWSError) -> [S3ObjectVersion] {
        try validate(bucket: bucket, key: nil)
        var all: [S3ObjectVersion] = []
        var marker: (key: String, version: String?)?
        while true {
            var query = [(name: S3Query.versions, value: "")]
            if let pageSize { query.append((S3Query.maxKeys, String(pageSize))) }
            if let marker {
                query.append((S3Query.keyMarker, marker.key))
                if let version = marker.version { query.append((S3Query.versionIDMarker, version)) }
            }
            let response = try send(request("GET", bucket: bucket, key: nil, query: query), isObject: false)
            guard let root = S3XMLElement.parse(response.body), root.name == "ListVersionsResult" else {
                throw AWSError(code: .invalidResponse, message: "S3 ListObjectVersions for s3://\(bucket): the response is not a ListVersionsResult document")
            }
            for entry in root.children where entry.name == "Version" || entry.name == "DeleteMarker" {
                guard let key = entry.text(of: "Key") else { continue }
                all.append(
                    S3ObjectVersion(
                        key: key, versionID: entry.text(of: "VersionId") ?? "null", isDeleteMarker: entry.name == "DeleteMarker",
                        size: entry.text(of: "Size").flatMap { Int64($0) } ?? 0))
            }
            guard root.text(of: "IsTruncated") == "true" else { return all }
            guard let nextKey = root.text(of: "NextKeyMarker"), !nextKey.isEmpty else {
                throw AWSError(code: .invalidResponse, message: "S3 ListObjectVersions for s3://\(bucket): truncated page without NextKeyMarker")
            }
            let next = (nextKey, root.text(of: "NextVersionIdMarker").flatMap { $0.isEmpty ? nil : $0 })
            if let marker, marker.key == next.0, marker.version == next.1 {
                throw AWSError(code: .invalidResponse, message: "S3 ListObjectVersions for s3://\(bucket): the same page marker twice")
            }
            marker = next
        }
    }

    /// Deletes the given keys (with version ids: those versions, permanently) in batches of
    /// at most 1000, the most one request may name (S3 API Reference, "DeleteObjects":
    /// `POST /?delete` with a `<Delete><Quiet>true</Quiet><Object><Key/><VersionId/></Object>…`
    /// body; `Content-MD5` or an `x-amz-checksum-*` header is required: both are sent).
    /// Quiet mode: the answer lists only failures.
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - objects: Keys and optional version ids.
    /// - Returns: The entries S3 could not delete (empty when all were deleted).
    /// - Throws: ``AWSError`` when a request fails as a whole.
    @discardableResult
    package func deleteObjects(bucket: String, _ objects: [(key: String, versionID: String?)]) throws(AWSError) -> [S3DeleteFailure] {
        try validate(bucket: bucket, key: nil)
        var failures: [S3DeleteFailure] = []
        var start = 0
        while start < objects.count {
            let batch = objects[start..<min(start + 1000, objects.count)]
            start = batch.endIndex
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
            for object in batch {
                xml += "<Object><Key>\(S3XMLElement.escape(object.key))</Key>"
                if let version = object.versionID { xml += "<VersionId>\(S3XMLElement.escape(version))</VersionId>" }
                xml += "</Object>"
            }
            xml += "</Delete>"
            let body = Array(xml.utf8)
            let digest = FileDigest(bytes: body)
            var request = self.request(
                "POST", bucket: bucket, key: nil, query: [(S3Query.delete, "")],
                headers: [
                    (S3Header.contentType, "application/xml"),
                    (S3Header.contentMD5, digest.md5Base64),
                    (S3Header.checksumSHA256, digest.sha256Base64),
                ])
            request.body = .bytes(body)
            request.payloadHash = digest.sha256Hex
            let response = try send(request, isObject: false)
            guard let root = S3XMLElement.parse(response.body), root.name == "DeleteResult" else {
                if response.body.isEmpty { continue } // quiet mode, nothing failed, no document
                throw AWSError(code: .invalidResponse, message: "S3 DeleteObjects for s3://\(bucket): the response is not a DeleteResult document")
            }
            for error in root.children("Error") {
                failures.append(
                    S3DeleteFailure(
                        key: error.text(of: "Key") ?? "", versionID: error.text(of: "VersionId"),
                        code: error.text(of: "Code") ?? "", message: error.text(of: "Message") ?? ""))
            }
        }
        return failures
    }
}
