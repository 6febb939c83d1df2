import Foundation
import Testing
import ThumbgenHTTP

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
        #expect(request.description == "GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F20240101&X-Amz-Security-Token=<redacted>&X-Amz-Signature=<redacted> [Authorization: <redacted>, x-amz-security-token: <redacted>, Content-Type: image/png]")
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
