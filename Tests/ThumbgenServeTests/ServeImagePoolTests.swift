import Foundation
import Testing
import ThumbgenHTTP

@testable import ThumbgenServe

/// Issue 12 finding 5: image work ran on a 2-thread pool shared with every route, and S3
/// events on an unbounded global queue, so the page waited behind images (19 s behind two
/// scan bombs) and memory grew with the events in flight. Now every image job goes through one
/// pool of `--jobs` with `--queue` waiting; the other routes never wait behind it.
@Suite(.serialized) struct ServeImagePoolTests {
    /// `POST /thumbnails` of the 4-megapixel fixture, on its own connection.
    static func postImage(_ baseURL: String, _ bytes: [UInt8]) -> Result<HTTPResponse, any Error> {
        Result {
            try TestHTTP.client.send(
                HTTPRequest(
                    method: "POST", url: baseURL + "/thumbnails", headers: [("Content-Type", "image/png")],
                    body: .bytes(bytes), timeout: .seconds(300)))
        }
    }

    /// Runs `body` on a thread of its own (blocking requests must not share Swift
    /// concurrency's pool of one thread per core), `group` entered until it returns.
    static func onThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread.detachNewThread {
            body()
            group.leave()
        }
    }

    /// While two large images are being made (the old pool had two threads for everything),
    /// the page is answered before either is done.
    @Test func pageAnswersWhileImagesAreMade() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let png = try ServeFixtures.bytes("flat-4mp.png")
        let finished = LogLines()
        let baseURL = serve.baseURL
        let group = DispatchGroup()
        for _ in 0..<2 {
            Self.onThread(group) { finished.append("image \((try? Self.postImage(baseURL, png).get().status) ?? 0)") }
        }
        // Let the two requests reach the server and start.
        Thread.sleep(forTimeInterval: 0.8)
        Self.onThread(group) { finished.append("page \((try? TestHTTP.send("GET", baseURL + "/").status) ?? 0)") }
        group.wait()
        #expect(finished.all.count == 3)
        #expect(finished.all.first == "page 200", "the page waited behind image jobs: \(finished.all)")
        #expect(finished.all.filter { $0 == "image 201" }.count == 2, "\(finished.all)")
    }

    /// With one job and one waiting, further image requests are turned away at once with
    /// `503` and `Retry-After`, and the ones admitted are made.
    @Test func fullImageQueueAnswers503WithRetryAfter() throws {
        let serve = try ServeUnderTest(arguments: ["--jobs", "1", "--queue", "1"])
        defer { serve.close() }
        let png = try ServeFixtures.bytes("flat-4mp.png")
        let baseURL = serve.baseURL
        let responses = ResponseList()
        let group = DispatchGroup()
        for _ in 0..<5 {
            Self.onThread(group) { responses.append(try? Self.postImage(baseURL, png).get()) }
        }
        group.wait()
        let statuses = responses.all.map { $0?.status ?? 0 }.sorted()
        #expect(statuses.filter { $0 == 201 }.count >= 2, "\(statuses)")
        #expect(statuses.filter { $0 == 503 }.count >= 1, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 503 }, "\(statuses)")
        let busy = responses.all.compactMap { $0 }.first { $0.status == 503 }
        #expect(busy?.headers["retry-after"] == "2")
    }

    /// S3 events run in the same pool as requests: with one job and no queue, an original
    /// uploaded through a presigned URL occupies the pool while its thumbnails are made, and
    /// `POST /thumbnails` meanwhile gets `503` (events used to run on a global queue of their
    /// own, beside any number of requests).
    @Test func s3EventsShareThePoolWithRequests() throws {
        let serve = try ServeUnderTest(arguments: ["--jobs", "1", "--queue", "0"])
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let png = try ServeFixtures.bytes("flat-4mp.png")
        let expires = Int64(Date().timeIntervalSince1970) + 300
        let put = try TestHTTP.send(
            "PUT", presigner.url(method: "PUT", bucket: "originals", key: "event.png", expires: expires),
            headers: [("Content-Type", "image/png")], body: png)
        #expect(put.status == 200)
        let post = try Self.postImage(serve.baseURL, png).get()
        #expect(post.status == 503, "\(String(decoding: post.body, as: UTF8.self))")
        // The event itself is made, not dropped.
        var line: String?
        for _ in 0..<1200 where line == nil {
            line = serve.log.all.first { $0.contains("s3-event") }
            if line == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(line?.contains("originals/event.png") == true)
        #expect(line?.contains("abandoned") == false)
    }

    /// SIGTERM while images are being made and more wait (ten requests of several seconds
    /// each, default settings): the real process stops accepting, lets the running jobs finish
    /// or abandons them, and exits within 10 s with status 0.
    @Test func sigtermWhileBusyExitsWithinTenSeconds() throws {
        let serve = try ServeProcess()
        defer { serve.stop() }
        let png = try ServeFixtures.bytes("flat-4mp.png")
        let baseURL = serve.baseURL
        let group = DispatchGroup()
        for _ in 0..<10 { Self.onThread(group) { _ = Self.postImage(baseURL, png) } }
        // Let the requests arrive: images are being made, more wait or were turned away.
        Thread.sleep(forTimeInterval: 2)
        let seconds = serve.signalAndWait(SIGTERM, seconds: 10)
        #expect(seconds != nil, "still running 10 s after SIGTERM: \(serve.text)")
        if seconds != nil { #expect(serve.process.terminationStatus == 0) }
        #expect(serve.text.contains("thumbgen serve: stopped"))
        serve.stop()
        group.wait()
    }
}

/// Responses collected from several threads.
final class ResponseList: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPResponse?] = []
    func append(_ response: HTTPResponse?) { lock.lock(); responses.append(response); lock.unlock() }
    var all: [HTTPResponse?] { lock.lock(); defer { lock.unlock() }; return responses }
}
