import Foundation
import Testing
import ThumbgenImaging

@testable import ThumbgenService

/// The function's routes and S3 handling over ``FolderObjectStore`` (no network).
@Suite struct FolderFunctionTests {
    func makeFunction(_ folder: TemporaryFolder) throws -> ThumbnailFunction {
        ThumbnailFunction(
            configuration: try ServiceFixtures.configuration(), store: FolderObjectStore(root: folder.path),
            newKey: { "fixed-id" })
    }

    @Test func postThumbnailsMakesEverySize() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let jpeg = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        let (response, log) = try ServiceFixtures.run(try makeFunction(folder), ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", body: jpeg))
        #expect(response["statusCode"] as? Int == 201)
        let headers = try #require(response["headers"] as? [String: String])
        #expect(headers["Access-Control-Allow-Origin"] == nil)
        #expect(headers["Content-Type"] == "application/json")
        let body = try ServiceFixtures.body(response)
        #expect(body["key"] as? String == "uploads/fixed-id.jpg")
        let thumbnails = try #require(body["thumbnails"] as? [[String: Any]])
        #expect(thumbnails.map { $0["key"] as? String } == ["thumbnails/32/uploads/fixed-id.jpg.jpg", "thumbnails/64/uploads/fixed-id.jpg.jpg"])
        #expect(thumbnails.map { $0["width"] as? Int } == [32, 64])
        #expect(thumbnails.map { $0["height"] as? Int } == [21, 43])
        #expect(thumbnails.allSatisfy { ($0["url"] as? String)?.hasPrefix("file://") == true })
        #expect(
            folder.files() == [
                "originals/uploads/fixed-id.jpg", "thumbnails/thumbnails/32/uploads/fixed-id.jpg.jpg",
                "thumbnails/thumbnails/64/uploads/fixed-id.jpg.jpg",
            ])
        #expect(log["status"] as? Int == 201)
        #expect(log["event"] as? String == "http-v2.0")
    }

    @Test(arguments: [
        ("kodim23-truncated.jpg", 422, "corruptImage"),
        ("s3-put.json", 415, "unsupportedMediaType"),
    ])
    func badBodiesWriteNothing(fixture: String, status: Int, code: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let payload = ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", body: try ServiceFixtures.bytes(fixture))
        let (response, _) = try ServiceFixtures.run(try makeFunction(folder), payload)
        #expect(response["statusCode"] as? Int == status)
        let body = try ServiceFixtures.body(response)
        #expect(body["error"] as? String == code)
        #expect((body["message"] as? String)?.isEmpty == false)
        #expect(folder.files() == [])
    }

    @Test func emptyAndOversizedBodies() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder)
        let empty = try ServiceFixtures.run(function, ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", body: []))
        #expect(empty.response["statusCode"] as? Int == 400)
        let big = [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 4_600_000)
        let large = try ServiceFixtures.run(function, ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", body: big))
        #expect(large.response["statusCode"] as? Int == 413)
        #expect(folder.files() == [])
    }

    @Test func getRedirectsOnceTheThumbnailExists() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder)
        let key = "photos/My Cat+1 (2).jpg"
        let get = ServiceFixtures.httpV2(
            method: "GET", path: "/thumbnails/photos/My%20Cat%2B1%20%282%29.jpg", query: ["size": "64"],
            pathParameters: ["key": key])
        let missing = try ServiceFixtures.run(function, get)
        #expect(missing.response["statusCode"] as? Int == 404)
        #expect(try ServiceFixtures.body(missing.response)["error"] as? String == "notFound")
        _ = try ServiceFixtures.run(
            function,
            ServiceFixtures.httpV2(
                method: "POST", path: "/thumbnails", query: ["key": key],
                body: try ServiceFixtures.bytes("kodim23-baseline.jpg")))
        let found = try ServiceFixtures.run(function, get)
        #expect(found.response["statusCode"] as? Int == 302)
        let location = try #require((found.response["headers"] as? [String: String])?["Location"])
        #expect(location.hasSuffix("/thumbnails/thumbnails/64/photos/My%20Cat+1%20(2).jpg.jpg"))
        let badSize = try ServiceFixtures.run(function, ServiceFixtures.httpV2(method: "GET", path: "/thumbnails/x.jpg", query: ["size": "999"]))
        #expect(badSize.response["statusCode"] as? Int == 400)
    }

    @Test func uploadsGivePresignedPut() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder)
        let (response, _) = try ServiceFixtures.run(function, try ServiceFixtures.bytes("http-v2-post-uploads.json"))
        #expect(response["statusCode"] as? Int == 200)
        let body = try ServiceFixtures.body(response)
        #expect(body["key"] as? String == "photos/big.jpg")
        #expect(body["method"] as? String == "PUT")
        #expect((body["headers"] as? [String: String])?["Content-Type"] == "image/jpeg")
        let gif = try ServiceFixtures.run(function, ServiceFixtures.httpV2(method: "POST", path: "/uploads", query: ["contentType": "image/gif"]))
        #expect(gif.response["statusCode"] as? Int == 415)
    }

    @Test(arguments: [("OPTIONS", "/thumbnails", 204), ("GET", "/nowhere", 404), ("PUT", "/thumbnails", 405), ("GET", "/uploads", 405)])
    func otherRoutes(method: String, path: String, status: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Default: same origin only, no CORS headers (issue 12 finding 6).
        let (plain, _) = try ServiceFixtures.run(try makeFunction(folder), ServiceFixtures.httpV2(method: method, path: path))
        #expect(plain["statusCode"] as? Int == status)
        #expect((plain["headers"] as? [String: String])?["Access-Control-Allow-Origin"] == nil)
        #expect((plain["headers"] as? [String: String])?["Access-Control-Allow-Methods"] == nil)
        // With an origin configured (THUMBGEN_CORS_ORIGIN), every answer carries the CORS headers.
        var configuration = try ServiceFixtures.configuration()
        configuration.corsOrigin = "https://photos.example.com"
        let function = ThumbnailFunction(configuration: configuration, store: FolderObjectStore(root: folder.path), newKey: { "fixed-id" })
        let (response, _) = try ServiceFixtures.run(function, ServiceFixtures.httpV2(method: method, path: path))
        #expect(response["statusCode"] as? Int == status)
        #expect((response["headers"] as? [String: String])?["Access-Control-Allow-Origin"] == "https://photos.example.com")
        #expect((response["headers"] as? [String: String])?["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS")
    }

    @Test func reservedKeyIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let payload = ServiceFixtures.httpV2(
            method: "POST", path: "/thumbnails", query: ["key": "thumbnails/32/x.jpg"],
            body: try ServiceFixtures.bytes("kodim23-baseline.jpg"))
        let (response, _) = try ServiceFixtures.run(try makeFunction(folder), payload)
        #expect(response["statusCode"] as? Int == 400)
        #expect(folder.files() == [])
    }

    @Test func s3EventProcessesGoodRecordsAndReportsBadOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FolderObjectStore(root: folder.path)
        let jpeg = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        try store.put(bucket: "originals", key: "a=b~c#d%e.jpg", bytes: jpeg, contentType: "image/jpeg", cacheControl: nil)
        try store.put(
            bucket: "originals", key: "broken.jpg", bytes: try ServiceFixtures.bytes("kodim23-truncated.jpg"),
            contentType: "image/jpeg", cacheControl: nil)
        try store.put(
            bucket: "originals", key: "alpha.png", bytes: try ServiceFixtures.bytes("basn6a08.png"),
            contentType: "image/png", cacheControl: nil)
        let function = ThumbnailFunction(configuration: try ServiceFixtures.configuration(), store: store)
        let event = ServiceFixtures.s3Event(bucket: "originals", keys: ["broken.jpg", "a=b~c#d%e.jpg", "thumbnails/32/x.jpg.jpg", "alpha.png"])
        let (response, log) = try ServiceFixtures.run(function, event)
        let records = try #require(response["records"] as? [[String: Any]])
        #expect(records.map { $0["status"] as? String } == ["failed", "done", "skipped", "done"])
        #expect(records[0]["error"] as? String == "corruptImage")
        #expect((records[0]["message"] as? String)?.contains("s3://originals/broken.jpg") == true)
        #expect(records[1]["key"] as? String == "a=b~c#d%e.jpg")
        let pngKeys = (records[3]["thumbnails"] as? [[String: Any]])?.map { $0["key"] as? String }
        #expect(pngKeys == ["thumbnails/32/alpha.png.png", "thumbnails/64/alpha.png.png"], "auto keeps PNG with alpha; no upscale past 32")
        let files = folder.files()
        #expect(
            files.filter { $0.hasPrefix("thumbnails/") } == [
                "thumbnails/thumbnails/32/a=b~c#d%e.jpg.jpg", "thumbnails/thumbnails/32/alpha.png.png",
                "thumbnails/thumbnails/64/a=b~c#d%e.jpg.jpg", "thumbnails/thumbnails/64/alpha.png.png",
            ])
        #expect((log["records"] as? [[String: Any]])?.count == 4)

        // Delivered twice: the same result, the same files.
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/\($0)")) }
        let again = try ServiceFixtures.run(function, event)
        #expect((again.response["records"] as? [[String: Any]])?.map { $0["status"] as? String } == ["failed", "done", "skipped", "done"])
        #expect(folder.files() == files)
        #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/\($0)")) } == before)
    }

    @Test func thumbnailsBucketEventsAreSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (response, _) = try ServiceFixtures.run(try makeFunction(folder), ServiceFixtures.s3Event(bucket: "thumbnails", keys: ["x.jpg"]))
        #expect((response["records"] as? [[String: Any]])?.first?["status"] as? String == "skipped")
        #expect(folder.files() == [])
    }

    /// Issue 12 finding 7: the temporary name was `KEY.partial-<pid>`, so a symlink planted
    /// there redirected the write outside the store. Now it is unique and created exclusively.
    @Test func plantedSymlinkAtTheOldTemporaryNameIsNotFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = folder.path + "/outside.txt"
        try Data("untouched".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createDirectory(atPath: folder.path + "/store/originals", withIntermediateDirectories: true)
        let planted = folder.path + "/store/originals/a.jpg.partial-\(getpid())"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: outside)
        let store = FolderObjectStore(root: folder.path + "/store")
        try store.put(bucket: "originals", key: "a.jpg", bytes: Array("image".utf8), contentType: "image/jpeg", cacheControl: nil)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: outside)), as: UTF8.self) == "untouched")
        #expect(try store.get(bucket: "originals", key: "a.jpg") == Array("image".utf8))
    }
}
