import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenServe

/// `POST /thumbnails` as `curl` sends it without care (issue 15): no Content-Type, curl's
/// default form type, `application/octet-stream`, `curl -F file=@p.jpg`, and `?name=`.
@Suite struct ServeUploadFormsTests {
    static let photo = Array((try? Data(contentsOf: BinaryRunner.example("photo.jpg"))) ?? Data())

    /// POSTs and returns the status and the stored original's key.
    private func post(_ serve: ServeUnderTest, query: String = "", headers: [(name: String, value: String)], body: [UInt8]) throws -> (Int, String?) {
        let response = try TestHTTP.send("POST", serve.baseURL + "/thumbnails" + query, headers: headers, body: body)
        return (response.status, (try? TestHTTP.json(response))?["key"] as? String)
    }

    @Test(arguments: ["", "application/octet-stream", "application/x-www-form-urlencoded"])
    func bodyIsSniffedWhateverTheContentType(contentType: String) throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        // An empty value makes libcurl send no Content-Type header at all.
        let (status, key) = try post(serve, headers: [("Content-Type", contentType)], body: Self.photo)
        #expect(status == 201, "Content-Type '\(contentType)'")
        #expect(key?.hasPrefix("uploads/") == true && key?.hasSuffix(".jpg") == true)
    }

    @Test func multipartFormUploadKeepsTheFileName() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let boundary = "------------------------d74496d66958873e"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Holiday 1.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += Self.photo + Array("\r\n--\(boundary)--\r\n".utf8)
        let (status, key) = try post(serve, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
        #expect(status == 201)
        let stored = try #require(key)
        #expect(stored.hasPrefix("uploads/") && stored.hasSuffix("/Holiday 1.jpg") && stored.split(separator: "/").count == 3, "\(stored)")
        // The original is stored byte for byte, without the form's framing.
        #expect(Array(try Data(contentsOf: serve.data.appendingPathComponent("originals/" + stored))) == Self.photo)

        let noFile = try TestHTTP.send(
            "POST", serve.baseURL + "/thumbnails", headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            body: Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--\(boundary)--\r\n".utf8))
        #expect(noFile.status == 400)
        #expect(String(decoding: noFile.body, as: UTF8.self).contains("no file part; send -F file=@photo.jpg"))
    }

    @Test func nameIsKeptUnderAUniquePrefix() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let (first, firstKey) = try post(serve, query: "?name=../cat%20photo", headers: [("Content-Type", "image/jpeg")], body: Self.photo)
        let (second, secondKey) = try post(serve, query: "?name=cat%20photo.jpg", headers: [("Content-Type", "image/jpeg")], body: Self.photo)
        #expect(first == 201 && second == 201)
        // The path part is dropped and the extension added; two uploads never share a key.
        #expect(firstKey?.hasSuffix("/cat photo.jpg") == true && secondKey?.hasSuffix("/cat photo.jpg") == true)
        #expect(firstKey != secondKey)
    }
}
