import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenSigV4

@testable import ThumbgenAWS

/// Paging rules and de-duplication, on values (a repeated or endless token cannot be
/// provoked from the emulator, so those cases use a FAKE page source named as such).
@Suite struct CloudWatchLogsPagingTests {
    static func event(_ id: String, _ timestamp: Int64, stream: String = "s") -> FilteredLogEvent {
        FilteredLogEvent(eventId: id, timestamp: timestamp, logStreamName: stream, message: "m\(id)")
    }

    /// A FAKE `FilterLogEvents`: answers the scripted pages in order and records the tokens asked for.
    final class FakePageSource {
        var pages: [FilterLogEventsPage]
        var tokens: [String?] = []
        init(_ pages: [FilterLogEventsPage]) { self.pages = pages }
        func fetch(_ token: String?) throws(AWSError) -> FilterLogEventsPage {
            tokens.append(token)
            guard !pages.isEmpty else { throw AWSError(code: .invalidResponse, message: "script exhausted") }
            return pages.removeFirst()
        }
    }

    @Test func emptyPageWithTokenIsNotTheEnd() throws {
        let source = FakePageSource([
            FilterLogEventsPage(events: [], nextToken: "t1"),
            FilterLogEventsPage(events: [], nextToken: "t2"),
            FilterLogEventsPage(events: [Self.event("1", 5)], nextToken: nil),
        ])
        var delivered: [String] = []
        let ending = try LogEventPager.run(fetch: source.fetch) { delivered += $0.compactMap(\.eventId) }
        #expect(ending == .lastPage)
        #expect(delivered == ["1"])
        #expect(source.tokens == [nil, "t1", "t2"])
    }

    @Test func repeatedTokenStopsInsteadOfLooping() throws {
        let source = FakePageSource([
            FilterLogEventsPage(events: [Self.event("1", 5)], nextToken: "a"),
            FilterLogEventsPage(events: [Self.event("2", 6)], nextToken: "b"),
            FilterLogEventsPage(events: [Self.event("3", 7)], nextToken: "a"),
            FilterLogEventsPage(events: [Self.event("4", 8)], nextToken: nil),
        ])
        var delivered: [String] = []
        let ending = try LogEventPager.run(fetch: source.fetch) { delivered += $0.compactMap(\.eventId) }
        #expect(ending == .repeatedToken("a"))
        #expect(delivered == ["1", "2", "3"])
        #expect(source.pages.count == 1)
    }

    @Test func stopIsCheckedBeforeEachPage() throws {
        let source = FakePageSource([
            FilterLogEventsPage(events: [Self.event("1", 5)], nextToken: "a"),
            FilterLogEventsPage(events: [Self.event("2", 6)], nextToken: "b"),
        ])
        var calls = 0
        let ending = try LogEventPager.run(
            fetch: source.fetch,
            shouldStop: {
                calls += 1; return calls > 1
            }
        ) { _ in }
        #expect(ending == .stopped)
        #expect(source.tokens == [nil])
    }

