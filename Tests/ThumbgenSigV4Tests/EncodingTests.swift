import Foundation
import Testing
import ThumbgenBasics
import ThumbgenSigV4

/// URI encoding, path normalization and header canonicalization on their own.
@Suite struct EncodingTests {
    @Test func unreservedSetIsExactlyRFC3986() {
        let unreserved = (0...255).map(UInt8.init).filter(PercentEncoding.isUnreserved)
        #expect(
            String(decoding: unreserved, as: UTF8.self)
                == "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~")
    }

    @Test func encodesEveryOtherByteUpperCase() {
        #expect(PercentEncoding.encode("a b/+*%~é") == "a%20b%2F%2B%2A%25~%C3%A9")
        #expect(PercentEncoding.encodePath("/a b/+*%~é") == "/a%20b/%2B%2A%25~%C3%A9")
        #expect(PercentEncoding.encode(bytes: [0x00, 0xFF, 0x7F], keepingSlash: false) == "%00%FF%7F")
    }

    @Test(arguments: [
        ("/a%2fb%c3%a9", "/a%2Fb%C3%A9"), // existing escapes kept, hex upper-cased
        ("/test$file text", "/test%24file%20text"), // raw bytes encoded once
        ("/100%.txt", "/100%25.txt"), // a stray % is encoded
        ("/50%2", "/50%252"), // truncated escape
        ("//a/./b/../", "//a/./b/../"), // no normalization
    ])
    func canonicalizesEncodedPath(_ input: String, _ expected: String) {
        #expect(PercentEncoding.canonicalizeEncodedPath(input) == expected)
    }

    @Test func decodeKeepsPlusAndMalformedEscapes() {
        #expect(PercentEncoding.decode("a%20b+c%E1%88%B4%zz%4") == Array("a b+c\u{1234}%zz%4".utf8))
    }

    // RFC 3986 §5.2.4's worked examples, plus the AWS suite's cases.
    @Test(arguments: [
        ("/a/b/c/./../../g", "/a/g"),
        ("/mid/content=5/../6", "/mid/6"),
        ("/example/..", "/"),
        ("/example1/example2/../..", "/"),
        ("/./", "/"),
        ("//", "/"),
        ("//example//", "/example/"),
        ("/./example", "/example"),
        ("/../a", "/a"),
        ("/a/b/.", "/a/b/"),
        ("", "/"),
        ("a/b", "/a/b"),
    ])
    func normalizesPath(_ input: String, _ expected: String) {
        #expect(PathNormalization.normalize(input) == expected)
    }

    /// Non-S3 services encode the wire path a second time ("each path segment must be
    /// URI-encoded twice"); S3 leaves it as encoded once.
    @Test func doubleEncodingOnlyForNonS3() {
        #expect(CanonicalRequest.canonicalURI("/a%20b/./c", options: .standard) == "/a%2520b/c")
        #expect(CanonicalRequest.canonicalURI("/a%20b/./c", options: .s3) == "/a%20b/./c")
    }

    @Test func canonicalHeadersTrimJoinAndSort() {
        let headers = CanonicalRequest.canonicalHeaders([
            ("X-B", "  two   words \t here "), ("a-header", "1"), ("X-b", "second"), ("Empty", ""),
        ])
        #expect(headers.map(\.name) == ["a-header", "empty", "x-b"])
        #expect(headers.map(\.value) == ["1", "", "two words here,second"])
        #expect(CanonicalRequest.trimAll("value1\n  value2\n     value3") == "value1 value2 value3")
    }

    @Test func queryRepeatedNamesSortByValue() {
        let query = CanonicalRequest.canonicalQuery([("b", "2"), ("a", "z"), ("a", "Z"), ("a", "")])
        #expect(query == "a=&a=Z&a=z&b=2")
    }
}
