import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenSigV4

@testable import ThumbgenAWS

/// Pure pieces: key encoding, addressing, the XML reader, HTTP dates, error messages.
@Suite struct S3UnitTests {
    @Test(arguments: [
        ("photos/cat.jpg", "/photos/cat.jpg"),
        ("with space+plus~tilde=eq&amp%pct#hash", "/with%20space%2Bplus~tilde%3Deq%26amp%25pct%23hash"),
        ("caf\u{E9}", "/caf%C3%A9"),
        ("cafe\u{301}", "/cafe%CC%81"),
        ("//a///b", "///a///b"),
        ("/lead", "//lead"),
        ("a/../b/./c", "/a/../b/./c"),
    ])
    func keysAreEncodedOnceKeepingSlashes(key: String, path: String) {
        #expect(S3KeyEncoding.path(forKey: key) == path)
    }

    @Test func queryValuesEncodeSlashAndEquals() {
        #expect(
            S3KeyEncoding.queryString([("prefix", "a/b c"), ("continuation-token", "x+y/z=="), ("uploads", "")])
                == "prefix=a%2Fb%20c&continuation-token=x%2By%2Fz%3D%3D&uploads=")
    }

    @Test func eventKeysAreFormDecoded() {
        #expect(S3KeyEncoding.decodeEventKey("photos/my+cat%2B1.jpg") == "photos/my cat+1.jpg")
        #expect(S3KeyEncoding.decodeEventKey("caf%C3%A9") == "caf\u{E9}")
        #expect(S3KeyEncoding.decodeEventKey("cafe%CC%81").map { Array($0.utf8) } == Array("cafe\u{301}".utf8))
        #expect(S3KeyEncoding.decodeEventKey("bad%2") == nil)
        #expect(S3KeyEncoding.decodeEventKey("bad%ZZ") == nil)
        #expect(S3KeyEncoding.decodeEventKey("bad%FF") == nil)
    }

    func client(endpoint: String?, region: String = "eu-west-1") -> S3Client {
        S3Client(
            credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S"), region: region,
            endpointURL: endpoint, http: CurlHTTPClient())
    }

    @Test func awsUsesVirtualHostedStyleAndCustomEndpointsPathStyle() {
        let aws = client(endpoint: nil).location(bucket: "photos", key: "a b.jpg")
        #expect(aws.endpoint == "https://photos.s3.eu-west-1.amazonaws.com")
        #expect(aws.path == "/a%20b.jpg")
        let dotted = client(endpoint: nil).location(bucket: "my.photos", key: "k")
        #expect(dotted.endpoint == "https://s3.eu-west-1.amazonaws.com")
        #expect(dotted.path == "/my.photos/k")
        let custom = client(endpoint: "http://127.0.0.1:8333/").location(bucket: "photos", key: "/k")
        #expect(custom.endpoint == "http://127.0.0.1:8333")
        #expect(custom.path == "/photos//k")
        #expect(client(endpoint: "https://minio.local:443").endpointURL == "https://minio.local")
        #expect(
            client(endpoint: nil, region: "cn-north-1").location(bucket: "b1b", key: nil).endpoint
                == "https://b1b.s3.cn-north-1.amazonaws.com.cn")
    }

    @Test func xmlReaderHandlesEntitiesCDATANamespacesAndComments() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- listing -->
            <s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">
              <IsTruncated>true</IsTruncated>
              <Contents><Key>a &amp; b &lt;c&gt; &#233;&#x00E9; &quot;q&quot;</Key><Size>12</Size></Contents>
              <Contents><Key><![CDATA[raw <&> text]]></Key><Size>0</Size><Owner/></Contents>
              <NextContinuationToken>tok/en==</NextContinuationToken>
            </s3:ListBucketResult>
            """
        let root = try #require(S3XMLElement.parse(Array(xml.utf8)))
        #expect(root.name == "ListBucketResult")
        #expect(root.children("Contents").compactMap { $0.text(of: "Key") } == ["a & b <c> \u{E9}\u{E9} \"q\"", "raw <&> text"])
        #expect(root.children("Contents")[1].child("Owner")?.text == "")
        #expect(root.text(of: "NextContinuationToken") == "tok/en==")
        #expect(S3XMLElement.parse(Array("not xml".utf8)) == nil)
        #expect(S3XMLElement.escape("<a&'\">") == "&lt;a&amp;&apos;&quot;&gt;")
    }

    @Test func xmlReaderToleratesTruncation() throws {
        let root = try #require(S3XMLElement.parse(Array("<Error><Code>SlowDown</Code><Message>Plea".utf8)))
        #expect(root.text(of: "Code") == "SlowDown")
        #expect(root.text(of: "Message") == "Plea")
    }

    @Test func imfFixdateIsParsedByHand() throws {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 23:59:59 GMT") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 PST") == nil)
        #expect(HTTPDate.parse("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
    }

    static let request = AWSRequest(
        method: "GET", endpoint: "https://b.s3.eu-west-1.amazonaws.com", encodedPath: "/k",
        subject: "s3://b/k")

    @Test func headWithoutBodyMapsStatusToCode() {
        let notFound = S3ErrorDecoder.error(
            from: HTTPResponse(status: 404, headers: HTTPHeaders([("x-amz-request-id", "R1")])),
            request: Self.request, isObject: true)
        #expect(notFound.serviceCode == "NoSuchKey")
        #expect(notFound.message == "S3 NoSuchKey (404) for s3://b/k (no object has this key) [request id R1]")
        let forbidden = S3ErrorDecoder.error(from: HTTPResponse(status: 403), request: Self.request, isObject: true)
        #expect(forbidden.serviceCode == "AccessDenied")
    }

    @Test func permanentRedirectNamesTheBucketRegion() {
        let body = "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed\nusing the specified endpoint.</Message></Error>"
        let response = HTTPResponse(status: 301, headers: HTTPHeaders([("x-amz-bucket-region", "ap-southeast-2")]), body: Array(body.utf8))
        let error = S3ErrorDecoder.error(from: response, request: Self.request, isObject: true)
        #expect(
            error.message
                == "S3 PermanentRedirect (301) for s3://b/k: The bucket you are attempting to access must be addressed using the specified endpoint. (the bucket is in region ap-southeast-2; use --region ap-southeast-2)"
        )
        #expect(!error.isRetryable)
    }
}
