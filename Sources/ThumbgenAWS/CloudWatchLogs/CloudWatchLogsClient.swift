#if canImport(Glibc)
import Glibc
#endif
import Crypto
import FoundationEssentials
import ThumbgenHTTP
import ThumbgenSigV4

/// A client for the CloudWatch Logs JSON 1.1 API: SigV4-signed `POST /` requests named by
/// `X-Amz-Target`, retried with jittered backoff on throttling, 5xx and connection failures.
///
/// Thread-safe; holds no mutable state. Source: Amazon CloudWatch Logs API Reference.
public struct CloudWatchLogsClient: Sendable {
    /// The endpoint, e.g. `https://logs.eu-west-1.amazonaws.com` or `http://127.0.0.1:5000`.
    public let endpoint: String
    /// The region requests are signed for, e.g. `eu-west-1`.
    public let region: String
    /// The retry schedule for one call.
    public let backoff: JitteredBackoff
    let credentials: AWSCredentials
    let httpClient: any HTTPClient
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) -> Void

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: Credentials, region and endpoint override (see ``AWSConfiguration/resolve(service:flags:environment:files:)``
    ///     with ``AWSServiceID/cloudWatchLogs``); without an override the public regional endpoint is used.
    ///   - httpClient: The transport.
    ///   - backoff: The retry schedule (default: the SDKs' standard mode).
    ///   - now: The clock used for signing.
    ///   - sleep: How to wait between retries (injectable so tests and Ctrl-C handling can shorten it).
    public init(configuration: AWSConfiguration, httpClient: any HTTPClient, backoff: JitteredBackoff = .standard,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) -> Void = CloudWatchLogsClient.threadSleep) {
        self.endpoint = configuration.endpointURL ?? AWSServiceID.cloudWatchLogs.defaultEndpoint(region: configuration.region)
        self.region = configuration.region
        self.credentials = configuration.credentials
        self.httpClient = httpClient
        self.backoff = backoff
        self.now = now
        self.sleep = sleep
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
    public func filterLogEvents(_ query: FilterLogEventsQuery, nextToken: String? = nil) throws(AWSError) -> FilterLogEventsPage {
        let subject = "log group '\(query.logGroupName)' in region \(region)"
        var page: FilterLogEventsPage = try call(.filterLogEvents, body: FilterLogEventsBody(query, nextToken: nextToken), subject: subject)
        page.events.removeAll { !query.admits($0) }
        return page
    }

    /// Sends one action with retries and decodes its answer.
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
            throw AWSError(code: .invalidResponse, message: "CloudWatch Logs \(action.rawValue) for \(subject): unreadable answer: \(error)",
                           httpStatus: response.status, requestID: response.headers[CloudWatchLogsProtocol.Header.requestID])
        }
    }

    /// Sends one action, retrying retryable failures per ``backoff``, and returns the 2xx response.
    func send(_ action: CloudWatchLogsProtocol.Action, body: some Encodable, subject: String) throws(AWSError) -> HTTPResponse {
        let bytes: [UInt8]
        do {
            bytes = Array(try JSONEncoder().encode(body))
        } catch {
            throw AWSError(code: .invalidArgument, message: "CloudWatch Logs \(action.rawValue) for \(subject): cannot encode request: \(error)")
        }
        var attempt = 1
        while true {
            let failure: AWSError
            do {
                let response = try httpClient.send(signedRequest(action, body: bytes))
                if response.isSuccess { return response }
                failure = Self.serviceError(response, action: action, subject: subject)
            } catch {
                failure = AWSError(code: .transport, message: "CloudWatch Logs \(action.rawValue) for \(subject): \(error.message)",
                                   isRetryable: error.isRetryable, underlying: error)
            }
            guard failure.isRetryable, attempt < backoff.maxAttempts else { throw failure }
            sleep(backoff.delay(beforeRetry: attempt))
            attempt += 1
        }
    }

    /// The HTTP request for `action`, signed with SigV4 for service `logs`.
    func signedRequest(_ action: CloudWatchLogsProtocol.Action, body: [UInt8]) -> HTTPRequest {
        let (host, path) = Self.split(endpoint: endpoint)
        let header = CloudWatchLogsProtocol.Header.self
        let headers: [(name: String, value: String)] = [
            (header.host, host),
            (header.contentType, CloudWatchLogsProtocol.contentType),
            (header.target, action.target),
        ]
        let payloadHash = SHA256.hash(data: body).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        let signer = SigV4Signer(credentials: credentials, region: region, service: AWSServiceID.cloudWatchLogs.signingName)
        let toSign = SigV4Request(method: "POST", encodedPath: path, query: [],
                                  headers: headers.map { ($0.name.lowercased(), $0.value) }, payloadHash: payloadHash)
        let signature = signer.signatureHeaders(for: toSign, date: now())
        let base = endpoint.hasSuffix(path) ? String(endpoint.dropLast(path.count)) : endpoint
        return HTTPRequest(method: "POST", url: base + path, headers: headers + signature, body: .bytes(body),
                           timeout: .seconds(60))
    }

    /// Splits an endpoint URL into the `Host` value (default ports dropped, as SigV4 signs
    /// it) and the path (`/` when none).
    static func split(endpoint: String) -> (host: String, path: String) {
        var host = HTTPRedaction.host(of: endpoint)
        if endpoint.hasPrefix("https://"), host.hasSuffix(":443") { host.removeLast(4) }
        if endpoint.hasPrefix("http://"), host.hasSuffix(":80") { host.removeLast(3) }
        guard let scheme = endpoint.firstRange(of: "://") else { return (host, "/") }
        let afterScheme = endpoint[scheme.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return (host, "/") }
        let path = afterScheme[slash...].prefix { $0 != "?" && $0 != "#" }
        return (host, path.isEmpty ? "/" : String(path))
    }

    /// Sleeps the calling thread.
    public static let threadSleep: @Sendable (Duration) -> Void = { duration in
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
