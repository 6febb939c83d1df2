import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `thumbgen serve` with THUMBGEN_FORMATS=jpeg,webp,avif, used as the page uses it: a photo
/// posted to `POST /thumbnails`, another through `POST /uploads` + presigned PUT (the S3 event
/// makes its thumbnails in the background), then `GET /thumbnails/{key}` with the `Accept`
/// headers browsers send. Every answer is followed to its bytes, which the format's own
/// reference decoder (djpeg, dwebp, avifdec; not thumbgen) must decode to the thumbnail's size.
@Suite struct ServeFormatsTests {
    static let chrome = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
    static let safari17 = "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"

    /// (Accept, query, the type that must come back).
    static let cases: [(accept: String?, query: String, type: String)] = [
        (chrome, "", "image/avif"),
        (safari17, "", "image/avif"),
        ("image/webp,*/*", "", "image/webp"), // Firefox 65–92: no AVIF, so not by its */*
        ("image/webp,image/apng,image/*,*/*;q=0.8", "", "image/webp"), // Chrome 66–84
        ("image/avif;q=0,image/webp", "", "image/webp"),
        ("image/jpeg", "", "image/jpeg"),
        ("*/*", "", "image/jpeg"), // curl
        (nil, "", "image/jpeg"),
        (chrome, "?format=jpeg", "image/jpeg"),
        ("image/jpeg", "?format=webp", "image/webp"),
        ("image/jpeg", "?format=avif", "image/avif"),
    ]

    @Test func browsersGetTheirFormatThroughServe() throws {
        #expect(ReferenceDecoder.missing.isEmpty, "reference decoders missing (.ci/install-test-deps installs them): \(ReferenceDecoder.missing)")
        let serve = try ServeUnderTest(environment: ["THUMBGEN_FORMATS": "jpeg,webp,avif"])
        defer { serve.close() }
        let photo = Array(try Data(contentsOf: BinaryRunner.example("photo.jpg")))

        // 1. As the page sends a small file: the body of POST /thumbnails, made at once.
        let posted = try TestHTTP.send("POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "image/jpeg")], body: photo)
        #expect(posted.status == 201, "\(String(decoding: posted.body, as: UTF8.self))")
        let postedJSON = try TestHTTP.json(posted)
        let postedKey = try #require(postedJSON["key"] as? String)
        let thumbnails = try #require(postedJSON["thumbnails"] as? [[String: Any]])
        #expect(thumbnails.compactMap { $0["contentType"] as? String } == ["image/jpeg", "image/webp", "image/avif"])
        let width = try #require(thumbnails.first?["width"] as? Int), height = try #require(thumbnails.first?["height"] as? Int)
        #expect(max(width, height) == 256)
        let expected = ReferenceDecoder.Decoded(width: width, height: height)

        // 2. As the page sends a large file: presigned PUT, then poll until the S3 event's
        // thumbnails are all there (AVIF is stored last).
        let upload = try TestHTTP.send("POST", serve.baseURL + "/uploads?contentType=image%2Fjpeg&size=\(photo.count)")
        #expect(upload.status == 200)
        let uploadJSON = try TestHTTP.json(upload)
        let uploadedKey = try #require(uploadJSON["key"] as? String)
        let put = try TestHTTP.send(
            uploadJSON["method"] as? String ?? "PUT", try #require(uploadJSON["url"] as? String), headers: [("Content-Type", "image/jpeg")],
            body: photo)
        #expect(put.status == 200)
        var made = false
        for _ in 0..<400 where !made {
            made = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/\(Self.path(uploadedKey))?format=avif").status == 302
            if !made { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(made, "the presigned upload's AVIF thumbnail never appeared: \(serve.log.all)")

        for key in [postedKey, uploadedKey] {
            for (accept, query, type) in Self.cases {
                let what = "\(key) Accept \(accept ?? "(none)") \(query)"
                let headers = accept.map { [("Accept", $0)] } ?? []
                let redirect = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/\(Self.path(key))" + query, headers: headers)
                #expect(redirect.status == 302, "\(what)")
                #expect(redirect.headers["vary"] == "Accept", "\(what)")
                let location = try #require(redirect.headers["location"], "\(what)")
                let fetched = try TestHTTP.send("GET", location.hasPrefix("http") ? location : serve.baseURL + location)
                #expect(fetched.status == 200, "\(what)")
                #expect(fetched.headers["content-type"] == type, "\(what)")
                do {
                    #expect(try ReferenceDecoder.decode(fetched.body, as: type) == expected, "\(what)")
                } catch {
                    Issue.record("\(what): \(error)")
                }
            }
        }

        // Nothing acceptable: 406, and it too varies by Accept.
        for accept in ["text/html", "image/gif", "image/avif;q=0, image/webp;q=0, image/jpeg;q=0, image/png;q=0, */*"] {
            let refused = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/\(Self.path(postedKey))", headers: [("Accept", accept)])
            #expect(refused.status == 406, "Accept \(accept)")
            #expect(refused.headers["vary"] == "Accept", "Accept \(accept)")
        }
    }

    /// `key` as a URL path: each segment percent-encoded, slashes kept.
    static func path(_ key: String) -> String {
        key.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? String($0)
        }.joined(separator: "/")
    }
}