    @Test func pageDecodesNullAndEmptyTokensAsTheEnd() throws {
        let decoder = JSONDecoder()
        let withNull = try decoder.decode(FilterLogEventsPage.self, from: Data(#"{"events": [], "nextToken": null}"#.utf8))
        let withEmpty = try decoder.decode(FilterLogEventsPage.self, from: Data(#"{"nextToken": ""}"#.utf8))
        let withToken = try decoder.decode(
            FilterLogEventsPage.self,
            from: Data(
                #"{"events": [{"eventId": "37134448277", "timestamp": 1764400000000, "ingestionTime": 1764400000123, "logStreamName": "s", "message": "hi\n"}], "nextToken": "Bxkq6k"}"#
                    .utf8))
        #expect(withNull.nextToken == nil && withNull.events.isEmpty)
        #expect(withEmpty.nextToken == nil)
        #expect(withToken.nextToken == "Bxkq6k")
        #expect(
            withToken.events == [
                FilteredLogEvent(
                    eventId: "37134448277", timestamp: 1_764_400_000_000, ingestionTime: 1_764_400_000_123,
                    logStreamName: "s", message: "hi\n")
            ])
    }

    @Test func deduplicatorAdmitsEachEventOnceIncludingSameMillisecond() {
        var deduplicator = EventDeduplicator(windowMilliseconds: 1000)
        let offered = [
            Self.event("1", 100), Self.event("2", 100), Self.event("1", 100, stream: "other"),
            Self.event("1", 100), Self.event("2", 100),
        ]
        let admitted = offered.map { deduplicator.admit($0) }
        #expect(admitted == [true, true, true, false, false])
        #expect(deduplicator.newestTimestamp == 100)
        #expect(deduplicator.count == 3)
    }

    @Test func deduplicatorTakesExtremeTimestamps() {
        var deduplicator = EventDeduplicator(windowMilliseconds: 10_000)
        let admitted = [Self.event("1", .min), Self.event("2", .max), Self.event("1", .min)].map { deduplicator.admit($0) }
        #expect(admitted == [true, true, true])
        #expect(deduplicator.count == 2)
    }

    @Test func deduplicatorForgetsOutsideTheWindowAndBeyondCapacity() {
        var deduplicator = EventDeduplicator(windowMilliseconds: 1000, capacity: 3)
        _ = deduplicator.admit(Self.event("1", 100))
        _ = deduplicator.admit(Self.event("2", 2000))
        #expect(deduplicator.count == 1)
        _ = deduplicator.admit(Self.event("3", 2001))
        _ = deduplicator.admit(Self.event("4", 2002))
        _ = deduplicator.admit(Self.event("5", 2002))
        #expect(deduplicator.count == 3)
        let readmitted = deduplicator.admit(Self.event("2", 2000))
        #expect(readmitted)
    }

    /// Every member of FilteredLogEvent is optional (API reference); MiniStack's Lambda log
    /// events carry no `eventId`.
    @Test func eventsDecodeWithAnySubsetOfFields() throws {
        let page = try JSONDecoder().decode(
            FilterLogEventsPage.self,
            from: Data(
                #"{"events": [{"logStreamName": "2026/12/05/[$LATEST]ab", "timestamp": 1764400000000, "message": "START RequestId: 1", "ingestionTime": 1764400000001}, {"message": "only a message"}, {}]}"#
                    .utf8))
        #expect(
            page.events == [
                FilteredLogEvent(timestamp: 1_764_400_000_000, ingestionTime: 1_764_400_000_001, logStreamName: "2026/12/05/[$LATEST]ab", message: "START RequestId: 1"),
                FilteredLogEvent(message: "only a message"),
                FilteredLogEvent(),
            ])
    }

    @Test func eventsWithoutIdsAreDeduplicatedByStreamTimestampAndMessage() {
        var deduplicator = EventDeduplicator(windowMilliseconds: 1000)
        let start = FilteredLogEvent(timestamp: 100, logStreamName: "s", message: "START")
        let offered = [
            start, FilteredLogEvent(timestamp: 100, logStreamName: "s", message: "END"), start,
            FilteredLogEvent(timestamp: 100, logStreamName: "t", message: "START"),
            FilteredLogEvent(timestamp: 101, logStreamName: "s", message: "START"),
            FilteredLogEvent(eventId: "START", timestamp: 100, logStreamName: "s"),
        ]
        let admitted = offered.map { deduplicator.admit($0) }
        #expect(admitted == [true, true, false, true, true, true])
        #expect(deduplicator.newestTimestamp == 101)
        // No timestamp: counted at the newest seen, still de-duplicated.
        let first = deduplicator.admit(FilteredLogEvent(message: "x")), again = deduplicator.admit(FilteredLogEvent(message: "x"))
        #expect(first && !again)
        #expect(deduplicator.newestTimestamp == 101)
    }

    /// An answer that is not the documented shape is one line naming the service, the action
    /// and the field, with no Swift decoding internals. No real server sends one, so a FAKE
    /// transport answers.
    @Test(arguments: [
        (#"{"events": 5}"#, "field 'events' is not a list"),
        (#"{"events": [{"timestamp": "soon"}]}"#, "field 'events[0].timestamp' is not a number"),
        ("<html>busy</html>", "not JSON"),
    ])
    func unreadableAnswerNamesServiceAndField(body: String, phrase: String) throws {
        struct FakeAnsweringHTTPClient: HTTPClient {
            var body: String
            func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse { HTTPResponse(status: 200, body: Array(body.utf8)) }
        }
        let configuration = AWSConfiguration(
            profileName: "default", credentials: AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "testing"),
            region: "eu-west-1", endpointURL: "http://127.0.0.1:9")
        let client = CloudWatchLogsClient(configuration: configuration, httpClient: FakeAnsweringHTTPClient(body: body))
        let error = #expect(throws: AWSError.self) {
            _ = try client.filterLogEvents(FilterLogEventsQuery(logGroupName: "/aws/lambda/thumbgen"))
        }
        let message = try #require(error?.message)
        #expect(
            message == "CloudWatch Logs FilterLogEvents for log group '/aws/lambda/thumbgen' in region eu-west-1: "
                + "the service's answer (HTTP 200) is unreadable: \(phrase)")
        for swiftTerm in ["DecodingError", "CodingKeys", "keyed decoding container", "Swift.", "Int64", "Array<"] {
            #expect(!message.contains(swiftTerm), "\(message)")
        }
    }
}
