import ThumbgenHTTP
import ThumbgenLambda
import ThumbgenService

/// Builds the function `thumbgen serve` runs: ThumbgenService's ``ThumbnailFunction``, the
/// Lambda handler itself, over the storage chosen at the edge. It sees only events (API
/// Gateway payload 2.0 and S3 notifications) and answers response documents, exactly as in
/// Lambda; it does not know which storage it has.
enum ServeFunction {
    /// The storage the function is given.
    enum Storage: Sendable {
        /// Folders (buckets `originals` and `thumbnails`) with local presigned URLs.
        case folders(ServeObjectStore)
        /// Real S3 buckets, optionally at an S3-compatible endpoint.
        case s3(originals: String, thumbnails: String, endpointURL: String?)
    }

    /// The function for `storage`.
    ///
    /// Settings come from the same `THUMBGEN_*` variables as in Lambda (sizes, format,
    /// quality, max pixels, URL expiry); the bucket names from the storage. With S3,
    /// credentials and region are found as the AWS CLI finds them (environment, then
    /// `~/.aws/credentials` and `~/.aws/config`).
    ///
    /// - Parameters:
    ///   - storage: The two buckets.
    ///   - environment: The process environment.
    ///   - log: Receives the function's log line for an event that failed.
    /// - Returns: Event bytes → response bytes (nil when the function threw: API Gateway's 500).
    /// - Throws: ``ServeError`` `.function` when the configuration or credentials are unusable.
    static func make(
        storage: Storage, environment: [String: String],
        log: @escaping @Sendable (String) -> Void
    ) throws(ServeError) -> ServeRouter.Function {
        let function: ThumbnailFunction
        do {
            switch storage {
            case .folders(let store):
                let configuration = try ServiceConfiguration.from(
                    environment: environment, originalsBucket: ServeSession.originalsBucket,
                    thumbnailsBucket: ServeSession.thumbnailsBucket)
                function = ThumbnailFunction(configuration: configuration, store: store)
            case .s3(let originals, let thumbnails, let endpointURL):
                function = try ThumbnailFunction.make(
                    environment: environment,
                    http: CurlHTTPClient(sslCertFile: environment["SSL_CERT_FILE"]),
                    sharedFiles: true, originalsBucket: originals, thumbnailsBucket: thumbnails,
                    endpointURL: endpointURL)
            }
        } catch {
            throw ServeError(.function, "the thumbnail function cannot start: \(error)")
        }
        return { event in
            var record = LambdaLogRecord()
            let invocation = LambdaInvocation(
                requestID: RequestID.next(),
                deadlineMilliseconds: HTTPTime.nowMilliseconds() + 900_000, payload: event)
            do {
                return try function.handle(invocation, log: &record)
            } catch {
                record.set("error", "\(error)")
                log(record.jsonLine)
                return nil
            }
        }
    }
}
