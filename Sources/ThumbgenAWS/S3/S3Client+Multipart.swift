import Dispatch
import Synchronization
import ThumbgenHTTP

extension S3Client {
    /// Uploads `size` bytes of `path` in parts of ``S3MultipartSettings/partSize`` bytes,
    /// ``S3MultipartSettings/concurrency`` at a time, each part streamed from its file offset
    /// with its own `Content-MD5` and signed `x-amz-content-sha256` (both verified by S3). On any failure the upload is aborted (AbortMultipartUpload)
    /// so no parts stay stored and billed, and the first error is thrown (its message names
    /// the upload id when the abort itself failed, e.g. because the server is unreachable).
    /// Source: S3 User Guide, "Uploading and copying objects using multipart upload".
    func putMultipart(
        bucket: String, key: String, file path: String, size: Int64, contentType: String,
        progress: (@Sendable (Int64, Int64) -> Void)?
    ) throws(AWSError) -> S3PutResult {
        // At most 10,000 parts: grow the part size for very large files.
        let partSize = max(multipart.partSize, (size + 9_999) / 10_000)
        let partCount = Int((size + partSize - 1) / partSize)
        let uploadID = try createMultipartUpload(bucket: bucket, key: key, contentType: contentType)

        let state = MultipartState(partCount: partCount)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "thumbgen.s3.multipart", attributes: .concurrent)
        for _ in 0..<min(multipart.concurrency, partCount) {
            queue.async(group: group) {
                self.uploadParts(
                    bucket: bucket, key: key, uploadID: uploadID, file: path, size: size,
                    partSize: partSize, state: state, progress: progress)
            }
        }
        group.wait()

