import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenLambda

/// Start-up: endpoint checks and `/runtime/init/error`, against ``RuntimeAPITestServer``.
@Suite struct RuntimeStartTests {
    struct ConfigError: Error, CustomStringConvertible {
        var description: String { "THUMBGEN_THUMBNAILS_BUCKET is not set" }
    }

    @Test func setupFailureGoesToInitError() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        let logs = LineCollector()
        #expect {
            try LambdaRuntime.run(
                environment: ["AWS_LAMBDA_RUNTIME_API": server.endpoint], logSink: logs.sink
            ) { () throws -> ClosureHandler in throw ConfigError() }
        } throws: { error in
            (error as? LambdaRuntimeError)?.code == .initializationFailed
        }
        let posts = server.posts
        try #require(posts.count == 1)
        #expect(posts[0].kind == .initError)
        #expect(posts[0].errorTypeHeader == "Runtime.InitError")
        let body = try jsonObject(posts[0].bodyText)
        #expect(body["errorMessage"] as? String == "THUMBGEN_THUMBNAILS_BUCKET is not set")
        #expect(server.nextRequests == 0, "no next after an init error")
        #expect(try jsonObject(logs.lines[0])["outcome"] as? String == "init-error")
    }

    @Test func handlerIsMadeOnceForManyEvents() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        for index in 0..<3 {
            server.enqueue(.init(requestID: "r\(index)", deadlineMilliseconds: nowMilliseconds() + 1000, payload: []))
        }
        let made = LineCollector()
        let handled = try LambdaRuntime.run(
            environment: ["AWS_LAMBDA_RUNTIME_API": server.endpoint], logSink: { _ in }, limit: 3
        ) {
            made.sink("made")
            return ClosureHandler { _, _ in Array("{}".utf8) }
        }
        #expect(handled == 3)
        #expect(made.lines.count == 1)
        #expect(server.posts.map(\.kind) == [.response, .response, .response])
    }

    @Test(arguments: ["", "http://127.0.0.1:9001", "127.0.0.1:9001/path", "host name:1"])
    func badEndpointIsRefused(endpoint: String) {
        #expect(throws: LambdaRuntimeError.self) { try LambdaRuntimeClient(endpoint: endpoint) }
    }

    @Test func requestIDIsEscapedInPaths() {
        #expect(LambdaRuntimeClient.escape("8476a536-e9f4-11e8-9739-2dfe598c3fcd") == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        #expect(LambdaRuntimeClient.escape("a/../b c") == "a%2F..%2Fb%20c")
        #expect(RuntimeAPI.responsePath(requestID: "abc") == "/2018-06-01/runtime/invocation/abc/response")
        #expect(RuntimeAPI.errorPath(requestID: "abc") == "/2018-06-01/runtime/invocation/abc/error")
        #expect(RuntimeAPI.initErrorPath == "/2018-06-01/runtime/init/error")
    }

    @Test func logRecordIsOneLineOfJSON() throws {
        var record = LambdaLogRecord()
        record.set("key", "photos/My Cat+1 (2).jpg\n\"quoted\"\u{1}")
        record.set("bytes", 1234)
        record.set("thumbnails", .array([.object([.init("width", .int(256)), .init("ok", .bool(true))])]))
        record.set("bytes", 99)
        let line = record.jsonLine
        #expect(!line.contains("\n"))
        #expect(line == #"{"key":"photos/My Cat+1 (2).jpg\n\"quoted\"\u0001","bytes":99,"thumbnails":[{"width":256,"ok":true}]}"#)
        let parsed = try jsonObject(line)
        #expect(parsed["key"] as? String == "photos/My Cat+1 (2).jpg\n\"quoted\"\u{1}")
    }
}
