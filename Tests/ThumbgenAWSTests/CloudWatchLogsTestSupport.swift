import Foundation
import Synchronization
import ThumbgenHTTP
import ThumbgenSigV4
import ThumbgenTestSupport

@testable import ThumbgenAWS

/// Clients and data for the CloudWatch Logs tests against moto.
enum CloudWatchLogsTestSupport {
    static let region = "us-east-1"

    /// A client for `server` over the real libcurl transport (or `httpClient`), with sleeps recorded instead of slept.
    static func client(
        _ server: MotoServer, httpClient: any HTTPClient = CurlHTTPClient(),
        sleeps: SleepRecorder = SleepRecorder()
    ) -> CloudWatchLogsClient {
        let configuration = AWSConfiguration(
            profileName: "default",
            credentials: AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "testing"),
            region: region, endpointURL: server.endpoint)
        return CloudWatchLogsClient(
            configuration: configuration, httpClient: httpClient,
            clock: AWSClock(now: { Date() }, sleep: { sleeps.record($0) }, random: { Double.random(in: 0..<1) }))
    }

    /// A fresh group name, so tests sharing one server do not see each other's events.
    static func uniqueGroup() -> String { "/aws/lambda/thumbgen-test-\(UUID().uuidString.prefix(8))" }

    /// Creates a fresh group (``uniqueGroup()``) holding one stream named `stream`; returns the group.
    static func makeGroup(withStream stream: String, using client: CloudWatchLogsClient) throws -> String {
        let group = uniqueGroup()
        try client.createLogGroup(group)
        try client.createLogStream(stream, group: group)
        return group
    }

    /// Now in milliseconds since the epoch.
    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Records the waits a client asked for, without waiting.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])
    func record(_ duration: Duration) { waits.withLock { $0.append(duration) } }
    var recorded: [Duration] { waits.withLock { $0 } }
}

/// A FAKE transport: forwards to a real client but, after letting `after` requests for
/// `action` through, answers the next `failures` itself with the given status and `__type`,
/// to exercise retries and errors the emulator cannot produce.
final class FakeFailingHTTPClient: HTTPClient {
    let real: any HTTPClient
    let target: String
    let status: Int
    let errorType: String
    private let remaining: Mutex<Int>
    private let passes: Mutex<Int>
    private let seen = Mutex<Int>(0)

    init(
        real: any HTTPClient = CurlHTTPClient(), action: CloudWatchLogsProtocol.Action, failures: Int, after: Int = 0,
        status: Int = 400, errorType: String = "ThrottlingException"
    ) {
        self.passes = Mutex(after)
        self.real = real
        self.target = action.target
        self.status = status
        self.errorType = errorType
        self.remaining = Mutex(failures)
    }

    /// Requests answered with the injected error so far.
    var injected: Int { seen.withLock { $0 } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let isTarget = request.headers.contains { $0.name == CloudWatchLogsProtocol.Header.target && $0.value == target }
        let passing =
            isTarget
            && passes.withLock { count in
                guard count > 0 else { return false }
                count -= 1
                return true
            }
        let fail =
            isTarget && !passing
            && remaining.withLock { count in
                guard count > 0 else { return false }
                count -= 1
                return true
            }
        guard fail else { return try real.send(request) }
        seen.withLock { $0 += 1 }
        let body = #"{"__type": "\#(errorType)", "message": "injected by the test"}"#
        return HTTPResponse(status: status, headers: HTTPHeaders([("x-amzn-RequestId", "fake-request-id")]), body: Array(body.utf8))
    }
}
