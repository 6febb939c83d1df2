import Foundation
import Testing

@testable import ThumbgenService

@Suite struct EventDecodingTests {
    @Test(arguments: [
        ("photos/My+Cat%2B1+%282%29.jpg", "photos/My Cat+1 (2).jpg"),
        ("a%3Db%7Ec%23d%25e.png", "a=b~c#d%e.png"),
        ("caf%C3%A9/%E7%8C%AB.jpg", "café/猫.jpg"),
        ("plain/key.jpg", "plain/key.jpg"),
        ("100%25+sure", "100% sure"),
    ])
    func s3KeysAreDecodedOnce(encoded: String, key: String) throws {
        #expect(try S3EventKey.decode(encoded) == key)
        #expect(try S3EventKey.decode(S3EventKey.encode(key)) == key)
    }

    @Test(arguments: ["bad%2", "bad%zz.jpg", "bad%C3.jpg"])
    func malformedKeysAreRefused(encoded: String) {
        #expect { try S3EventKey.decode(encoded) } throws: { ($0 as? ServiceError)?.code == .badRequest }
    }

    @Test func exampleS3Event() throws {
        guard case .s3(let event) = try IncomingEvent.decode(try ServiceFixtures.bytes("s3-put.json")) else {
            Issue.record("not decoded as S3"); return
        }
        #expect(event.records.count == 1)
        #expect(event.records[0].eventName == "ObjectCreated:Put")
        #expect(event.records[0].s3.bucket.name == "thumbgen-originals")
        #expect(try S3EventKey.decode(event.records[0].s3.object.key) == "photos/My Cat+1 (2).jpg")
        #expect(event.records[0].s3.object.size == 3113)
    }

    @Test(arguments: [("http-v2-post-thumbnails.json", "2.0"), ("rest-v1-post-thumbnails.json", "1.0")])
    func examplePostEvents(file: String, version: String) throws {
        guard case .http(let request) = try IncomingEvent.decode(try ServiceFixtures.bytes(file)) else {
            Issue.record("not decoded as HTTP"); return
        }
        #expect(request.payloadVersion.rawValue == version)
        #expect(request.method == "POST")
        #expect(request.path == "/thumbnails")
        #expect(request.headers["content-type"] == "image/jpeg", "header names are lower-cased")
        #expect(request.body == (try ServiceFixtures.bytes("kodim23-baseline.jpg")), "base64 body decoded")
    }

    @Test func exampleGetEvent() throws {
        guard case .http(let request) = try IncomingEvent.decode(try ServiceFixtures.bytes("http-v2-get-thumbnail.json")) else {
            Issue.record("not decoded as HTTP"); return
        }
        #expect(request.method == "GET")
        #expect(request.path == "/thumbnails/photos/My Cat+1 (2).jpg", "rawPath percent-decoded once")
        #expect(request.pathParameters["key"] == "photos/My Cat+1 (2).jpg")
        #expect(request.query["size"] == "256")
        #expect(request.body.isEmpty)
    }

    @Test(arguments: [#"{"hello":1}"#, "[1,2]", "not json", #"{"Records":[{"eventSource":"aws:sqs"}]}"#])
    func unknownEventsAreRefused(payload: String) {
        #expect { try IncomingEvent.decode(Array(payload.utf8)) } throws: { ($0 as? ServiceError)?.code == .badRequest }
    }

    @Test func badBase64BodyIsRefused() {
        let event = #"{"version":"2.0","rawPath":"/thumbnails","requestContext":{"http":{"method":"POST"}},"body":"@@@","isBase64Encoded":true}"#
        #expect { try IncomingEvent.decode(Array(event.utf8)) } throws: { ($0 as? ServiceError)?.code == .badRequest }
    }

    @Test func binaryResponsesAreBase64() throws {
        let response = HTTPFunctionResponse(status: 200, bytes: [0xFF, 0xD8, 0xFF, 0x00], contentType: "image/jpeg")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.jsonBytes)) as? [String: Any])
        #expect(json["isBase64Encoded"] as? Bool == true)
        #expect(json["body"] as? String == "/9j/AA==")
        #expect(json["statusCode"] as? Int == 200)
    }
}
