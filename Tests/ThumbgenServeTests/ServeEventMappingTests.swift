import Foundation
import Testing
import ThumbgenService

@testable import ThumbgenServe

/// A function double for these tests (the thumbnail function itself is tested elsewhere):
/// keeps every event it receives and answers with a fixed response document.
final class RecordingFunction: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [[UInt8]] = []
    let answer: [UInt8]?

    init(answer: String?) { self.answer = answer.map { Array($0.utf8) } }

    var events: [[String: Any]] {
        lock.lock(); defer { lock.unlock() }
        return received.compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }

    var function: ServeRouter.Function {
        { event in
            self.lock.lock(); self.received.append(event); self.lock.unlock()
            return self.answer
        }
    }
}

/// The local server turns HTTP into payload 2.0 events and answers back into HTTP, over real
/// sockets on 127.0.0.1.
@Suite struct ServeEventMappingTests {
    private func withServer(
        _ recorder: RecordingFunction, limits: ServeLimits = ServeLimits(),
        _ body: (String, LogLines) throws -> Void
    ) throws {
        let log = LogLines()
        let server = try LocalHTTPServer(host: "127.0.0.1", port: 0, limits: limits, imageJobs: 1, imageQueue: 2) { log.append($0) }
        server.start(ServeRouter(function: recorder.function))
        defer { server.stop(); server.waitUntilStopped(); server.shutdown() }
        try body(server.baseURL, log)
    }

