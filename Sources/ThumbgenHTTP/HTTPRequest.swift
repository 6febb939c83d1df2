import FoundationEssentials

/// One HTTP/1.1 request: method, URL, ordered headers, a body and how to receive the response.
///
/// `description` redacts secrets (see ``HTTPRedaction``), so a request can be logged.
package struct HTTPRequest: Sendable, CustomStringConvertible {
    /// Where the request body comes from.
    package enum Body: Sendable {
        /// No body: `Content-Length` is not sent for GET/HEAD/DELETE; PUT and POST send `0`.
        case none
        /// A body held in memory.
        case bytes([UInt8])
        /// `length` bytes of the file at `path` starting at byte `offset`, streamed while
        /// sending (never read into memory whole). A `length` of nil means "to the end of the file".
        case file(path: String, offset: Int64 = 0, length: Int64? = nil)
    }

    /// Where a successful (2xx) response body goes. Non-2xx bodies (error documents) are
    /// always kept in memory so the caller can parse them.
    package enum ResponseDestination: Sendable {
        /// Kept in ``HTTPResponse/body``.
        case memory
        /// Streamed into the file at `path` (created or truncated when the first byte
        /// arrives; not created at all for a non-2xx status).
        case file(path: String)
    }

    /// The method, upper case: `GET`, `PUT`, `POST`, `HEAD`, `DELETE`.
    package var method: String
    /// The absolute URL, already percent-encoded exactly as it must go on the wire.
    package var url: String
    /// Header fields in the order they are sent; names as given (HTTP names are caseless).
    package var headers: [(name: String, value: String)]
    /// The request body.
    package var body: Body
    /// Where the response body goes.
    package var responseDestination: ResponseDestination
    /// Maximum time to establish the TCP (and TLS) connection.
    package var connectTimeout: Duration
    /// Abort when fewer than 1 byte per second moves for this long (CURLOPT_LOW_SPEED_LIMIT /
    /// CURLOPT_LOW_SPEED_TIME); nil disables the check.
    package var lowSpeedTimeout: Duration?
    /// Limit on the whole exchange; nil (the default) means none. The Lambda Runtime API
    /// long-poll `GET /2018-06-01/runtime/invocation/next` needs both this and
    /// ``lowSpeedTimeout`` set to nil, since it may stay silent for minutes.
    package var timeout: Duration?
    /// Called on the sending thread as bytes move; see ``HTTPProgress``.
    package var progress: (@Sendable (HTTPProgress) -> Void)?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, upper case.
    ///   - url: The absolute, already-encoded URL.
    ///   - headers: Header fields in send order.
    ///   - body: The body (default none).
    ///   - responseDestination: Where a 2xx body goes (default memory).
    ///   - connectTimeout: Connection timeout (default 10 s).
    ///   - lowSpeedTimeout: Stall timeout (default 30 s below 1 byte/s).
    ///   - timeout: Whole-request timeout (default none).
    ///   - progress: Optional progress callback.
    package init(
        method: String, url: String, headers: [(name: String, value: String)] = [],
        body: Body = .none, responseDestination: ResponseDestination = .memory,
        connectTimeout: Duration = .seconds(10), lowSpeedTimeout: Duration? = .seconds(30),
        timeout: Duration? = nil, progress: (@Sendable (HTTPProgress) -> Void)? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.responseDestination = responseDestination
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
        self.timeout = timeout
        self.progress = progress
    }

    /// The host (and port) of ``url``, for messages: `bucket.s3.eu-west-1.amazonaws.com`.
    package var host: String { HTTPRedaction.host(of: url) }

    /// `PUT https://host/path?X-Amz-Signature=<redacted> [Authorization: <redacted>, ...]`.
    package var description: String {
        let fields = headers.map { "\($0.name): \(HTTPRedaction.redact(headerName: $0.name, value: $0.value))" }
        return "\(method) \(HTTPRedaction.redact(url: url)) [\(fields.joined(separator: ", "))]"
    }
}

/// Bytes moved so far by one request, as libcurl reports them (CURLOPT_XFERINFOFUNCTION).
package struct HTTPProgress: Sendable, Hashable {
    /// Request-body bytes sent so far.
    package var bytesSent: Int64
    /// Request-body size in bytes, 0 when unknown.
    package var totalBytesToSend: Int64
    /// Response-body bytes received so far.
    package var bytesReceived: Int64
    /// Response-body size in bytes (from `Content-Length`), 0 when unknown.
    package var totalBytesToReceive: Int64

    /// Creates a progress value; all counts are bytes.
    package init(bytesSent: Int64, totalBytesToSend: Int64, bytesReceived: Int64, totalBytesToReceive: Int64) {
        self.bytesSent = bytesSent
        self.totalBytesToSend = totalBytesToSend
        self.bytesReceived = bytesReceived
        self.totalBytesToReceive = totalBytesToReceive
    }
}