        do throws(AWSError) {
            if let failure = state.failure { throw failure }
            let eTags = state.eTags
            let eTag = try completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, eTags: eTags)
            return S3PutResult(eTag: eTag, size: size, partCount: partCount)
        } catch {
            do {
                try abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
            } catch let abortError {
                var failure = error
                failure.message +=
                    "; the upload \(uploadID) could not be aborted either (\(abortError.message)):"
                    + " its parts stay stored until AbortMultipartUpload succeeds or a lifecycle rule removes them"
                throw failure
            }
            throw error
        }
    }

    /// One worker thread: takes part numbers until none are left or a part has failed.
    private func uploadParts(
        bucket: String, key: String, uploadID: String, file path: String, size: Int64,
        partSize: Int64, state: MultipartState, progress: (@Sendable (Int64, Int64) -> Void)?
    ) {
        while let index = state.takeNext() {
            let offset = Int64(index) * partSize
            let length = min(partSize, size - offset)
            var report: (@Sendable (HTTPProgress) -> Void)?
            if let progress {
                report = { @Sendable update in progress(state.record(sent: update.bytesSent, part: index), size) }
            }
            do {
                let eTag = try uploadPart(
                    bucket: bucket, key: key, uploadID: uploadID, partNumber: index + 1,
                    file: path, offset: offset, length: length, progress: report)
                state.finish(part: index, eTag: eTag)
            } catch {
                state.fail(error)
            }
        }
    }

    /// CreateMultipartUpload (`POST /KEY?uploads`).
    ///
    /// - Returns: The upload id.
    /// - Throws: ``AWSError`` from S3, `.invalidResponse` without an `<UploadId>`.
    package func createMultipartUpload(bucket: String, key: String, contentType: String) throws(AWSError) -> String {
        try validate(bucket: bucket, key: key)
        let request = self.request(
            "POST", bucket: bucket, key: key, query: [(S3Query.uploads, "")],
            headers: [(S3Header.contentType, contentType)])
        let response = try send(request, isObject: true)
        guard let id = S3XMLElement.parse(response.body)?.text(of: "UploadId"), !id.isEmpty else {
            throw AWSError(code: .invalidResponse, message: "S3 CreateMultipartUpload for s3://\(bucket)/\(key): no UploadId in the response")
        }
        return id
    }

    /// UploadPart (`PUT /KEY?partNumber=N&uploadId=ID`), body streamed from the file range.
    ///
    /// - Parameters:
    ///   - partNumber: 1...10000.
    ///   - offset: First byte of the part in the file.
    ///   - length: Part size in bytes.
    /// - Returns: The part's ETag, quoted.
    /// - Throws: ``AWSError`` from S3, the transport or the file.
    package func uploadPart(
        bucket: String, key: String, uploadID: String, partNumber: Int, file path: String,
        offset: Int64, length: Int64,
        progress: (@Sendable (HTTPProgress) -> Void)? = nil
    ) throws(AWSError) -> String {
        let digest = try FileDigest(path: path, offset: offset, length: length)
        var request = self.request(
            "PUT", bucket: bucket, key: key,
            query: [(S3Query.partNumber, String(partNumber)), (S3Query.uploadID, uploadID)],
            headers: [(S3Header.contentMD5, digest.md5Base64)])
        request.subject += " part \(partNumber)"
        request.payloadHash = digest.sha256Hex
        request.body = .file(path: path, offset: offset, length: length)
        request.progress = progress
        let response = try send(request, isObject: true)
        guard let eTag = response.headers[S3Header.eTag] else {
            throw AWSError(code: .invalidResponse, message: "S3 UploadPart for \(request.subject): no ETag in the response")
        }
        return eTag
    }

    /// CompleteMultipartUpload; S3 may answer 200 with an `<Error>` body, which is an error.
    ///
    /// - Parameter eTags: Part ETags in part-number order.
    /// - Returns: The object's ETag.
    /// - Throws: ``AWSError`` from S3.
    package func completeMultipartUpload(bucket: String, key: String, uploadID: String, eTags: [String]) throws(AWSError) -> String? {
        let parts = eTags.enumerated().map { index, eTag in
            "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XMLElement.escape(eTag))</ETag></Part>"
        }
        let body = Array(
            ("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + parts.joined() + "</CompleteMultipartUpload>").utf8)
        var request = self.request(
            "POST", bucket: bucket, key: key, query: [(S3Query.uploadID, uploadID)],
            headers: [(S3Header.contentType, "application/xml")])
        request.body = .bytes(body)
        request.payloadHash = FileDigest(bytes: body).sha256Hex
        let response = try send(request, isObject: true)
        let document = S3XMLElement.parse(response.body)
        if document?.name == "Error" {
            throw S3ErrorDecoder.error(from: response, request: request, isObject: true)
        }
        return document?.text(of: "ETag") ?? response.headers[S3Header.eTag]
    }

    /// AbortMultipartUpload: discards the upload and every stored part.
    ///
    /// - Throws: ``AWSError`` from S3.
    package func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws(AWSError) {
        _ = try send(request("DELETE", bucket: bucket, key: key, query: [(S3Query.uploadID, uploadID)]), isObject: true)
    }

    /// ListMultipartUploads: uploads started and neither completed nor aborted (first 1000).
    ///
    /// - Parameters:
    ///   - bucket: The bucket.
    ///   - prefix: Only keys starting with it.
    /// - Returns: The open uploads.
    /// - Throws: ``AWSError`` from S3.
    package func listMultipartUploads(bucket: String, prefix: String? = nil) throws(AWSError) -> [S3MultipartUploadSummary] {
        try validate(bucket: bucket, key: nil)
        var query = [(name: S3Query.uploads, value: "")]
        if let prefix { query.append((S3Query.prefix, prefix)) }
        let response = try send(request("GET", bucket: bucket, key: nil, query: query), isObject: false)
        guard let root = S3XMLElement.parse(response.body) else {
            throw AWSError(code: .invalidResponse, message: "S3 ListMultipartUploads for s3://\(bucket): unreadable response")
        }
        return root.children("Upload").compactMap { upload in
            guard let key = upload.text(of: "Key"), let id = upload.text(of: "UploadId") else { return nil }
            return S3MultipartUploadSummary(key: key, uploadID: id)
        }
    }
}

/// Shared state of one multipart upload's worker threads, behind a lock.
final class MultipartState: Sendable {
    private struct Fields {
        var eTags: [String?]
        var sent: [Int64]
        var next = 0
        var failure: AWSError?
    }
    private let fields: Mutex<Fields>
    private let partCount: Int

    init(partCount: Int) {
        self.partCount = partCount
        fields = Mutex(Fields(eTags: Array(repeating: nil, count: partCount), sent: Array(repeating: 0, count: partCount)))
    }

    /// The next part index (0-based) to upload, or nil when all are taken or one has failed.
    func takeNext() -> Int? {
        fields.withLock { fields in
            guard fields.failure == nil, fields.next < partCount else { return nil }
            defer { fields.next += 1 }
            return fields.next
        }
    }

    /// Records bytes sent for `part`; returns the total sent over all parts.
    func record(sent: Int64, part: Int) -> Int64 {
        fields.withLock { fields in
            fields.sent[part] = sent
            return fields.sent.reduce(0, +)
        }
    }

    /// Records a finished part's ETag.
    func finish(part: Int, eTag: String) { fields.withLock { $0.eTags[part] = eTag } }

    /// Records the first failure; later ones are dropped.
    func fail(_ error: AWSError) { fields.withLock { if $0.failure == nil { $0.failure = error } } }

    /// The first failure.
    var failure: AWSError? { fields.withLock { $0.failure } }

    /// The ETags in part order (all parts, when there was no failure).
    var eTags: [String] { fields.withLock { $0.eTags.compactMap { $0 } } }
}
