import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenTestSupport

@testable import ThumbgenAWS

/// The client against a real CloudWatch Logs emulator (moto in server mode) on 127.0.0.1.
@Suite(.enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.skipMessage)))
struct CloudWatchLogsClientTests {
    typealias Support = CloudWatchLogsTestSupport

    /// Two streams, 25 events: five share one millisecond across both streams.
    static func seed(_ client: CloudWatchLogsClient, group: String, base: Int64) throws -> [String] {
        try client.createLogGroup(group)
        try client.createLogStream("2026/11/29/[$LATEST]aaaa", group: group)
        try client.createLogStream("2026/11/29/[$LATEST]bbbb", group: group)
        var a: [InputLogEvent] = [], b: [InputLogEvent] = []
        for index in 0..<25 {
            let timestamp = base + (index < 5 ? 0 : Int64(index) * 10)
            let event = InputLogEvent(timestamp: timestamp, message: "event \(index)\(index % 6 == 0 ? " ERROR" : "")\n")
            if index % 2 == 0 { a.append(event) } else { b.append(event) }
        }
        try client.putLogEvents(a, stream: "2026/11/29/[$LATEST]aaaa", group: group)
        try client.putLogEvents(b, stream: "2026/11/29/[$LATEST]bbbb", group: group)
        return (0..<25).map { "event \($0)\($0 % 6 == 0 ? " ERROR" : "")\n" }
    }

