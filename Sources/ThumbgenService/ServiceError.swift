import ThumbgenLambda

/// The one error type of ThumbgenService: a bad request, a bad image, a storage failure or
/// a bad configuration, each one line naming its subject (`s3://bucket/key`, variable, route).
///
/// HTTP routes answer with ``httpStatus``; S3 events report it per record.
package struct ServiceError: Error, Sendable, CustomStringConvertible, LambdaReportableError {
    /// The category; decides the HTTP status.
    package enum Code: String, Sendable, Hashable {
        /// A configuration variable is missing or invalid, or the two buckets are the same.
        case invalidConfiguration
        /// The event or request is malformed (bad JSON, bad key, missing body): `400`.
        case badRequest
        /// No such route or object: `404`.
        case notFound
        /// The method is not allowed on the route: `405`.
        case methodNotAllowed
        /// The request's `Accept` allows none of the formats: `406`.
        case notAcceptable
        /// The body or image is larger than allowed: `413`.
        case payloadTooLarge
        /// The body is not a JPEG, PNG, WebP or AVIF: `415`.
        case unsupportedMediaType
        /// The image is damaged or cannot be decoded: `422`.
        case corruptImage
        /// Reading or writing the store failed (may succeed on retry): `500`.
        case storage
        /// Anything else: `500`.
        case `internal`
    }

    /// The category.
    package var code: Code
    /// One line naming the subject, e.g. `s3://photos/cat.jpg: not a JPEG or PNG`.
    package var message: String
    /// True when doing the same again may succeed (network, throttling).
    package var isRetryable: Bool
    /// The cause (an `ImageError` or `AWSError`).
    package var underlying: (any Error & Sendable)?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The category.
    ///   - message: One line naming the subject.
    ///   - isRetryable: Whether a retry may help.
    ///   - underlying: The cause.
    package init(_ code: Code, _ message: String, isRetryable: Bool = false, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
        self.underlying = underlying
    }

    /// The HTTP status for this error (RFC 9110 section 15).
    package var httpStatus: Int {
        switch code {
        case .badRequest: 400
        case .notFound: 404
        case .methodNotAllowed: 405
        case .notAcceptable: 406
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .corruptImage: 422
        case .invalidConfiguration, .storage, .internal: 500
        }
    }

    /// `ServiceError.<code>`, the type reported to the Runtime API and logged.
    package var lambdaErrorType: String { "ServiceError.\(code.rawValue)" }

    /// The message.
    package var description: String { message }
}
