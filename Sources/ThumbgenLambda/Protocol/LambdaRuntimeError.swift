/// The one error type of ThumbgenLambda: talking to the Runtime API failed, or its answer
/// broke the protocol. Each message names the Runtime API path or header concerned.
package struct LambdaRuntimeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers and tests to match on.
    package enum Code: Sendable, Hashable {
        /// `AWS_LAMBDA_RUNTIME_API` is missing or not a `host:port`.
        case invalidEndpoint
        /// No HTTP response from the Runtime API (connection refused, reset, ...).
        case transport
        /// The Runtime API answered with a status the protocol does not expect there.
        case unexpectedStatus
        /// A required header (request id, deadline) is missing or malformed.
        case invalidHeader
        /// The handler could not be set up; the failure was posted to `/runtime/init/error`.
        case initializationFailed
    }

    /// The category.
    package var code: Code
    /// One line naming the path or header, e.g. `Runtime API GET /2018-06-01/runtime/invocation/next: status 500`.
    package var message: String
    /// The HTTP status, for ``Code/unexpectedStatus``.
    package var status: Int?
    /// The cause (an `HTTPError` for ``Code/transport``).
    package var underlying: (any Error & Sendable)?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The category.
    ///   - message: One line naming the subject.
    ///   - status: The HTTP status, if any.
    ///   - underlying: The cause, if any.
    package init(code: Code, message: String, status: Int? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.underlying = underlying
    }

    /// The message.
    package var description: String { message }
}
