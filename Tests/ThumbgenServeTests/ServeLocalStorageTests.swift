import Foundation
import Testing
import ThumbgenService
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `thumbgen serve` with folder storage, in-process on a free port: the page, the local
/// presigned PUT/GET URLs, and keys that would leave the data folder.
@Suite struct ServeLocalStorageTests {
    @Test func rootServesTheUploadPage() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let response = try TestHTTP.send("GET", serve.baseURL + "/")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        let html = String(decoding: response.body, as: UTF8.self)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains(#"<input id="files""#))
        #expect(html.contains(#"aria-live="polite""#))
        #expect(serve.log.all.contains { $0.contains("\"GET /\" 200 \(response.body.count) ") })
    }

    @Test func presignedPutStoresTheOriginalAtomicallyAndGetReadsItBack() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let key = "photos/My Cat+1 (2).jpg"
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDB] + [UInt8](repeating: 7, count: 1000)
        let expires = Int64(Date().timeIntervalSince1970) + 300
        let put = try TestHTTP.send(
            "PUT", presigner.url(method: "PUT", bucket: "originals", key: key, expires: expires),
            headers: [("Content-Type", "image/jpeg")], body: bytes)
        #expect(put.status == 200)
        #expect(serve.files() == ["originals/photos/My Cat+1 (2).jpg"])
        let stored = try Data(contentsOf: serve.data.appendingPathComponent("originals/photos/My Cat+1 (2).jpg"))
        #expect(Array(stored) == bytes)
        let get = try TestHTTP.send("GET", presigner.url(method: "GET", bucket: "originals", key: key, expires: expires))
        #expect(get.status == 200)
        #expect(get.headers["content-type"] == "image/jpeg")
        #expect(get.body == bytes)
        // The PUT URL does not allow GET, and the log never shows a signature.
        let wrongMethod = try TestHTTP.send("GET", presigner.url(method: "PUT", bucket: "originals", key: key, expires: expires))
        #expect(wrongMethod.status == 403)
        #expect(serve.log.all.allSatisfy { !$0.contains(String(presigner.url(method: "PUT", bucket: "originals", key: key, expires: expires).suffix(64))) })
        #expect(serve.log.all.contains { $0.contains("signature=REDACTED") })
    }

    @Test func storedOriginalTriggersAnS3EventWithTheEncodedKey() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let expires = Int64(Date().timeIntervalSince1970) + 300
        _ = try TestHTTP.send(
            "PUT", presigner.url(method: "PUT", bucket: "originals", key: "in/a b+c.jpg", expires: expires),
            body: [0xFF, 0xD8, 0xFF, 0x00])
        var line: String?
        for _ in 0..<100 where line == nil {
            line = serve.log.all.first { $0.contains("s3-event") }
            if line == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(line?.contains("ObjectCreated:Put originals/in/a b+c.jpg 4 ") == true)
    }

    @Test func alteredOrExpiredSignaturesAreRefusedAndWriteNothing() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let now = Int64(Date().timeIntervalSince1970)
        let good = presigner.url(method: "PUT", bucket: "originals", key: "a.jpg", expires: now + 300)
        let altered = good.replacingOccurrences(of: "/a.jpg?", with: "/b.jpg?")
        let expired = presigner.url(method: "PUT", bucket: "originals", key: "a.jpg", expires: now - 1)
        for url in [altered, expired, serve.baseURL + "/_local/originals/a.jpg"] {
            let response = try TestHTTP.send("PUT", url, body: [0xFF, 0xD8, 0xFF])
            #expect(response.status == 403, "\(url)")
        }
        #expect(serve.files().isEmpty)
    }

    /// Issue 12 finding 7: `nosniff` was only on the page; every answer carries it now
    /// (a stored object, a storage refusal, a function error, a redirect).
    @Test func everyAnswerSaysNosniff() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let now = Int64(Date().timeIntervalSince1970)
        let put = presigner.url(method: "PUT", bucket: "originals", key: "n.jpg", expires: now + 300)
        let get = presigner.url(method: "GET", bucket: "originals", key: "n.jpg", expires: now + 300)
        #expect(try TestHTTP.send("PUT", put, body: [0xFF, 0xD8, 0xFF]).status == 200)
        for (method, url, status) in [
            ("GET", get, 200), ("PUT", serve.baseURL + "/_local/originals/a.jpg", 403),
            ("GET", serve.baseURL + "/thumbnails/none.jpg", 404), ("GET", serve.baseURL + "/", 200),
        ] {
            let response = try TestHTTP.send(method, url)
            #expect(response.status == status, "\(method) \(url)")
            #expect(response.headers["x-content-type-options"] == "nosniff", "\(method) \(url)")
        }
    }

    @Test(arguments: ["../escape.jpg", "photos/../../escape.jpg", "./a.jpg", "a//b.jpg"])
    func keysLeavingTheDataFolderAreRefused(key: String) throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let expires = Int64(Date().timeIntervalSince1970) + 300
        // Sign the hostile key exactly, so only the key rule can refuse it; %2E%2E keeps curl from normalizing.
        let url = presigner.url(method: "PUT", bucket: "originals", key: key, expires: expires)
            .replacingOccurrences(of: "/../", with: "/%2E%2E/").replacingOccurrences(of: "/./", with: "/%2E/")
        let response = try TestHTTP.send("PUT", url, body: [0xFF, 0xD8, 0xFF])
        #expect(response.status == 400)
        #expect(serve.files().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: serve.data.deletingLastPathComponent().appendingPathComponent("escape.jpg").path))
    }
}

/// The session's presigner (folder storage).
enum ServeTestAccess {
    static func presigner(_ serve: ServeUnderTest) -> LocalPresigner? { serve.session.store?.presigner }
}

/// Listening on every address: presigned URLs are relative, so they work under any host name.
@Suite struct ServeWildcardTests {
    @Test func wildcardHostGivesRelativePresignedURLs() throws {
        let serve = try ServeUnderTest(arguments: ["--host", "0.0.0.0"])
        defer { serve.close() }
        #expect(serve.baseURL.hasPrefix("http://127.0.0.1:"))
        let upload = try TestHTTP.send("POST", serve.baseURL + "/uploads?contentType=image/png&key=a.png")
        #expect(upload.status == 200)
        let url = try #require(try TestHTTP.json(upload)["url"] as? String)
        #expect(url.hasPrefix("/_local/originals/a.png?expires="))
        let put = try TestHTTP.send("PUT", serve.baseURL + url, body: Array(try Data(contentsOf: BinaryRunner.example("parrots-alpha.png"))))
        #expect(put.status == 200)
    }
}
