import ThumbgenHTTP

/// One AWS API call before signing: where it goes and what it carries.
package struct AWSRequest: Sendable {
    /// The method, upper case.
    package var method: String
    /// Scheme and authority: `https://my-bucket.s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:8333`.
    package var endpoint: String
    /// The path exactly as sent, already URI-encoded (see ``S3KeyEncoding``), starting with `/`.
    package var encodedPath: String
    /// Raw (not encoded) query parameters; a flag parameter has value `""`.
    package var query: [(name: String, value: String)]
    /// Headers other than `host` and the signature headers.
    package var headers: [(name: String, value: String)]
    /// The body.
    package var body: HTTPRequest.Body
    /// Lower-case hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    package var payloadHash: String
    /// Where a 2xx body goes.
    package var responseDestination: HTTPRequest.ResponseDestination
    /// Progress callback.
    package var progress: (@Sendable (HTTPProgress) -> Void)?
    /// What the call is about, for messages: `s3://bucket/key`.
    package var subject: String

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - endpoint: Scheme and authority.
    ///   - encodedPath: The encoded path.
    ///   - query: Raw query parameters.
    ///   - headers: Extra headers.
    ///   - body: The body (default none).
    ///   - payloadHash: Hex SHA-256 of the body (default: that of the empty body).
    ///   - responseDestination: Where a 2xx body goes (default memory).
    ///   - progress: Progress callback.
    ///   - subject: The subject for messages.
    package init(
        method: String, endpoint: String, encodedPath: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: HTTPRequest.Body = .none,
        payloadHash: String = AWSRequest.emptyPayloadHash,
        responseDestination: HTTPRequest.ResponseDestination = .memory,
        progress: (@Sendable (HTTPProgress) -> Void)? = nil, subject: String
    ) {
        self.method = method
        self.endpoint = endpoint
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.body = body
        self.payloadHash = payloadHash
        self.responseDestination = responseDestination
        self.progress = progress
        self.subject = subject
    }

    /// SHA-256 of zero bytes, lower-case hex.
    package static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The authority of ``endpoint``: `127.0.0.1:8333`.
    package var host: String { HTTPRedaction.host(of: endpoint) }

    /// The full URL as sent: endpoint + path + `?` + encoded query.
    package var url: String {
        query.isEmpty ? endpoint + encodedPath : endpoint + encodedPath + "?" + S3KeyEncoding.queryString(query)
    }
}
