import Foundation
import Testing
import ThumbgenBasics
import ThumbgenSigV4

/// S3 keys and queries the published vectors do not cover. Expected values were computed
/// with botocore 1.43.11 by `Fixtures/botocore-extras.py` (S3SigV4Auth / S3SigV4QueryAuth,
/// fixed timestamp 20130524T000000Z, the S3 example credentials, host
/// examplebucket.s3.amazonaws.com, GET, empty body).
@Suite struct ExtraCaseTests {
    struct KeyCase: Sendable, CustomTestStringConvertible {
        var label: String
        var key: String
        var encodedPath: String
        var signature: String
        var testDescription: String { label }
    }

    static let signer = S3ExampleTests.signer
    static let date = S3ExampleTests.date

    static let keyCases: [KeyCase] = [
        KeyCase(
            label: "space", key: "my photo.jpg", encodedPath: "/my%20photo.jpg",
            signature: "79cc394d8203e69365798b91530eefe34ed587b6fcaeb85126721da56d57ab45"),
        KeyCase(
            label: "+ = &", key: "a+b=c&d.txt", encodedPath: "/a%2Bb%3Dc%26d.txt",
            signature: "9d5660424ccc66badfc4d3da2c1323b696fdb52c7e7915bae8e1d7693d1006aa"),
        KeyCase(
            label: "tilde", key: "~user/tilde~file", encodedPath: "/~user/tilde~file",
            signature: "c153849c93258b229ad0162392d15240119c3263c7f03fa782b8753f04807ab6"),
        KeyCase(
            label: "percent", key: "100%.txt", encodedPath: "/100%25.txt",
            signature: "5037dfbcb6d529a54b2f3e49859f7da1498822982f8ce47647b5e74df517a7cb"),
        KeyCase(
            label: "# ?", key: "hash#tag?.txt", encodedPath: "/hash%23tag%3F.txt",
            signature: "97024fc0bfd223501ca9a791a7ecdcdc2b8f125d4d12f8b092af57a7986deba9"),
        KeyCase(
            label: "NFC é", key: "caf\u{E9}.jpg", encodedPath: "/caf%C3%A9.jpg",
            signature: "0872c9df3625debbd76eb950ac402a83763fd81f04e444d2a341dafdef60eb00"),
        KeyCase(
            label: "NFD e+U+0301", key: "cafe\u{301}.jpg", encodedPath: "/cafe%CC%81.jpg",
            signature: "1e6a27b0c6f705c69ab927ee4151371600f3fe821e0a78e50fc21813d96f2a3e"),
        KeyCase(
            label: "slash runs, dots", key: "/leading//double///x/./y/../z/",
            encodedPath: "//leading//double///x/./y/../z/",
            signature: "f6fa6275bc85b15a8526803088067fa6ea385aff22861cd5e4b9220c25a864aa"),
    ]

    static func request(path: String, query: [(name: String, value: String)] = []) -> SigV4Request {
        SigV4Request(
            method: "GET", encodedPath: path, query: query,
            headers: [S3ExampleTests.host], payloadHash: PayloadHash.empty)
    }

    @Test(arguments: keyCases)
    func s3Key(_ testCase: KeyCase) {
        let path = PercentEncoding.encodePath("/" + testCase.key)
        #expect(path == testCase.encodedPath)
        let result = Self.signer.sign(Self.request(path: path), date: Self.date)
        // S3: the wire path is the canonical URI, unchanged: no normalization, no re-encoding.
        #expect(result.canonicalRequest.uri == testCase.encodedPath)
        #expect(result.signature == testCase.signature)
    }

    /// NFC and NFD spellings are equal as Swift Strings but are different S3 keys: their
    /// bytes, encodings and signatures must all differ.
    @Test func nfcAndNFDStayDistinct() {
        let nfc = "caf\u{E9}.jpg", nfd = "cafe\u{301}.jpg"
        #expect(nfc == nfd)
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(Array(PercentEncoding.encodePath(nfc).utf8) == Array("caf%C3%A9.jpg".utf8))
        #expect(Array(PercentEncoding.encodePath(nfd).utf8) == Array("cafe%CC%81.jpg".utf8))
        let sign = { (key: String) in Self.signer.sign(Self.request(path: PercentEncoding.encodePath("/" + key)), date: Self.date).signature }
        #expect(sign(nfc) != sign(nfd))
    }

    @Test func queryWithoutValue() {
        let result = Self.signer.sign(Self.request(path: "/k", query: [("uploads", "")]), date: Self.date)
        #expect(result.canonicalRequest.query == "uploads=")
        #expect(result.signature == "dceadeabe619c646e05b49617c55c2c23f844870f152e8954b3e6aa58331566d")
    }

    @Test func querySpecialCharacters() {
        let query = [("prefix", "a b/\u{FC}"), ("delimiter", "/"), ("list-type", "2"), ("marker", "x+y=z&")]
        let result = Self.signer.sign(Self.request(path: "/k", query: query), date: Self.date)
        #expect(result.canonicalRequest.query == "delimiter=%2F&list-type=2&marker=x%2By%3Dz%26&prefix=a%20b%2F%C3%BC")
        #expect(result.signature == "0be61cc42463fb7bd650eaff70166b34f8b1858085e6ae402c13d7980da9dffc")
    }

    @Test func sessionTokenIsSigned() {
        var signer = Self.signer
        signer.credentials.sessionToken = "token/with+specials="
        let result = signer.sign(Self.request(path: "/my%20photo.jpg"), date: Self.date)
        #expect(result.canonicalRequest.signedHeaders == "host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
        #expect(result.headers.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256", "Authorization"])
        #expect(result.signature == "811b91640f1cfc54a90f5d518bc6a3bccedb224aa3eaca2d0ba454537963744b")
    }

    @Test func presignUnicodeAndSpace() {
        let path = PercentEncoding.encodePath("/dir/my caf\u{E9} +1.jpg")
        #expect(path == "/dir/my%20caf%C3%A9%20%2B1.jpg")
        var request = Self.request(path: path)
        request.payloadHash = SigV4Names.unsignedPayload
        let result = Self.signer.presign(request, date: Self.date, expires: 3600)
        #expect(result.signature == "f7e07a20f7fa65cd1054b6d73abacd24db18bcbb5c2526622e9332cf68cbb1bb")
    }

    @Test func presignWithSessionToken() {
        var signer = Self.signer
        signer.credentials.sessionToken = "token/with+specials="
        var request = Self.request(path: "/k")
        request.payloadHash = SigV4Names.unsignedPayload
        let result = signer.presign(request, date: Self.date, expires: 900)
        #expect(
            result.canonicalRequest.query
                == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=token%2Fwith%2Bspecials%3D&X-Amz-SignedHeaders=host"
        )
        #expect(result.signature == "e39c83547c4e2a2b2ff8eb3cc6706cb377aaa54b015419e622fb76a581202c85")
        #expect(result.query.last?.name == "X-Amz-Signature")
    }

    /// Re-signing a request that already carries the signer's headers (a retry) replaces
    /// them instead of signing them twice.
    @Test func resigningReplacesOwnHeaders() {
        let request = Self.request(path: "/test.txt")
        let first = Self.signer.sign(request, date: Self.date)
        var retried = request
        retried.headers += first.headers
        let second = Self.signer.sign(retried, date: Self.date)
        #expect(second.canonicalRequest == first.canonicalRequest)
        #expect(second.signature == first.signature)
    }
}