    @Test func binaryBodyBecomesBase64EventAndBase64AnswerBecomesBytes() throws {
        let image: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x00, 0xFF, 0x80]
        let answerBody = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]).base64EncodedString()
        let recorder = RecordingFunction(
            answer: """
                {"statusCode":201,"headers":{"Content-Type":"image/png","X-Thing":"a"},"cookies":["c=1"],"body":"\(answerBody)","isBase64Encoded":true}
                """)
        try withServer(recorder) { base, log in
            let response = try TestHTTP.send(
                "POST", base + "/thumbnails?name=My%20Cat%2B1.jpg&size=1&size=2",
                headers: [("Content-Type", "image/jpeg"), ("Cookie", "a=1; b=2"), ("X-Custom", "x")],
                body: image)
            #expect(response.status == 201)
            #expect(response.body == [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
            #expect(response.headers["content-type"] == "image/png")
            #expect(response.headers["x-thing"] == "a")
            #expect(response.headers["set-cookie"] == "c=1")
            let event = try #require(recorder.events.first)
            #expect(event["version"] as? String == "2.0")
            #expect(event["routeKey"] as? String == "$default")
            #expect(event["rawPath"] as? String == "/thumbnails")
            #expect(event["rawQueryString"] as? String == "name=My%20Cat%2B1.jpg&size=1&size=2")
            let query = try #require(event["queryStringParameters"] as? [String: String])
            #expect(query == ["name": "My Cat+1.jpg", "size": "1,2"])
            let headers = try #require(event["headers"] as? [String: String])
            #expect(headers["content-type"] == "image/jpeg")
            #expect(headers["x-custom"] == "x")
            #expect(headers["cookie"] == nil)
            #expect(event["cookies"] as? [String] == ["a=1", "b=2"])
            #expect(event["isBase64Encoded"] as? Bool == true)
            let body = try #require(event["body"] as? String)
            #expect(Data(base64Encoded: body).map(Array.init) == image)
            let context = try #require(event["requestContext"] as? [String: Any])
            let http = try #require(context["http"] as? [String: Any])
            #expect(http["method"] as? String == "POST")
            #expect(http["path"] as? String == "/thumbnails")
            #expect(http["sourceIp"] as? String == "127.0.0.1")
            #expect(context["stage"] as? String == "$default")
            #expect((context["timeEpoch"] as? Int ?? 0) > 1_700_000_000_000)
            #expect(log.all.count == 1)
            #expect(log.all.first?.contains("\"POST /thumbnails?name=My%20Cat%2B1.jpg&size=1&size=2\" 201 6 ") == true)
        }
    }

    @Test func jsonBodyStaysTextAndJSONWithoutStatusCodeIs200() throws {
        let recorder = RecordingFunction(answer: #"{"key":"photos/a.jpg","url":"http://x/y"}"#)
        try withServer(recorder) { base, _ in
            let response = try TestHTTP.send(
                "POST", base + "/uploads", headers: [("Content-Type", "application/json")],
                body: Array(#"{"name":"a.jpg"}"#.utf8))
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"key":"photos/a.jpg","url":"http://x/y"}"#)
            let event = try #require(recorder.events.first)
            #expect(event["isBase64Encoded"] as? Bool == false)
            #expect(event["body"] as? String == #"{"name":"a.jpg"}"#)
        }
    }

    @Test func functionFailureIs500LikeAPIGateway() throws {
        let recorder = RecordingFunction(answer: nil)
        try withServer(recorder) { base, _ in
            let response = try TestHTTP.send("GET", base + "/thumbnails/a.jpg")
            #expect(response.status == 500)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Internal Server Error"}"#)
        }
    }

    @Test func redirectAnswerKeepsLocationAndStatus() throws {
        let recorder = RecordingFunction(answer: #"{"statusCode":302,"headers":{"Location":"http://127.0.0.1:1/x?X-Amz-Signature=abc"}}"#)
        try withServer(recorder) { base, _ in
            let response = try TestHTTP.send("GET", base + "/thumbnails/photos/a.jpg")
            #expect(response.status == 302)
            #expect(response.headers["location"] == "http://127.0.0.1:1/x?X-Amz-Signature=abc")
            #expect(response.body.isEmpty)
        }
    }

    @Test func bodyOverTheCapIs413AndNeverReachesTheFunction() throws {
        let recorder = RecordingFunction(answer: #"{"statusCode":201}"#)
        var limits = ServeLimits()
        limits.functionBodyBytes = 1000
        try withServer(recorder, limits: limits) { base, log in
            let response = try TestHTTP.send(
                "POST", base + "/thumbnails", headers: [("Content-Type", "image/jpeg")],
                body: [UInt8](repeating: 0xFF, count: 5000))
            #expect(response.status == 413)
            #expect(String(decoding: response.body, as: UTF8.self).contains("limit of 1000 bytes"))
            #expect(recorder.events.isEmpty)
            #expect(log.all.first?.contains(" 413 ") == true)
        }
    }

    @Test func eventOverLambdaPayloadLimitIs413() throws {
        let recorder = RecordingFunction(answer: #"{"statusCode":201}"#)
        try withServer(recorder) { base, _ in
            // 5 MB of binary becomes 6.7 MB of base64: over Lambda's 6 MB, under API Gateway's 10 MB.
            let response = try TestHTTP.send(
                "POST", base + "/thumbnails", headers: [("Content-Type", "image/jpeg")],
                body: [UInt8](repeating: 0xAB, count: 5 * 1024 * 1024))
            #expect(response.status == 413)
            #expect(recorder.events.isEmpty)
        }
    }

    @Test func stoppingLetsARunningRequestFinish() throws {
        let server = try LocalHTTPServer(host: "127.0.0.1", port: 0, limits: ServeLimits(), imageJobs: 1, imageQueue: 2) { _ in }
        server.start(
            ServeRouter(function: { _ in
                Thread.sleep(forTimeInterval: 0.4)
                return Array(#"{"statusCode":201,"body":"made"}"#.utf8)
            }))
        let result = Box()
        let url = server.baseURL + "/thumbnails"
        let thread = Thread {
            let response = try? TestHTTP.send("POST", url, body: [1])
            result.add("\(response?.status ?? 0) \(response.map { String(decoding: $0.body, as: UTF8.self) } ?? "")")
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.15)
        server.stop()
        server.waitUntilStopped()
        server.shutdown()
        for _ in 0..<100 where result.values.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
        #expect(result.values == ["201 made"])
    }
}
