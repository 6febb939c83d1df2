import FoundationEssentials
import ThumbgenBasics
import ThumbgenHTTP
import ThumbgenSigV4

/// A client for the CloudWatch Logs JSON 1.1 API: `POST /` requests named by `X-Amz-Target`,
/// signed, retried (throttling, 5xx, connection failures) and clock-corrected by the shared
/// ``AWSRequestSender``; errors decoded from `__type`.
///
/// Thread-safe. Source: Amazon CloudWatch Logs API Reference.
package struct CloudWatchLogsClient: Sendable {
    /// The endpoint, e.g. `https://logs.eu-west-1.amazonaws.com` or `http://127.0.0.1:5000`.
    package let endpoint: String
    /// The region requests are signed for, e.g. `eu-west-1`.
    package let region: String
    /// Signs, sends and retries.
    package let sender: AWSRequestSender

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: Credentials, region and endpoint override (see ``AWSConfiguration/resolve(service:flags:environment:files:)``
    ///     with ``AWSServiceID/cloudWatchLogs``); without an override the public regional endpoint is used.
    ///   - httpClient: The transport.
    ///   - retryPolicy: Attempts and backoff per call (default ``AWSRetryPolicy/standard``).
    ///   - clock: Time, sleep and randomness (injectable so tests and Ctrl-C handling can shorten waits).
    package init(
        configuration: AWSConfiguration, httpClient: any HTTPClient, retryPolicy: AWSRetryPolicy = .standard,
        clock: AWSClock = .system
    ) {
        self.endpoint = configuration.endpointURL ?? AWSServiceID.cloudWatchLogs.defaultEndpoint(region: configuration.region)
        self.region = configuration.region
        self.sender = AWSRequestSender(
            http: httpClient, credentials: configuration.credentials, region: configuration.region,
            service: .cloudWatchLogs, retryPolicy: retryPolicy, clock: clock)
    }

    /// One page of `FilterLogEvents`.
    ///
    /// - Parameters:
    ///   - query: Group, window, pattern and stream prefix.
    ///   - nextToken: The previous page's token, nil for the first page.
    /// - Returns: The page, with events outside the stream prefix removed.
    /// - Throws: ``AWSError``: `.service` with `serviceCode` `ResourceNotFoundException` for a
    ///   missing group (message names group and region), expired credentials, throttling
    ///   after the retries; `.transport`; `.invalidResponse`.
    package func filterLogEvents(_ query: FilterLogEventsQuery, nextToken: String? = nil) throws(AWSError) -> FilterLogEventsPage {
        let subject = "log group '\(query.logGroupName)' in region \(region)"
        var page: FilterLogEventsPage = try call(.filterLogEvents, body: FilterLogEventsBody(query, nextToken: nextToken), subject: subject)
        page.events.removeAll { !query.admits($0) }
        return page
    }

    /// Sends one action and decodes its answer.
    ///
    /// - Parameters:
    ///   - action: The API action.
    ///   - body: The request's JSON body.
    ///   - subject: What the call is about, for messages: `log group '/aws/lambda/x' in region eu-west-1`.
    /// - Returns: The decoded answer.
    /// - Throws: ``AWSError`` after the last attempt, or at once when not retryable.
    func call<Answer: Decodable>(_ action: CloudWatchLogsProtocol.Action, body: some Encodable, subject: String) throws(AWSError) -> Answer {
        let response = try send(action, body: body, subject: subject)
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(response.body.isEmpty ? Array("{}".utf8) : response.body))
        } catch {
            throw AWSError(
                code: .invalidResponse,
                message: "CloudWatch Logs \(action.rawValue) for \(subject): the service's answer (HTTP \(response.status)) is unreadable: \(DecodingProblem.describe(error))",
                httpStatus: response.status, requestID: response.headers[CloudWatchLogsProtocol.Header.requestID])
        }
    }

    /// Sends one action through ``sender`` and returns the 2xx response.
    func send(_ action: CloudWatchLogsProtocol.Action, body: some Encodable, subject: String) throws(AWSError) -> HTTPResponse {
        let bytes: [UInt8]
        do {
            bytes = Array(try JSONEncoder().encode(body))
        } catch {
            throw AWSError(code: .invalidArgument, message: "CloudWatch Logs \(action.rawValue) for \(subject): cannot encode the request")
        }
        return try sender.send(request(action, body: bytes, subject: subject)) { response, _ in
            Self.serviceError(response, action: action, subject: subject)
        }
    }

    /// The unsigned request for `action`: `POST` to the endpoint's path with the JSON 1.1 headers.
    func request(_ action: CloudWatchLogsProtocol.Action, body: [UInt8], subject: String) -> AWSRequest {
        let (base, path) = Self.split(endpoint: endpoint)
        return AWSRequest(
            method: "POST", endpoint: base, encodedPath: path,
            headers: [
                (HTTPHeaderName.contentType, CloudWatchLogsProtocol.contentType),
                (CloudWatchLogsProtocol.Header.target, action.target),
            ],
            body: .bytes(body), payloadHash: PayloadHash.sha256Hex(body), subject: subject)
    }

    /// Splits an endpoint URL into scheme plus authority (the scheme's default port dropped,
    /// as SigV4 signs `Host` without it) and the path (`/` when none).
    static func split(endpoint: String) -> (base: String, path: String) {
        guard let scheme = endpoint.firstRange(of: "://") else { return (endpoint, "/") }
        let afterScheme = endpoint[scheme.upperBound...]
        let slash = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = String(afterScheme[..<slash])
        let schemeName = endpoint[..<scheme.lowerBound].lowercased()
        if schemeName == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        if schemeName == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        let path = afterScheme[slash...].prefix { $0 != "?" && $0 != "#" }
        return (endpoint[..<scheme.upperBound] + authority, path.isEmpty ? "/" : String(path))
    }
}
