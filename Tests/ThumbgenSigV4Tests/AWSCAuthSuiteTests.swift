import Foundation
import Testing
import ThumbgenSigV4

/// aws-c-auth's SigV4 suite (`Fixtures/aws-c-auth-v4`): header and query (presigned)
/// signing of every case. `"normalize": true` cases use the non-S3 rules (normalize and
/// double-encode the path); `"normalize": false` cases use the S3 rules (path encoded once,
/// not normalized). `sign_body` turns on the signed `X-Amz-Content-SHA256` header;
/// `omit_session_token` adds the token after signing.
@Suite struct AWSCAuthSuiteTests {
    static let cases = Fixtures.caseFolders(in: "aws-c-auth-v4", file: "context.json")

    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    struct Case {
        var request: VectorRequest
        var signer: SigV4Signer
        var date: Date
        var expires: Int
        var file: (String) throws -> String
    }

    static func load(_ name: String) throws -> Case {
        let file = { (file: String) in try Fixtures.text("aws-c-auth-v4/\(name)/\(file)") }
        let context = try JSONDecoder().decode(Context.self, from: Data(try file("context.json").utf8))
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        var options = context.normalize ? SigV4Signer.Options.standard : SigV4Signer.Options.s3
        options.signedPayloadHeader = context.sign_body
        options.signSessionToken = !(context.omit_session_token ?? false)
        let credentials = AWSCredentials(
            accessKeyID: context.credentials.access_key_id,
            secretAccessKey: context.credentials.secret_access_key,
            sessionToken: context.credentials.token)
        let signer = SigV4Signer(credentials: credentials, region: context.region, service: context.service, options: options)
        return Case(
            request: try VectorRequest(text: try file("request.txt")), signer: signer, date: date,
            expires: context.expiration_in_seconds, file: file)
    }

    @Test func allCasesFound() {
        #expect(Self.cases.count == 38)
    }

    @Test(arguments: cases)
    func headerSigning(_ name: String) throws {
        let vector = try Self.load(name)
        let result = vector.signer.sign(vector.request.sigV4Request(), date: vector.date)

        #expect(result.canonicalRequest.text == (try vector.file("header-canonical-request.txt")))
        #expect(result.stringToSign.text == (try vector.file("header-string-to-sign.txt")))
        #expect(result.signature == (try vector.file("header-signature.txt")))
        // Every header we add appears, same value, in the expected signed request.
        let signedRequest = try VectorRequest(text: try vector.file("header-signed-request.txt"))
        for header in result.headers {
            #expect(signedRequest.header(header.name) == header.value, "\(header.name)")
        }
        #expect(signedRequest.headers.count == vector.request.headers.count + result.headers.count)
    }

    @Test(arguments: cases)
    func querySigning(_ name: String) throws {
        let vector = try Self.load(name)
        let result = vector.signer.presign(vector.request.sigV4Request(), date: vector.date, expires: vector.expires)

        #expect(result.canonicalRequest.text == (try vector.file("query-canonical-request.txt")))
        #expect(result.stringToSign.text == (try vector.file("query-string-to-sign.txt")))
        #expect(result.signature == (try vector.file("query-signature.txt")))
        // The expected URL's query is the request's own parameters plus ours (any order).
        let signedRequest = try VectorRequest(text: try vector.file("query-signed-request.txt"))
        let expected = signedRequest.query.map { "\($0.name)=\($0.value)" }.sorted()
        let actual = (vector.request.query + result.query).map { "\($0.name)=\($0.value)" }.sorted()
        #expect(actual == expected)
    }
}
