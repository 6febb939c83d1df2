import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `thumbgen serve` with the real thumbnail function over folder storage, in-process on a
/// free port of 127.0.0.1: what a browser or `curl` sees.
@Suite struct ServeEndToEndTests {
    static let photo = BinaryRunner.example("photo.jpg")

    /// Width and height of an encoded image in memory.
    static func dimensions(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-dim-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let found = try #require(EncodedDimensions.of(file.path))
        return (found.width, found.height)
    }

    @Test func postedJPEGGives201AndTheThumbnailIsStoredAndServed() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let original = Array(try Data(contentsOf: Self.photo))
        let source = try Self.dimensions(original)
        let response = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "image/jpeg")],
            body: original)
        #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
        // Same origin only by default: no CORS header (issue 12 finding 6).
        #expect(response.headers["access-control-allow-origin"] == nil)
        let json = try TestHTTP.json(response)
        let key = try #require(json["key"] as? String)
        let thumbnail = try #require((json["thumbnails"] as? [[String: Any]])?.first)
        let thumbnailKey = try #require(thumbnail["key"] as? String)
        let width = try #require(thumbnail["width"] as? Int), height = try #require(thumbnail["height"] as? Int)
        // 256 on the longest side, the source's aspect ratio kept to the pixel.
        #expect(max(width, height) == 256)
        #expect(abs(Double(width) / Double(height) - Double(source.width) / Double(source.height)) < 0.01)
        // Both objects exist as files; the thumbnail file has the reported size and bytes.
        let stored = Array(try Data(contentsOf: serve.data.appendingPathComponent("thumbnails/" + thumbnailKey)))
        #expect(stored.count == thumbnail["bytes"] as? Int)
        #expect(try Self.dimensions(stored) == (width, height))
        #expect(Array(try Data(contentsOf: serve.data.appendingPathComponent("originals/" + key))) == original)
        // The presigned URL in the answer serves those bytes.
        let url = try #require(thumbnail["url"] as? String)
        #expect(url.hasPrefix(serve.baseURL + "/_local/thumbnails/"))
        let fetched = try TestHTTP.send("GET", url)
        #expect(fetched.status == 200)
        #expect(fetched.headers["content-type"] == "image/jpeg")
        #expect(fetched.body == stored)
        // The S3 event the stored original causes finds the thumbnails made (done once, not twice).
        var eventLine: String?
        for _ in 0..<100 where eventLine == nil {
            eventLine = serve.log.all.first { $0.contains("s3-event ObjectCreated:Put originals/\(key) ") }
            if eventLine == nil { usleep(50_000) }
        }
        #expect(eventLine?.contains(" skipped ") == true, "\(serve.log.all)")
    }

    @Test func presignedUploadFlowEndToEnd() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let upload = try TestHTTP.send("POST", serve.baseURL + "/uploads?contentType=image/jpeg&key=big/My%20Photo%2B1.jpg")
        #expect(upload.status == 200)
        let json = try TestHTTP.json(upload)
        #expect(json["key"] as? String == "big/My Photo+1.jpg")
        let url = try #require(json["url"] as? String)
        // Not there yet.
        let before = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/big/My%20Photo%2B1.jpg")
        #expect(before.status == 404)
        let put = try TestHTTP.send(
            json["method"] as? String ?? "PUT", url, headers: [("Content-Type", "image/jpeg")],
            body: Array(try Data(contentsOf: Self.photo)))
        #expect(put.status == 200)
        // The S3-event path makes the thumbnail in the background: poll as the page does.
        var found: HTTPResponseSummary?
        for _ in 0..<200 where found == nil {
            let response = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/big/My%20Photo%2B1.jpg")
            if response.status == 302 { found = HTTPResponseSummary(location: response.headers["location"] ?? "") } else { Thread.sleep(forTimeInterval: 0.05) }
        }
        let location = try #require(found?.location)
        let image = try TestHTTP.send("GET", location)
        #expect(image.status == 200)
        #expect(max(try Self.dimensions(image.body).width, try Self.dimensions(image.body).height) == 256)
        #expect(serve.log.all.contains { $0.contains("s3-event ObjectCreated:Put originals/big/My Photo+1.jpg ") && $0.contains(" done ") })
    }

    @Test func corruptFileGives422AndWritesNothing() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let damaged = Array(try Data(contentsOf: Self.photo).prefix(3000))
        let response = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "image/jpeg")],
            body: damaged)
        #expect(response.status == 422)
        let message = try #require(try TestHTTP.json(response)["message"] as? String)
        #expect(message.contains("corrupt"))
        #expect(serve.files().isEmpty)
    }

    @Test(arguments: ["../escape.jpg", "a/../../escape.jpg", "/abs.jpg", "a//b.jpg"])
    func keysLeavingTheDataFolderAreRefusedByTheFunctionRoutes(key: String) throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let encoded = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key
        let post = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails?key=\(encoded)", headers: [("Content-Type", "image/jpeg")],
            body: Array(try Data(contentsOf: Self.photo)))
        #expect(post.status == 400, "\(String(decoding: post.body, as: UTF8.self))")
        let upload = try TestHTTP.send("POST", serve.baseURL + "/uploads?key=\(encoded)")
        #expect(upload.status == 400)
        #expect(serve.files().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: serve.data.deletingLastPathComponent().appendingPathComponent("escape.jpg").path))
    }

    @Test func notAnImageIs415() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let response = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "text/plain")],
            body: Array("hello".utf8))
        #expect(response.status == 415)
        #expect(serve.files().isEmpty)
    }
}

struct HTTPResponseSummary { var location: String }
