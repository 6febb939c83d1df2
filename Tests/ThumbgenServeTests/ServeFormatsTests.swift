import Foundation
import Testing
import ThumbgenImaging
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `thumbgen serve` with THUMBGEN_FORMATS=jpeg,webp,avif: every format stored, and
/// `GET /thumbnails/{key}` answering each client by its `Accept` (or `?format=`), over HTTP.
@Suite struct ServeFormatsTests {
    @Test func acceptNegotiationThroughServe() throws {
        let serve = try ServeUnderTest(environment: ["THUMBGEN_FORMATS": "jpeg,webp,avif"])
        defer { serve.close() }
        let original = Array(try Data(contentsOf: BinaryRunner.example("photo.jpg")))
        let posted = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails?key=cat.jpg", headers: [("Content-Type", "image/jpeg")],
            body: original)
        #expect(posted.status == 201, "\(String(decoding: posted.body, as: UTF8.self))")
        let types = (try TestHTTP.json(posted)["thumbnails"] as? [[String: Any]])?.compactMap { $0["contentType"] as? String }
        #expect(types == ["image/jpeg", "image/webp", "image/avif"])

        let cases: [(accept: String?, query: String, type: String)] = [
            ("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "", "image/avif"), // Chromium
            ("image/webp,*/*;q=0.5", "", "image/webp"),
            ("image/jpeg", "", "image/jpeg"),
            ("image/avif,image/webp,*/*", "?format=jpeg", "image/jpeg"),
        ]
        for (accept, query, type) in cases {
            let headers = accept.map { [("Accept", $0)] } ?? []
            let redirect = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/cat.jpg" + query, headers: headers)
            #expect(redirect.status == 302)
            #expect(redirect.headers["vary"] == "Accept")
            let location = try #require(redirect.headers["location"])
            let fetched = try TestHTTP.send("GET", location.hasPrefix("http") ? location : serve.baseURL + location)
            #expect(fetched.status == 200)
            #expect(fetched.headers["content-type"] == type, "Accept \(accept ?? "-") \(query)")
            #expect(ImageFormat.sniff(fetched.body)?.mimeType == type)
        }
        let none = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/cat.jpg", headers: [("Accept", "text/html")])
        #expect(none.status == 406)
    }
}
