import Testing
import ThumbgenBasics

@Suite struct PercentEncodingTests {
    /// The form variant against an encoder we did not write: Node's URLSearchParams (WHATWG URL
    /// Standard 5.2), `node -e 'console.log(new URLSearchParams({k:"a~b*c d+e/f é!"}).toString())'`
    /// prints `k=a%7Eb*c+d%2Be%2Ff+%C3%A9%21`.
    @Test func formEncodingMatchesURLSearchParams() {
        #expect(PercentEncoding.encodeForm("a~b*c d+e/f é!".utf8, keepingSlash: false) == "a%7Eb*c+d%2Be%2Ff+%C3%A9%21")
        // S3 event keys keep `/` (S3 User Guide, "Event message structure": "red flower.jpg" → "red+flower.jpg").
        #expect(PercentEncoding.encodeForm("photos/red flower.jpg".utf8, keepingSlash: true) == "photos/red+flower.jpg")
    }

    /// The RFC 3986 variant keeps `~` and encodes `*` and space: the opposite of the form variant on both.
    @Test func uriAndFormVariantsDifferOnTildeStarAndSpace() {
        #expect(PercentEncoding.encode(bytes: "~* ".utf8, keepingSlash: false) == "~%2A%20")
        #expect(PercentEncoding.encodeForm("~* ".utf8, keepingSlash: false) == "%7E*+")
    }

    @Test func strictDecodingRefusesMalformedEscapesAndDecodesPlusOnlyWhenAsked() {
        #expect(PercentEncoding.decodeStrictly("a+b%2Bc%7e", plusAsSpace: true) == Array("a b+c~".utf8))
        #expect(PercentEncoding.decodeStrictly("a+b%2Bc", plusAsSpace: false) == Array("a+b+c".utf8))
        for malformed in ["%", "%4", "%zz", "a%+1", "%4g"] {
            #expect(PercentEncoding.decodeStrictly(malformed, plusAsSpace: false) == nil, "\(malformed)")
        }
        // The lenient decoder keeps what it cannot decode.
        #expect(PercentEncoding.decode("a%zz%41%4") == Array("a%zzA%4".utf8))
    }
}
