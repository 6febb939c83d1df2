import Foundation
import Testing

@testable import ThumbgenServe

/// Issue 12 finding 7: folder storage answered `500` for keys S3 accepts: `c` beside
/// `c/d.jpg` (a file where a folder is needed, and the reverse) and a 250-byte name segment
/// (over `NAME_MAX` with the temporary file's affixes). Now both are stored and read back,
/// over HTTP through `serve`, as S3 would; only a key longer than S3's 1,024 bytes is refused
/// (`400`).
@Suite struct ServeStorageKeysTests {
    /// PUTs `bytes` to `key` in the thumbnails bucket (no S3 event) and GETs it back.
    static func roundTrip(_ serve: ServeUnderTest, key: String, bytes: [UInt8]) throws -> (put: Int, get: Int, body: [UInt8]) {
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let expires = Int64(Date().timeIntervalSince1970) + 300
        let put = try TestHTTP.send("PUT", presigner.url(method: "PUT", bucket: "thumbnails", key: key, expires: expires), body: bytes)
        let get = try TestHTTP.send("GET", presigner.url(method: "GET", bucket: "thumbnails", key: key, expires: expires))
        return (put.status, get.status, get.body)
    }

    @Test(arguments: [["c", "c/d.jpg"], ["e/f.jpg", "e"]])
    func objectAndFolderOfTheSameNameAreBothStored(keys: [String]) throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        for (index, key) in keys.enumerated() {
            let result = try Self.roundTrip(serve, key: key, bytes: Array("object \(index)".utf8))
            #expect(result.put == 200, "PUT \(key)")
            #expect(result.get == 200, "GET \(key)")
            #expect(result.body == Array("object \(index)".utf8), "GET \(key)")
        }
        // Both still read back, the first one too, and a rewrite replaces the right one.
        let first = try Self.roundTrip(serve, key: keys[0], bytes: Array("again".utf8))
        #expect(first.body == Array("again".utf8))
        let second = try Self.roundTrip(serve, key: keys[1], bytes: Array("second again".utf8))
        #expect(second.body == Array("second again".utf8))
    }

    @Test(arguments: [250, 255, 600])
    func longNameSegmentsAreStored(length: Int) throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let key = "long/" + String(repeating: "n", count: length - 4) + ".jpg"
        let result = try Self.roundTrip(serve, key: key, bytes: [1, 2, 3])
        #expect(result.put == 200)
        #expect(result.get == 200)
        #expect(result.body == [1, 2, 3])
    }

    @Test func keysLongerThanS3AllowsAreRefusedAs400() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let result = try Self.roundTrip(serve, key: String(repeating: "k", count: 1025), bytes: [1])
        #expect(result.put == 400)
        #expect(serve.files().isEmpty)
    }
}
