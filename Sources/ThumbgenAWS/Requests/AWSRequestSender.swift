import FoundationEssentials
import Synchronization
import ThumbgenHTTP
import ThumbgenSigV4

/// Signs and sends AWS requests with retries and clock-skew correction. Service clients
/// (S3, CloudWatch Logs) build ``AWSRequest``s and decode their own error bodies.
/// Thread-safe; one per service per process.
///
/// Retries (AWS SDKs and Tools Reference Guide, "Retry behavior"): errors whose
/// ``AWSError/isRetryable`` is true (transport failures, 500/502/503/504, throttling) are
/// retried up to ``retryPolicy``'s attempts with full-jitter backoff; every attempt is signed
/// afresh. Clock skew: when the service rejects the signature's time (`RequestTimeTooSkewed`,
/// `RequestExpired`, `InvalidSignatureException`, `SignatureDoesNotMatch`) and the response's
/// `Date` differs from our clock by more than 4 minutes, the offset is learnt, kept for
/// later requests, and the request is re-signed and retried once.
package final class AWSRequestSender: Sendable {
    /// The transport.
    package let http: any HTTPClient
    /// The signing key pair.
    package let credentials: AWSCredentials
    /// The signing region.
    package let region: String
    /// The service (signing name).
    package let service: AWSServiceID
    /// The retry policy.
    package let retryPolicy: AWSRetryPolicy
    /// Time, sleep and randomness.
    package let clock: AWSClock
    private let offset = Mutex<TimeInterval>(0)

    /// Error codes that may mean "your clock is wrong" (as the AWS SDKs' clock-skew checks).
    package static let clockSkewCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch",
        "RequestInTheFuture", "AuthFailure",
    ]
    /// Minimum difference between our clock and the server's before we correct it: 4 minutes.
    package static let skewThreshold: TimeInterval = 240

    /// Creates a sender.
    ///
    /// - Parameters:
    ///   - http: The transport.
    ///   - credentials: The key pair.
    ///   - region: The signing region.
    ///   - service: The service.
    ///   - retryPolicy: The retry policy (default ``AWSRetryPolicy/standard``).
    ///   - clock: Time, sleep and randomness (default ``AWSClock/system``).
    package init(
        http: any HTTPClient, credentials: AWSCredentials, region: String, service: AWSServiceID,
        retryPolicy: AWSRetryPolicy = .standard, clock: AWSClock = .system
    ) {
        self.http = http
        self.credentials = credentials
        self.region = region
        self.service = service
        self.retryPolicy = retryPolicy
        self.clock = clock
    }

    /// The learnt difference server clock minus local clock, in seconds (0 until a skew is seen).
    package var clockOffset: TimeInterval { offset.withLock { $0 } }

    /// The time to sign with: the local clock corrected by ``clockOffset``.
    package func signingDate() -> Date { clock.now().addingTimeInterval(clockOffset) }

    /// Sends `request`, retrying as described above, and returns the 2xx response.
    ///
    /// - Parameters:
    ///   - request: The unsigned request.
    ///   - decodeError: Turns a non-2xx response into the service's ``AWSError``.
    /// - Returns: The successful response.
    /// - Throws: ``AWSError``: the decoded service error, or `.transport` wrapping an `HTTPError`.
    package func send(
        _ request: AWSRequest,
        decodeError: (HTTPResponse, AWSRequest) -> AWSError
    ) throws(AWSError) -> HTTPResponse {
        var attempt = 0
        var skewCorrected = false
        while true {
            attempt += 1
            let failure: AWSError
            do {
                let response = try http.send(signed(request))
                if response.isSuccess { return response }
                failure = decodeError(response, request)
                if !skewCorrected, let code = failure.serviceCode, Self.clockSkewCodes.contains(code),
                    let serverDate = response.headers[HTTPHeaderName.date].flatMap(HTTPDate.parse)
                {
                    let difference = serverDate.timeIntervalSince(signingDate())
                    if abs(difference) > Self.skewThreshold {
                        skewCorrected = true
                        offset.withLock { $0 = serverDate.timeIntervalSince(clock.now()) }
                        attempt -= 1
                        continue
                    }
                }
            } catch {
                failure = AWSError(
                    code: .transport, message: "\(request.subject): \(error.message)",
                    isRetryable: error.isRetryable, underlying: error)
            }
            guard failure.isRetryable, attempt < retryPolicy.maxAttempts else { throw failure }
            clock.sleep(retryPolicy.delay(beforeRetry: attempt - 1, random: clock.random()))
        }
    }

    /// The signed HTTP request for `request` at ``signingDate()``.
    ///
    /// - Parameter request: The unsigned request.
    /// - Returns: The request with `host` and the SigV4 headers added.
    package func signed(_ request: AWSRequest) -> HTTPRequest {
        var headers = [(name: HTTPHeaderName.host, value: request.host)] + request.headers
        let toSign = SigV4Request(
            method: request.method, encodedPath: request.encodedPath, query: request.query,
            headers: headers, payloadHash: request.payloadHash)
        headers += signer.signatureHeaders(for: toSign, date: signingDate())
        return HTTPRequest(
            method: request.method, url: request.url, headers: headers, body: request.body,
            responseDestination: request.responseDestination, progress: request.progress)
    }

    /// A presigned URL for `request` (`host` and the request's headers are signed, its body is
    /// not), valid `expires` seconds from now (AWS "Authenticating Requests: Using Query Parameters").
    ///
    /// - Parameters:
    ///   - request: The request (method, endpoint, path, query, headers to bind).
    ///   - expires: Validity in seconds, 1...604800.
    /// - Returns: The URL with the `X-Amz-*` query parameters appended.
    package func presignedURL(for request: AWSRequest, expires: Int) -> String {
        // `host` plus the request's own headers (e.g. Content-Type and Content-Length bound to
        // an upload): the holder of the URL must send exactly those.
        let toSign = SigV4Request(
            method: request.method, encodedPath: request.encodedPath, query: request.query,
            headers: [(name: HTTPHeaderName.host, value: request.host)] + request.headers,
            payloadHash: SigV4Names.unsignedPayload)
        var presigned = request
        presigned.query += signer.presignedQuery(for: toSign, date: signingDate(), expires: expires)
        return presigned.url
    }

    private var signer: SigV4Signer {
        SigV4Signer(credentials: credentials, region: region, service: service.signingName)
    }
}
