import Foundation
import Testing
import ThumbgenAWS
import ThumbgenImaging

@testable import ThumbgenService

/// THUMBGEN_FORMATS (one thumbnail per size and format) and `GET /thumbnails/{key}` choosing
/// among them by `Accept` and `?format=`.
@Suite struct FormatNegotiationTests {
    func makeFunction(_ folder: TemporaryFolder, formats: [OutputFormat]) throws -> ThumbnailFunction {
        let configuration = try ServiceConfiguration(
            originalsBucket: "originals", thumbnailsBucket: "thumbnails", sizes: [32, 64],
            formats: formats)
        return ThumbnailFunction(configuration: configuration, store: FolderObjectStore(root: folder.path), newKey: { "id" })
    }

    @Test func everySizeInEveryFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder, formats: [.jpeg, .webp, .avif])
        let (response, _) = try ServiceFixtures.run(
            function,
            ServiceFixtures.httpV2(
                method: "POST", path: "/thumbnails", query: ["key": "cat.jpg"], body: try ServiceFixtures.bytes("kodim23-baseline.jpg")))
        #expect(response["statusCode"] as? Int == 201)
        let thumbnails = try #require(try ServiceFixtures.body(response)["thumbnails"] as? [[String: Any]])
        #expect(
            thumbnails.map { $0["key"] as? String } == [
                "thumbnails/32/cat.jpg.jpg", "thumbnails/32/cat.jpg.webp", "thumbnails/32/cat.jpg.avif",
                "thumbnails/64/cat.jpg.jpg", "thumbnails/64/cat.jpg.webp", "thumbnails/64/cat.jpg.avif",
            ])
        #expect(
            thumbnails.map { $0["contentType"] as? String } == [
                "image/jpeg", "image/webp", "image/avif", "image/jpeg", "image/webp", "image/avif",
            ])
        // Each stored object is what its extension says, by content.
        for file in folder.files() where file.hasPrefix("thumbnails/") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file)))
            #expect(ImageFormat.sniff(bytes)?.fileExtension == ThumbnailKey.parse(String(file.dropFirst("thumbnails/".count)))?.format.rawValue)
        }
    }

    @Test(
        arguments: [
            // Chromium and Firefox image requests: AVIF first.
            ("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "avif"),
            ("image/avif,image/webp,*/*", "avif"),
            // Safari 17 names both.
            ("image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5", "avif"),
            // Safari before AVIF, and old browsers.
            ("image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5", "webp"),
            // Firefox 65–92 and Chrome 66–84 name WebP and reach AVIF only by a wildcard: they
            // cannot show AVIF, so they get WebP.
            ("image/webp,*/*", "webp"),
            ("image/webp,image/apng,image/*,*/*;q=0.8", "webp"),
            // PNG is preferred but not stored; the rest share q=0.8 by wildcard only: JPEG, which
            // every client decodes.
            ("image/png,image/*;q=0.8,*/*;q=0.5", "jpg"),
            ("*/*", "jpg"),
            ("image/png,image/jpeg;q=0.9,image/*;q=0.8", "jpg"),
            // q-values beat the server's order; q=0 excludes.
            ("image/jpeg, image/avif;q=0.5, image/webp;q=0.6", "jpg"),
            ("*/*, image/avif;q=0", "jpg"),
            ("image/webp;q=0.5, */*, image/avif;q=0", "jpg"),
            ("image/*;q=1, image/avif;q=0, image/webp;q=0", "jpg"),
            ("text/html", nil),
        ] as [(String, String?)])
    func acceptPicksTheFormat(accept: String, expected: String?) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder, formats: [.jpeg, .webp, .avif])
        _ = try ServiceFixtures.run(
            function,
            ServiceFixtures.httpV2(
                method: "POST", path: "/thumbnails", query: ["key": "cat.jpg"],
                body: try ServiceFixtures.bytes("kodim23-baseline.jpg")))
        let get = ServiceFixtures.httpV2(method: "GET", path: "/thumbnails/cat.jpg", query: ["size": "64"], headers: ["accept": accept])
        let (response, _) = try ServiceFixtures.run(function, get)
        let headers = try #require(response["headers"] as? [String: String])
        if let expected {
            #expect(response["statusCode"] as? Int == 302)
            #expect(headers["Location"]?.contains("/thumbnails/64/cat.jpg.\(expected)") == true)
            #expect(headers["Vary"] == "Accept")
        } else {
            #expect(response["statusCode"] as? Int == 406)
        }
    }

    @Test func absentFormatsFallBackAndFormatForcesOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let function = try makeFunction(folder, formats: [.jpeg, .webp])
        _ = try ServiceFixtures.run(
            function,
            ServiceFixtures.httpV2(
                method: "POST", path: "/thumbnails", query: ["key": "cat.jpg"],
                body: try ServiceFixtures.bytes("kodim23-baseline.jpg")))
        func location(_ query: [String: String], accept: String?) throws -> (Int?, String?) {
            let get = ServiceFixtures.httpV2(
                method: "GET", path: "/thumbnails/cat.jpg", query: query,
                headers: accept.map { ["accept": $0] } ?? [:])
            let (response, _) = try ServiceFixtures.run(function, get)
            return (response["statusCode"] as? Int, (response["headers"] as? [String: String])?["Location"])
        }
        // No AVIF stored: the browser that prefers it gets WebP.
        #expect(try location([:], accept: "image/avif,image/webp,*/*").1?.hasSuffix("/thumbnails/32/cat.jpg.webp") == true)
        #expect(try location(["format": "jpeg"], accept: "image/avif,image/webp,*/*").1?.hasSuffix("/thumbnails/32/cat.jpg.jpg") == true)
        #expect(try location(["format": "avif"], accept: nil).0 == 404)
        #expect(try location(["format": "gif"], accept: nil).0 == 400)
    }

    @Test func configurationReadsTheFormatList() throws {
        let base = ["THUMBGEN_ORIGINALS_BUCKET": "o", "THUMBGEN_THUMBNAILS_BUCKET": "t"]
        let list = try ServiceConfiguration.from(environment: base.merging(["THUMBGEN_FORMATS": "jpeg, webp,avif,webp"]) { $1 })
        #expect(list.formats == [.jpeg, .webp, .avif])
        let single = try ServiceConfiguration.from(environment: base.merging(["THUMBGEN_FORMAT": "png"]) { $1 })
        #expect(single.formats == [.png])
        #expect(throws: ServiceError.self) {
            _ = try ServiceConfiguration.from(environment: base.merging(["THUMBGEN_FORMATS": "jpeg,gif"]) { $1 })
        }
    }

    @Test func negotiationOrder() {
        #expect(AcceptNegotiation.order(accept: nil) == [.jpeg, .png, .webp, .avif])
        #expect(AcceptNegotiation.order(accept: "image/png;q=0.9, image/*;q=0.1") == [.png, .jpeg, .webp, .avif])
        #expect(AcceptNegotiation.order(accept: "image/webp,*/*") == [.webp, .jpeg, .png, .avif])
        #expect(AcceptNegotiation.order(accept: "IMAGE/WEBP") == [.webp])
    }
}