    @Test func pagesThroughEveryEventOnceInTimeOrder() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let group = Support.uniqueGroup()
        let base = Support.nowMilliseconds - 60_000
        let expected = try Self.seed(client, group: group, base: base)
        var events: [FilteredLogEvent] = []
        var pages = 0
        let query = FilterLogEventsQuery(logGroupName: group, startTime: base - 1000, limit: 7)
        let ending = try LogEventPager.run(fetch: { (token) throws(AWSError) in try client.filterLogEvents(query, nextToken: token) }) {
            pages += 1
            events += $0
        }
        #expect(ending == .lastPage)
        #expect(pages == 4)
        #expect(events.count == 25)
        #expect(Set(events.map(\.message)) == Set(expected))
        #expect(events.compactMap(\.timestamp) == events.compactMap(\.timestamp).sorted())
        #expect(Set(events.map(\.identity)).count == 25)
        #expect(events.filter { $0.timestamp == base }.count == 5)
    }

    @Test func filterPatternAndTimeWindowNarrow() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let group = Support.uniqueGroup()
        let base = Support.nowMilliseconds - 60_000
        _ = try Self.seed(client, group: group, base: base)
        let errors = try client.filterLogEvents(FilterLogEventsQuery(logGroupName: group, filterPattern: "ERROR"))
        #expect(errors.events.map(\.message) == ["event 0 ERROR\n", "event 6 ERROR\n", "event 12 ERROR\n", "event 18 ERROR\n", "event 24 ERROR\n"])
        let window = try client.filterLogEvents(FilterLogEventsQuery(logGroupName: group, startTime: base + 200, endTime: base + 220))
        #expect(window.events.map(\.message) == ["event 20\n", "event 21\n", "event 22\n"])
    }

    @Test func streamPrefixKeepsOnlyMatchingStreams() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let group = Support.uniqueGroup()
        _ = try Self.seed(client, group: group, base: Support.nowMilliseconds - 60_000)
        let page = try client.filterLogEvents(FilterLogEventsQuery(logGroupName: group, logStreamNamePrefix: "2026/11/29/[$LATEST]b"))
        #expect(page.events.count == 12)
        #expect(page.events.allSatisfy { $0.logStreamName == "2026/11/29/[$LATEST]bbbb" })
    }

    @Test func missingGroupIsOneLineNamingGroupAndRegion() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let error = #expect(throws: AWSError.self) {
            try client.filterLogEvents(FilterLogEventsQuery(logGroupName: "/aws/lambda/no-such-function"))
        }
        #expect(error?.code == .service)
        #expect(error?.serviceCode == "ResourceNotFoundException")
        #expect(error?.httpStatus == 400)
        #expect(error?.isRetryable == false)
        #expect(error?.message.hasPrefix("log group '/aws/lambda/no-such-function' in region us-east-1 does not exist") == true)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func describeLogGroupsByPrefix() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let group = Support.uniqueGroup()
        try client.createLogGroup(group)
        #expect(try client.describeLogGroups(prefix: group) == [group])
        #expect(try client.describeLogGroups(prefix: group + "-nothing").isEmpty)
    }

    @Test func throttlingIsRetriedWithJitteredBackoff() throws {
        let server = try #require(MotoServer.shared)
        let seeder = Support.client(server)
        let group = Support.uniqueGroup()
        _ = try Self.seed(seeder, group: group, base: Support.nowMilliseconds - 60_000)
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 2)
        let sleeps = SleepRecorder()
        let client = Support.client(server, httpClient: fake, sleeps: sleeps)
        let page = try client.filterLogEvents(FilterLogEventsQuery(logGroupName: group))
        #expect(page.events.count == 25)
        #expect(fake.injected == 2)
        #expect(sleeps.recorded.count == 2)
        #expect(sleeps.recorded[0] <= .milliseconds(200))
        #expect(sleeps.recorded[1] <= .milliseconds(400))
    }

    @Test func throttlingOutlastingTheRetriesIsRetryableError() throws {
        let server = try #require(MotoServer.shared)
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 10, status: 503, errorType: "ServiceUnavailableException")
        let client = Support.client(server, httpClient: fake)
        let error = #expect(throws: AWSError.self) { try client.filterLogEvents(FilterLogEventsQuery(logGroupName: "g")) }
        #expect(fake.injected == 4)
        #expect(error?.isRetryable == true)
        #expect(error?.serviceCode == "ServiceUnavailableException")
        #expect(error?.requestID == "fake-request-id")
    }

    @Test func expiredCredentialsAreAClearErrorNotRetried() throws {
        let server = try #require(MotoServer.shared)
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 1, errorType: "ExpiredTokenException")
        let client = Support.client(server, httpClient: fake)
        let error = #expect(throws: AWSError.self) { try client.filterLogEvents(FilterLogEventsQuery(logGroupName: "/aws/lambda/x")) }
        let found = try #require(error)
        #expect(CloudWatchLogsClient.isExpiredCredentials(found))
        #expect(found.isRetryable == false)
        #expect(found.message.hasPrefix("AWS credentials expired during CloudWatch Logs FilterLogEvents for log group '/aws/lambda/x' in region us-east-1"))
        #expect(fake.injected == 1)
    }

    @Test func requestCarriesTheJSONProtocolHeadersAndASignature() throws {
        let configuration = AWSConfiguration(
            profileName: "default", credentials: .init(accessKeyID: "AKID", secretAccessKey: "s"),
            region: "eu-west-1", endpointURL: nil)
        let client = CloudWatchLogsClient(configuration: configuration, httpClient: CurlHTTPClient())
        let request = client.sender.signed(client.request(.filterLogEvents, body: Array("{}".utf8), subject: "test"))
        #expect(request.url == "https://logs.eu-west-1.amazonaws.com/")
        #expect(request.method == "POST")
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["x-amz-target"] == "Logs_20140328.FilterLogEvents")
        #expect(headers["content-type"] == "application/x-amz-json-1.1")
        #expect(headers["host"] == "logs.eu-west-1.amazonaws.com")
        let authorization = try #require(headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/"))
        #expect(authorization.contains("/eu-west-1/logs/aws4_request"))
        #expect(authorization.contains("x-amz-target"))
    }

    /// The whole signed request against botocore: `SigV4Auth(credentials, "logs", "eu-west-1").add_auth(...)`
    /// on the same POST at 2026-11-29T14:05:09Z (botocore 1.35.99) gave this `Authorization`.
    @Test func signatureMatchesBotocore() throws {
        let configuration = AWSConfiguration(
            profileName: "default",
            credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "eu-west-1", endpointURL: nil)
        let fixed = Date(timeIntervalSince1970: 1_795_961_109)
        let client = CloudWatchLogsClient(
            configuration: configuration, httpClient: CurlHTTPClient(),
            clock: AWSClock(now: { fixed }, sleep: { _ in }, random: { 0 }))
        let body = Array(#"{"logGroupName":"/aws/lambda/thumbgen"}"#.utf8)
        let request = client.sender.signed(client.request(.filterLogEvents, body: body, subject: "test"))
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["x-amz-date"] == "20261129T140509Z")
        #expect(
            headers["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/eu-west-1/logs/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=f1e70e4146f487288813778ea58ac766fa0713bdb4bc8ee1021b2391c367bf2b")
    }

    @Test(arguments: [
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000", "/"),
        ("https://logs.eu-west-1.amazonaws.com:443", "https://logs.eu-west-1.amazonaws.com", "/"),
        ("http://localhost:80/proxy/logs", "http://localhost", "/proxy/logs"),
    ])
    func endpointSplitsIntoBaseAndPath(endpoint: String, base: String, path: String) {
        let split = CloudWatchLogsClient.split(endpoint: endpoint)
        #expect(split.base == base)
        #expect(split.path == path)
    }
}
