import Testing

@testable import ThumbgenServe

@Suite struct HTTPTimeTests {
    // References from GNU date: date -u -d @SECONDS '+%d/%b/%Y:%H:%M:%S +0000' and '+%Y-%m-%dT%H:%M:%SZ'.
    @Test(arguments: [
        (Int64(0), "01/Jan/1970:00:00:00 +0000", "1970-01-01T00:00:00Z"),
        (1_584_039_838, "12/Mar/2020:19:03:58 +0000", "2020-03-12T19:03:58Z"),
        (951_782_400, "29/Feb/2000:00:00:00 +0000", "2000-02-29T00:00:00Z"),
        (-1, "31/Dec/1969:23:59:59 +0000", "1969-12-31T23:59:59Z"),
        (4_102_444_799, "31/Dec/2099:23:59:59 +0000", "2099-12-31T23:59:59Z"),
    ])
    func matchesGNUDate(seconds: Int64, apiGateway: String, iso8601: String) {
        #expect(HTTPTime.apiGateway(seconds) == apiGateway)
        #expect(HTTPTime.iso8601(seconds) == iso8601)
    }
}
