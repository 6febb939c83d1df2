/// The one error type of ThumbgenAWS: configuration problems, transport failures and the
/// services' own errors, each as one line naming its subject (profile, bucket/key, host).
///
/// Service errors keep the service's fields: the error code (`<Code>` in S3's XML body,
/// `__type` in JSON 1.1), the HTTP status, the request id and whether a retry may help.
/// Secrets (keys, signatures, tokens) never appear in ``message``.
package struct AWSError: Error, Sendable, CustomStringConvertible {
    /// The category, for callers to match on.
    package enum Code: Sendable, Hashable {
        /// No credentials in the environment or the shared files.
        case missingCredentials
        /// No region from the flag, the environment or the profile.
        case missingRegion
        /// A named profile is missing, a file is malformed or a value is invalid.
        case invalidConfiguration
        /// The service answered with an error; see ``serviceCode``.
        case service
        /// No response arrived (connect, timeout, TLS, reset); see ``underlying``.
        case transport
        /// The service's answer could not be understood.
        case invalidResponse
        /// A local file could not be read, written or renamed.
        case file
        /// A caller-supplied value is unusable (empty key, bad part size, ...).
        case invalidArgument
    }

    /// The category.
    package var code: Code
    /// One line, e.g. `S3 NoSuchKey (404) for s3://photos/cat.jpg: The specified key does not exist. [request id 1A2B]`.
    package var message: String
    /// The service's error code: `NoSuchKey`, `SignatureDoesNotMatch`, `SlowDown`, ...
    package var serviceCode: String?
    /// The HTTP status of the failed response.
    package var httpStatus: Int?
    /// The request id (`x-amz-request-id`), for AWS support.
    package var requestID: String?
    /// True when the same request may succeed if repeated (throttling, 5xx, resets).
    package var isRetryable: Bool
    /// The cause, when another error led to this one (e.g. an `HTTPError`).
    package var underlying: (any Error & Sendable)?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The category.
    ///   - message: One line naming the subject; no secrets.
    ///   - serviceCode: The service's own error code.
    ///   - httpStatus: The HTTP status.
    ///   - requestID: The request id.
    ///   - isRetryable: Whether a retry may succeed.
    ///   - underlying: The cause.
    package init(
        code: Code, message: String, serviceCode: String? = nil, httpStatus: Int? = nil,
        requestID: String? = nil, isRetryable: Bool = false, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.serviceCode = serviceCode
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.isRetryable = isRetryable
        self.underlying = underlying
    }

    /// The message.
    package var description: String { message }
}
