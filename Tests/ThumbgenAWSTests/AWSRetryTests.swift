import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenSigV4

@testable import ThumbgenAWS

/// Retry and clock-skew logic with a scripted fake transport: a real server cannot be made
/// to answer 503 or SlowDown on demand.
@Suite struct AWSRetryTests {
    /// A FAKE transport that answers from a script and records every request it was sent.
    final class FakeFlakyTransport: HTTPClient, @unchecked Sendable {
        enum Step {
            case respond(HTTPResponse)
            case fail(HTTPError)
        }
        private let lock = NSLock()
        private var steps: [Step]
        private(set) var requests: [HTTPRequest] = []

        init(_ steps: [Step]) { self.steps = steps }

        var sentCount: Int { lock.withLock { requests.count } }
        func header(_ name: String, ofRequest index: Int) -> String? {
            lock.withLock { HTTPHeaders(requests[index].headers)[name] }
        }

        func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
            let step: Step = lock.withLock {
                requests.append(request)
                return steps.isEmpty ? .respond(HTTPResponse(status: 200)) : steps.removeFirst()
            }
            switch step {
            case .respond(let response): return response
            case .fail(let error): throw error
            }
        }
    }

    /// A clock that advances one second per reading and records sleeps.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_700_000_000)
        private(set) var sleeps: [Duration] = []
        var clock: AWSClock {
            AWSClock(
                now: {
                    self.lock.withLock {
                        self.current += 1; return self.current
                    }
                },
                sleep: { duration in self.lock.withLock { self.sleeps.append(duration) } },
                random: { 0.5 })
        }
    }

    static func s3Error(_ status: Int, _ code: String, date: String? = nil) -> FakeFlakyTransport.Step {
        var headers = HTTPHeaders([("x-amz-request-id", "REQ\(status)")])
        if let date { headers.append(name: "Date", value: date) }
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>scripted \(code)</Message><RequestId>REQ\(status)</RequestId></Error>"
        return .respond(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    func client(_ transport: FakeFlakyTransport, _ clock: ManualClock) -> S3Client {
        S3Client(
            credentials: AWSCredentials(accessKeyID: "AKIDFAKE", secretAccessKey: "secret"), region: "us-east-1",
            endpointURL: "http://fake.invalid:9", http: transport,
            retryPolicy: AWSRetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(20)),
            clock: clock.clock)
    }

    @Test(arguments: [(503, "SlowDown"), (500, "InternalError"), (502, "BadGateway"), (504, "GatewayTimeout"), (400, "RequestTimeout")])
    func retryableErrorsAreRetriedWithFullJitterBackoff(status: Int, code: String) throws {
        let transport = FakeFlakyTransport([Self.s3Error(status, code), Self.s3Error(status, code)])
        let clock = ManualClock()
        try client(transport, clock).deleteObject(bucket: "b", key: "k")
        #expect(transport.sentCount == 3)
        // random 0.5 × min(20 s, 100 ms × 2^retry)
        #expect(clock.sleeps == [.milliseconds(50), .milliseconds(100)])
    }

    @Test func connectionResetIsRetried() throws {
        let reset = HTTPError(code: .reset, message: "connection to fake.invalid:9 lost", host: "fake.invalid:9")
        let transport = FakeFlakyTransport([.fail(reset)])
        try client(transport, ManualClock()).deleteObject(bucket: "b", key: "k")
        #expect(transport.sentCount == 2)
    }

    @Test func attemptsAreBoundedAndTheLastErrorIsThrown() throws {
        let transport = FakeFlakyTransport(Array(repeating: Self.s3Error(503, "SlowDown"), count: 10))
        let clock = ManualClock()
        let error = #expect(throws: AWSError.self) { try client(transport, clock).deleteObject(bucket: "b", key: "k") }
        #expect(transport.sentCount == 4)
        #expect(clock.sleeps.count == 3)
        #expect(error?.serviceCode == "SlowDown")
        #expect(error?.isRetryable == true)
        #expect(error?.requestID == "REQ503")
        #expect(error?.message == "S3 SlowDown (503) for s3://b/k: scripted SlowDown [request id REQ503]")
    }

    @Test(arguments: [(403, "AccessDenied"), (404, "NoSuchBucket"), (400, "InvalidArgument"), (409, "BucketNotEmpty")])
    func otherClientErrorsAreNotRetried(status: Int, code: String) throws {
        let transport = FakeFlakyTransport([Self.s3Error(status, code)])
        let clock = ManualClock()
        let error = #expect(throws: AWSError.self) { try client(transport, clock).deleteObject(bucket: "b", key: "k") }
        #expect(transport.sentCount == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(error?.serviceCode == code)
    }

    @Test func everyAttemptIsSignedAfresh() throws {
        let transport = FakeFlakyTransport([Self.s3Error(503, "SlowDown")])
        try client(transport, ManualClock()).deleteObject(bucket: "b", key: "k")
        let first = try #require(transport.header("X-Amz-Date", ofRequest: 0))
        let second = try #require(transport.header("X-Amz-Date", ofRequest: 1))
        #expect(first != second)
        #expect(transport.header("Authorization", ofRequest: 0) != transport.header("Authorization", ofRequest: 1))
    }

    @Test func skewIsLearntFromDateAndKeptForLaterRequests() throws {
        // ManualClock starts at 2023-11-14T22:13:20Z; the server says one hour later.
        let transport = FakeFlakyTransport([Self.s3Error(403, "RequestTimeTooSkewed", date: "Tue, 14 Nov 2023 23:13:21 GMT")])
        let clock = ManualClock()
        let s3 = client(transport, clock)
        try s3.deleteObject(bucket: "b", key: "k")
        #expect(transport.sentCount == 2)
        #expect(clock.sleeps.isEmpty)
        #expect(abs(s3.sender.clockOffset - 3600) <= 2)
        #expect(transport.header("X-Amz-Date", ofRequest: 1)?.hasPrefix("20231114T2313") == true)
        try s3.deleteObject(bucket: "b", key: "k2")
        #expect(transport.header("X-Amz-Date", ofRequest: 2)?.hasPrefix("20231114T2313") == true)
    }

    @Test func skewIsCorrectedOnlyOnce() throws {
        let skew = Self.s3Error(403, "RequestTimeTooSkewed", date: "Tue, 14 Nov 2023 23:13:21 GMT")
        let transport = FakeFlakyTransport([skew, Self.s3Error(403, "RequestTimeTooSkewed", date: "Wed, 15 Nov 2023 23:13:21 GMT")])
        let error = #expect(throws: AWSError.self) { try client(transport, ManualClock()).deleteObject(bucket: "b", key: "k") }
        #expect(transport.sentCount == 2)
        #expect(error?.serviceCode == "RequestTimeTooSkewed")
    }

    @Test func backoffIsCapped() {
        let policy = AWSRetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(20))
        #expect(policy.delay(beforeRetry: 0, random: 0.999) < .seconds(1))
        #expect(policy.delay(beforeRetry: 3, random: 1) == .seconds(8))
        #expect(policy.delay(beforeRetry: 9, random: 1) == .seconds(20))
        #expect(policy.delay(beforeRetry: 9, random: 0) == .zero)
    }
}
