import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenLambda

/// The run loop against ``RuntimeAPITestServer`` (the test's own Runtime API server) on 127.0.0.1.
@Suite(.serialized) struct RunLoopTests {
    private func loop(_ server: RuntimeAPITestServer, logs: LineCollector, traces: LineCollector) throws -> LambdaRunLoop {
        LambdaRunLoop(
            client: try LambdaRuntimeClient(endpoint: server.endpoint),
            logSink: logs.sink, traceSink: traces.optionalSink)
    }

    @Test func nextThenResponse() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        server.enqueue(
            .init(
                requestID: "8476a536-e9f4-11e8-9739-2dfe598c3fcd", deadlineMilliseconds: 1_542_409_706_888,
                payload: Array(#"{"hello":"world"}"#.utf8)))
        let logs = LineCollector(), traces = LineCollector()
        let handler = ClosureHandler { invocation, log in
            log.set("event", "echo")
            return Array("{\"echo\":\(String(decoding: invocation.payload, as: UTF8.self))}".utf8)
        }
        let handled = try loop(server, logs: logs, traces: traces).run(handler: handler, limit: 1)
        #expect(handled == 1)
        let posts = server.posts
        try #require(posts.count == 1)
        #expect(posts[0].kind == .response)
        #expect(posts[0].requestID == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        #expect(posts[0].status == 202)
        #expect(posts[0].bodyText == #"{"echo":{"hello":"world"}}"#)
        #expect(posts[0].contentType == "application/json")
        let line = try jsonObject(logs.lines.first ?? nil)
        #expect(line["requestId"] as? String == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        #expect(line["event"] as? String == "echo")
        #expect(line["outcome"] as? String == "ok")
        #expect((line["ms"] as? Int).map { $0 >= 0 } == true)
    }

    @Test func handlerErrorIsReportedAndTheLoopGoesOn() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        for id in ["bad-1", "good-2", "bad-3", "good-4"] {
            server.enqueue(.init(requestID: id, deadlineMilliseconds: nowMilliseconds() + 60_000, payload: Array(id.utf8)))
        }
        let logs = LineCollector(), traces = LineCollector()
        let handler = ClosureHandler { invocation, log in
            log.set("key", "photos/cat.jpg")
            if invocation.requestID.hasPrefix("bad") { throw TypedTestError() }
            return Array("ok".utf8)
        }
        #expect(try loop(server, logs: logs, traces: traces).run(handler: handler, limit: 4) == 4)
        let posts = server.posts
        #expect(posts.map(\.kind) == [.error, .response, .error, .response])
        #expect(posts.map(\.requestID) == ["bad-1", "good-2", "bad-3", "good-4"])
        #expect(posts.allSatisfy { $0.status == 202 })
        #expect(posts[0].errorTypeHeader == "TestError.broken")
        let body = try jsonObject(posts[0].bodyText)
        #expect(body["errorType"] as? String == "TestError.broken")
        #expect(body["errorMessage"] as? String == "photos/cat.jpg: broken on purpose")
        #expect(body.count == 2)
        let line = try jsonObject(logs.lines[0])
        #expect(line["outcome"] as? String == "error")
        #expect(line["key"] as? String == "photos/cat.jpg", "fields set before the throw are kept")
        #expect(line["errorType"] as? String == "TestError.broken")
    }

    @Test func untypedErrorReportsItsTypeName() throws {
        let report = LambdaErrorReport(CocoaError(.fileNoSuchFile))
        #expect(report.errorType == "CocoaError")
        let json = try jsonObject(String(decoding: LambdaErrorReport(errorType: "A\"B", errorMessage: "line\none").jsonBytes, as: UTF8.self))
        #expect(json["errorType"] as? String == "A\"B")
        #expect(json["errorMessage"] as? String == "line\none")
    }

    @Test func invocationHeadersAndTraceEnvironment() throws {
        let server = try RuntimeAPITestServer()
        defer { server.stop() }
        let deadline = nowMilliseconds() + 30_000
        server.enqueue(
            .init(
                requestID: "req-1", deadlineMilliseconds: deadline,
                functionARN: "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
                traceID: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                payload: Array("{}".utf8)))
        server.enqueue(.init(requestID: "req-2", deadlineMilliseconds: deadline, traceID: nil, payload: Array("{}".utf8)))
        let seen = LineCollector()
        let logs = LineCollector(), traces = LineCollector()
        let handler = ClosureHandler { invocation, _ in
            seen.sink("\(invocation.requestID)|\(invocation.deadlineMilliseconds)|\(invocation.invokedFunctionARN)|\(invocation.traceID ?? "-")")
            let remaining = invocation.remainingMilliseconds(nowMilliseconds: nowMilliseconds())
            seen.sink(remaining > 0 && remaining <= 30_000 ? "remaining-ok" : "remaining-bad \(remaining)")
            return []
        }
        try loop(server, logs: logs, traces: traces).run(handler: handler, limit: 2)
        #expect(
            seen.lines == [
                "req-1|\(deadline)|arn:aws:lambda:us-east-2:123456789012:function:custom-runtime|Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                "remaining-ok",
                "req-2|\(deadline)|arn:aws:lambda:eu-west-1:123456789012:function:thumbgen|-",
                "remaining-ok",
            ])
        #expect(traces.lines == ["Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", nil])
    }

    @Test func traceEnvironmentIsSetAndCleared() {
        LambdaRunLoop.setTraceEnvironment("Root=1-abc")
        #expect(ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"] == "Root=1-abc")
        LambdaRunLoop.setTraceEnvironment(nil)
        #expect(ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"] == nil)
    }

    @Test func oversizedResponseBecomesAnErrorReport() throws {
        let server = try RuntimeAPITestServer(maximumResponseBytes: 1000)
        defer { server.stop() }
        server.enqueue(.init(requestID: "big", deadlineMilliseconds: nowMilliseconds() + 1000, payload: []))
        let logs = LineCollector(), traces = LineCollector()
        let handler = ClosureHandler { _, _ in [UInt8](repeating: 0x41, count: 5000) }
        try loop(server, logs: logs, traces: traces).run(handler: handler, limit: 1)
        let posts = server.posts
        #expect(posts.map(\.status) == [413, 202])
        #expect(posts.map(\.kind) == [.response, .error])
        #expect(posts.last?.errorTypeHeader == "Runtime.ResponseRejected")
        #expect(try jsonObject(logs.lines[0])["outcome"] as? String == "error")
    }

    @Test func runtimeAPIGoneEndsTheLoop() throws {
        let server = try RuntimeAPITestServer()
        server.stop()
        let logs = LineCollector(), traces = LineCollector()
        let handler = ClosureHandler { _, _ in [] }
        #expect { try loop(server, logs: logs, traces: traces).run(handler: handler, limit: 1) } throws: { error in
            (error as? LambdaRuntimeError)?.code == .transport
        }
    }
}
