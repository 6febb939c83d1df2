import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenTestSupport

/// The libcurl transport's parts that need no S3 server.
@Suite struct CurlHTTPClientTests {
    @Test func caBundleIsTheFirstExistingCandidate() {
        let exists: (Set<String>) -> (String) -> Bool = { set in { set.contains($0) } }
        #expect(CurlHTTPClient.caBundle(sslCertFile: "/custom.pem", fileExists: exists(["/custom.pem", "/etc/ssl/certs/ca-certificates.crt"])) == "/custom.pem")
        #expect(CurlHTTPClient.caBundle(sslCertFile: "/missing.pem", fileExists: exists(["/etc/ssl/certs/ca-certificates.crt"])) == "/etc/ssl/certs/ca-certificates.crt")
        #expect(CurlHTTPClient.caBundle(sslCertFile: nil, fileExists: exists(["/etc/pki/tls/certs/ca-bundle.crt"])) == "/etc/pki/tls/certs/ca-bundle.crt")
        #expect(CurlHTTPClient.caBundle(sslCertFile: nil, fileExists: exists([])) == nil)
    }

    @Test func secretsAreRedacted() {
        let request = HTTPRequest(
            method: "GET", url: "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F20240101&X-Amz-Security-Token=tok&X-Amz-Signature=abc123",
            headers: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/x, Signature=deadbeef"), ("x-amz-security-token", "session"), ("Content-Type", "image/png")])
        #expect(
            request.description
                == "GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F20240101&X-Amz-Security-Token=<redacted>&X-Amz-Signature=<redacted> [Authorization: <redacted>, x-amz-security-token: <redacted>, Content-Type: image/png]"
        )
        #expect(HTTPHeaders([("AUTHORIZATION", "secret")]).description == "AUTHORIZATION: <redacted>")
    }

    @Test func headerLookupIsCaseInsensitive() {
        let headers = HTTPHeaders([("ETag", "\"a\""), ("x-amz-meta-x", "1"), ("X-Amz-Meta-X", "2")])
        #expect(headers["etag"] == "\"a\"")
        #expect(headers.values(for: "X-AMZ-META-X") == ["1", "2"])
        #expect(headers["missing"] == nil)
    }

    @Test func refusedConnectionIsARetryableConnectError() throws {
        // Port 1 on loopback: nothing listens there.
        let error = #expect(throws: HTTPError.self) {
            try CurlHTTPClient().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/x", connectTimeout: .seconds(2)))
        }
        #expect(error?.code == .connect)
        #expect(error?.isRetryable == true)
        #expect(error?.message.hasPrefix("cannot connect to 127.0.0.1:1: ") == true)
    }

    @Test func missingBodyFileIsAFileErrorNamingIt() throws {
        let error = #expect(throws: HTTPError.self) {
            try CurlHTTPClient().send(HTTPRequest(method: "PUT", url: "http://127.0.0.1:1/x", body: .file(path: "/nonexistent/body.bin")))
        }
        #expect(error?.code == .file)
        #expect(error?.message.hasPrefix("cannot open request body file /nonexistent/body.bin") == true)
    }
}

/// What the transport puts on the wire, seen by ``RawHTTPRecorder``.
@Suite struct CurlWireTests {
    @Test func putIsHTTP11WithoutExpectOrDefaultContentTypeAndReusesTheConnection() throws {
        let recorder = try RawHTTPRecorder()
        let client = CurlHTTPClient()
        let url = "http://127.0.0.1:\(recorder.port)/bucket/a%20b"
        // Large enough that libcurl would add `Expect: 100-continue` if not told otherwise.
        let content = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = try TemporaryFolder.file(content)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let put = try client.send(
            HTTPRequest(
                method: "PUT", url: url, headers: [("x-amz-meta-a", "1"), ("x-amz-meta-b", "2\r\nInjected: yes")],
                body: .file(path: file, offset: 2, length: 1 << 20)))
        #expect(put.status == 200)
        #expect(put.body == Array("ok".utf8))
        #expect(put.headers["x-test"] == "a")
        let post = try client.send(HTTPRequest(method: "POST", url: url + "?uploads="))
        #expect(post.status == 200)

        let seen = recorder.exchanges
        #expect(seen.count == 2)
        let putHead = seen[0].head.split(separator: "\r\n").map(String.init)
        #expect(putHead.first == "PUT /bucket/a%20b HTTP/1.1")
        #expect(putHead.contains("Content-Length: 1048576"))
        #expect(putHead.contains("x-amz-meta-a: 1"))
        #expect(putHead.contains("x-amz-meta-b: 2Injected: yes"))
        #expect(!seen[0].head.lowercased().contains("expect:"))
        #expect(seen[0].body == Array(content[2..<(2 + (1 << 20))]))
        #expect(seen[1].head.hasPrefix("POST /bucket/a%20b?uploads= HTTP/1.1"))
        #expect(!seen[1].head.lowercased().contains("content-type:"))
        #expect(seen[1].connection == seen[0].connection)
    }

    @Test func responseStreamsToAFile() throws {
        let recorder = try RawHTTPRecorder()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-wire-\(UUID().uuidString)").path
        let response = try CurlHTTPClient().send(
            HTTPRequest(
                method: "GET", url: "http://127.0.0.1:\(recorder.port)/x",
                responseDestination: .file(path: path)))
        #expect(response.bodyFile == path)
        #expect(response.body.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("ok".utf8))
    }

    @Test func silentServerHitsTheTimeout() throws {
        let recorder = try RawHTTPRecorder(respond: false)
        let error = #expect(throws: HTTPError.self) {
            try CurlHTTPClient().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(recorder.port)/x", timeout: .milliseconds(300)))
        }
        #expect(error?.code == .timeout)
        #expect(error?.isRetryable == true)
        #expect(error?.message.hasPrefix("request to 127.0.0.1:\(recorder.port) timed out") == true)
    }
}
