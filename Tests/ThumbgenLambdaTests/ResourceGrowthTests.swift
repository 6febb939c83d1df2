import Foundation
import Testing
import ThumbgenHTTP
@testable import ThumbgenLambda

/// 100 events in a row: open file descriptors unchanged and resident memory bounded.
@Suite struct ResourceGrowthTests {
    /// Allowed RSS growth over 100 events after a warm-up of 20: 2 MiB. Each event carries a
    /// 64 KiB payload and a 64 KiB response, so leaking them would add 12.5 MiB.
    static let rssBound = 2 * 1024 * 1024

    @Test func hundredEventsDoNotGrowFdsOrMemory() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        let payload = [UInt8](repeating: 0x61, count: 64 * 1024)
        for index in 0..<120 {
            server.enqueue(.init(requestID: "event-\(index)", deadlineMilliseconds: nowMilliseconds() + 60_000, payload: payload))
        }
        let loop = LambdaRunLoop(client: try LambdaRuntimeClient(endpoint: server.endpoint, httpClient: CurlHTTPClient()),
                                 logSink: { _ in }, traceSink: { _ in })
        let handler = ClosureHandler { invocation, log in
            log.set("bytes", invocation.payload.count)
            if invocation.requestID.hasSuffix("7") { throw TypedTestError() }
            return invocation.payload
        }
        try loop.run(handler: handler, limit: 20)
        let fdsBefore = openDescriptorCount()
        let rssBefore = residentBytes()
        try loop.run(handler: handler, limit: 100)
        let fdsAfter = openDescriptorCount()
        let rssAfter = residentBytes()
        #expect(server.posts.count == 120)
        #expect(fdsAfter == fdsBefore, "open fds \(fdsBefore) -> \(fdsAfter)")
        #expect(rssAfter - rssBefore < Self.rssBound, "RSS \(rssBefore) -> \(rssAfter) bytes")
    }
}
