import FoundationEssentials
import ThumbgenAWS
import ThumbgenLambda

/// The outcome of one S3 record, as returned and logged.
struct S3RecordResult: Encodable {
    var bucket: String
    var key: String
    var status: String
    var thumbnails: [ThumbnailSummary]?
    var error: String?
    var message: String?
}

extension ThumbnailFunction {
    /// Processes every record of an S3 notification: read the original, make the configured
    /// sizes, write them under ``ThumbnailKey``. A bad record (not an image, corrupt, gone) is
    /// reported in its result and the others still run; records for the thumbnails bucket or
    /// for keys under `thumbnails/` are skipped, so the function never feeds on its own output.
    ///
    /// - Returns: `{"records": [{"bucket", "key", "status", "thumbnails" | "error", "message"}]}`.
    /// - Throws: The first retryable ``ServiceError`` (storage), after all records were tried.
    func handleS3(_ event: S3Event, log: inout LambdaLogRecord) throws -> [UInt8] {
        var results: [S3RecordResult] = []
        var retryable: ServiceError?
        for record in event.records {
            var result = S3RecordResult(bucket: record.s3.bucket.name, key: record.s3.object.key, status: "done")
            do {
                let key = try S3EventKey.decode(record.s3.object.key)
                result.key = key
                if let reason = skipReason(bucket: record.s3.bucket.name, key: key, eventName: record.eventName) {
                    result.status = "skipped"
                    result.message = reason
                } else if let made = try makeThumbnails(bucket: record.s3.bucket.name, key: key) {
                    result.thumbnails = made
                } else {
                    result.status = "skipped"
                    result.message = "thumbnails were made when it was posted to /thumbnails"
                }
            } catch {
                result.status = "failed"
                result.error = error.code.rawValue
                result.message = error.message
                if error.isRetryable && retryable == nil { retryable = error }
            }
            results.append(result)
        }
        log.set("records", .array(results.map(Self.logValue)))
        if let retryable { throw retryable }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(["records": results])) ?? Data("{}".utf8))
    }

    /// Why a record is not processed, or nil to process it.
    func skipReason(bucket: String, key: String, eventName: String) -> String? {
        if !eventName.hasPrefix("ObjectCreated") { return "event \(eventName) is not ObjectCreated" }
        if bucket == configuration.thumbnailsBucket { return "s3://\(bucket) is the thumbnails bucket; not making thumbnails of thumbnails" }
        if ThumbnailKey.isThumbnailKey(key) { return "key is under \(ThumbnailKey.prefix); not making thumbnails of thumbnails" }
        return nil
    }

    /// Reads `bucket`/`key`, makes and stores its thumbnails; nil when the original carries
    /// ``madeMarker`` for this configuration (`POST /thumbnails` already made them).
    ///
    /// - Throws: ``ServiceError`` `.payloadTooLarge` (before reading it) for an original over
    ///   ``ServiceConfiguration/maxOriginalBytes``, or what reading, decoding and storing throw.
    func makeThumbnails(bucket: String, key: String) throws(ServiceError) -> [ThumbnailSummary]? {
        if let size = try store.size(bucket: bucket, key: key), size > configuration.maxOriginalBytes {
            throw ServiceError(
                .payloadTooLarge,
                "s3://\(bucket)/\(key): \(size) bytes is over the limit of \(configuration.maxOriginalBytes) bytes for an original")
        }
        let original = try store.object(bucket: bucket, key: key)
        if original.metadata[Self.madeMarker] == madeMarkerValue { return nil }
        let made = try maker.make(from: original.bytes, originalKey: key, subject: "s3://\(bucket)/\(key)")
        try maker.store(made, in: store)
        return made.map { ThumbnailSummary($0, url: nil) }
    }

    /// The user-metadata name (`x-amz-meta-thumbgen-thumbnails`) with which `POST /thumbnails`
    /// stores an original whose thumbnails it has already made. Any other write of the key
    /// (a presigned PUT, `thumbgen upload`) replaces the object without it.
    static let madeMarker = "thumbgen-thumbnails"

    /// The marker's value: the settings the thumbnails were made with, `SIZES/FORMATS/QUALITY`
    /// (`128,256/auto/80`, `256/jpeg+webp+avif/80`), so a function configured differently
    /// (other sizes, formats or quality) makes its own.
    var madeMarkerValue: String {
        "\(configuration.sizes.map(String.init).joined(separator: ","))/\(configuration.formats.map(\.rawValue).joined(separator: "+"))/\(configuration.quality)"
    }

    static func logValue(_ result: S3RecordResult) -> LambdaLogRecord.Value {
        var fields: [LambdaLogRecord.Field] = [
            .init("bucket", .string(result.bucket)), .init("key", .string(result.key)),
            .init("status", .string(result.status)),
        ]
        if let thumbnails = result.thumbnails {
            fields.append(
                .init(
                    "thumbnails",
                    .array(
                        thumbnails.map { summary in
                            .object([
                                .init("key", .string(summary.key)), .init("width", .int(Int64(summary.width))),
                                .init("height", .int(Int64(summary.height))), .init("bytes", .int(Int64(summary.bytes))),
                            ])
                        })))
        }
        if let error = result.error { fields.append(.init("error", .string(error))) }
        if let message = result.message { fields.append(.init("message", .string(message))) }
        return .object(fields)
    }
}

/// One stored thumbnail as reported to callers: key, pixel size, byte count, type, URL.
struct ThumbnailSummary: Encodable {
    /// The configured size (longest side), pixels.
    var size: Int
    /// The key in the thumbnails bucket.
    var key: String
    /// Pixels.
    var width: Int
    /// Pixels.
    var height: Int
    /// Encoded size, bytes.
    var bytes: Int
    /// `image/jpeg` or `image/png`.
    var contentType: String
    /// A presigned GET URL, for HTTP answers.
    var url: String?

    init(_ made: MadeThumbnail, url: String?) {
        size = made.size
        key = made.key
        width = made.thumbnail.size.width
        height = made.thumbnail.size.height
        bytes = made.thumbnail.data.count
        contentType = made.thumbnail.format.mimeType
        self.url = url
    }
}
