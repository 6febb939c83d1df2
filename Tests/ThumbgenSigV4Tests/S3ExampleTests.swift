import Foundation
import Testing
import ThumbgenBasics
import ThumbgenSigV4

/// The worked examples of the Amazon S3 API Reference, as written out (and re-checked with
/// botocore 1.43.11) in `Fixtures/s3-examples.md`: "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk" examples 1-4 and
/// "Authenticating Requests: Using Query Parameters" (example 5).
@Suite struct S3ExampleTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
    /// Fri, 24 May 2013 00:00:00 GMT.
    static let date = Date(timeIntervalSince1970: 1_369_353_600)
    static let host = (name: "Host", value: "examplebucket.s3.amazonaws.com")
    static let credentialPrefix = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "

    @Test func serviceS3SelectsS3Options() {
        #expect(Self.signer.options == .s3)
        #expect(SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "logs").options == .standard)
    }

    @Test func signingKey() {
        let key = Self.signer.signingKey(for: AWSDate(Self.date))
        #expect(key.hexBytes == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test func getObjectWithRange() {
        let request = SigV4Request(
            method: "GET", encodedPath: "/test.txt", query: [],
            headers: [Self.host, ("Range", "bytes=0-9")], payloadHash: PayloadHash.empty)
        let result = Self.signer.sign(request, date: Self.date)
        #expect(
            result.canonicalRequest.text == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(
            result.stringToSign.text == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
        #expect(result.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(
            result.authorization == Self.credentialPrefix
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(result.headers.map(\.name) == ["X-Amz-Date", "X-Amz-Content-SHA256", "Authorization"])
        #expect(result.headers[1].value == PayloadHash.empty)
    }

    /// The key `test$file.text`: encoded for the wire by `encodePath`, or given raw, the
    /// canonical URI is `/test%24file.text` either way.
    @Test(arguments: [PercentEncoding.encodePath("/test$file.text"), "/test$file.text", "test$file.text"])
    func putObject(path: String) {
        let body = Array("Welcome to Amazon S3.".utf8)
        let request = SigV4Request(
            method: "PUT", encodedPath: path, query: [],
            headers: [Self.host, ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
            payloadHash: PayloadHash.sha256Hex(body))
        #expect(request.payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let result = Self.signer.sign(request, date: Self.date)
        #expect(result.canonicalRequest.uri == "/test%24file.text")
        #expect(result.canonicalRequest.signedHeaders == "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        #expect(result.canonicalRequest.hash == "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        #expect(result.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycle() {
        let request = SigV4Request(
            method: "GET", encodedPath: "/", query: [("lifecycle", "")],
            headers: [Self.host], payloadHash: PayloadHash.empty)
        let result = Self.signer.sign(request, date: Self.date)
        #expect(result.canonicalRequest.query == "lifecycle=")
        #expect(result.canonicalRequest.hash == "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca")
        #expect(result.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjects() {
        let request = SigV4Request(
            method: "GET", encodedPath: "", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [Self.host], payloadHash: PayloadHash.empty)
        let result = Self.signer.sign(request, date: Self.date)
        #expect(result.canonicalRequest.uri == "/")
        #expect(result.canonicalRequest.query == "max-keys=2&prefix=J")
        #expect(result.canonicalRequest.hash == "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7")
        #expect(
            result.authorization == Self.credentialPrefix
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func presignedURL() {
        let request = SigV4Request(
            method: "GET", encodedPath: "/test.txt", query: [],
            headers: [Self.host], payloadHash: SigV4Names.unsignedPayload)
        let result = Self.signer.presign(request, date: Self.date, expires: 86_400)
        #expect(
            result.canonicalRequest.text == """
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD
                """)
        #expect(result.stringToSign.hashes == ["3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04"])
        #expect(result.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        let query = Self.signer.presignedQuery(for: request, date: Self.date, expires: 86_400)
            .map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
        // The URL botocore's S3SigV4QueryAuth produced (s3-examples.md, example 5).
        #expect(
            "https://examplebucket.s3.amazonaws.com/test.txt?" + query
                == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        )
    }
}
