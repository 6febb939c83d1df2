import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenLambda

/// 100 events in a row: open file descriptors unchanged and resident memory bounded.
///
/// All test targets share one test process, whose other tests allocate and open files in
/// parallel; so the measurement runs in a quiet copy of this test process (the same test
/// bundle, started with a filter for the one measuring test and `THUMBGEN_RESOURCE_CHILD=1`),
/// which measures itself in-process through /proc/self/statm and /proc/self/fd.
@Suite struct ResourceGrowthTests {
    /// Allowed RSS growth over 100 events after a warm-up of 20: 1 MiB. Each event carries a
    /// 64 KiB payload and a 64 KiB response, so keeping them would add 12.5 MiB.
    static let rssBound = 1024 * 1024
    static let isChild = ProcessInfo.processInfo.environment["THUMBGEN_RESOURCE_CHILD"] == "1"

    @Test(.enabled(if: isChild, "runs only in the quiet child process started by hundredEventsInAQuietProcess"))
    func hundredEventsDoNotGrowFdsOrMemory() throws {
        let server = try RuntimeAPITestServer(keepsBodies: false)
        defer { server.stop() }
        let payload = [UInt8](repeating: 0x61, count: 64 * 1024)
        for index in 0..<120 {
            server.enqueue(.init(requestID: "event-\(index)", deadlineMilliseconds: nowMilliseconds() + 60_000, payload: payload))
        }
        let loop = LambdaRunLoop(
            client: try LambdaRuntimeClient(endpoint: server.endpoint),
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
        print("resource-growth: fds \(fdsBefore) -> \(fdsAfter), rss \(rssBefore) -> \(rssAfter) bytes")
        #expect(server.posts.count == 120)
        #expect(server.posts.filter { $0.kind == .error }.count == 12)
        #expect(fdsAfter == fdsBefore, "open fds \(fdsBefore) -> \(fdsAfter)")
        #expect(rssAfter - rssBefore < Self.rssBound, "RSS \(rssBefore) -> \(rssAfter) bytes")
    }

    @Test(.enabled(if: !isChild))
    func hundredEventsInAQuietProcess() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "hundredEventsDoNotGrowFdsOrMemory"]
        process.environment = ProcessInfo.processInfo.environment.merging(["THUMBGEN_RESOURCE_CHILD": "1"]) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-resource-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "child output:\n\(text)")
        #expect(text.contains("resource-growth: fds"), "the measuring test ran:\n\(text)")
        #expect(text.contains("hundredEventsDoNotGrowFdsOrMemory() passed"))
    }
}
