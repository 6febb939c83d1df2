/// A transport failure: the exchange did not produce an HTTP response.
///
/// HTTP error statuses are not `HTTPError`s; they arrive as an ``HTTPResponse``.
package struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers to match on.
    package enum Code: Sendable, Hashable {
        /// The host could not be resolved or the TCP connection was refused or failed.
        case connect
        /// The connect timeout, the whole-request timeout or the low-speed limit expired.
        case timeout
        /// TLS handshake or certificate verification failed (e.g. no usable CA bundle).
        case tls
        /// The connection was reset or closed mid-exchange (send/receive failure, empty reply).
        case reset
        /// A request body file could not be read or a response file could not be written.
        case file
        /// Anything else libcurl reports (bad URL, out of memory, ...).
        case other
    }

    /// The category.
    package var code: Code
    /// One line naming the host or file: `cannot connect to 127.0.0.1:8333: Connection refused`.
    package var message: String
    /// The host (and port) the request went to.
    package var host: String
    /// libcurl's `CURLcode` number, when the failure came from libcurl.
    package var curlCode: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The category.
    ///   - message: One line naming the subject.
    ///   - host: The request's host.
    ///   - curlCode: libcurl's result code, if any.
    package init(code: Code, message: String, host: String, curlCode: Int? = nil) {
        self.code = code
        self.message = message
        self.host = host
        self.curlCode = curlCode
    }

    /// True when repeating the same request may succeed: connect failures, timeouts and resets.
    package var isRetryable: Bool {
        switch code {
        case .connect, .timeout, .reset: true
        case .tls, .file, .other: false
        }
    }

    /// The message.
    package var description: String { message }
}
