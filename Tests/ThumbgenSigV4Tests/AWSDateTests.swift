import Foundation
import Testing
import ThumbgenSigV4

/// `AWSDate` against times whose UTC calendar form was computed with Python's
/// `calendar.timegm` (leap days, century rules, before 1970, year 9999).
@Suite struct AWSDateTests {
    static let cases: [(seconds: Int64, timestamp: String)] = [
        (0, "19700101T000000Z"),
        (1_440_938_160, "20150830T123600Z"),
        (1_369_353_600, "20130524T000000Z"),
        (1_709_251_199, "20240229T235959Z"),
        (951_868_800, "20000301T000000Z"),
        (4_107_456_001, "21000228T000001Z"),
        (-1, "19691231T235959Z"),
        (-2_203_848_000, "19000301T120000Z"),
        (253_402_300_799, "99991231T235959Z"),
    ]

    @Test(arguments: cases)
    func formats(_ testCase: (seconds: Int64, timestamp: String)) {
        let date = AWSDate(secondsSinceEpoch: testCase.seconds)
        #expect(date.timestamp == testCase.timestamp)
        #expect(date.datestamp == String(testCase.timestamp.prefix(8)))
    }

    @Test func fromDateTruncatesFractions() {
        #expect(AWSDate(Date(timeIntervalSince1970: 1_440_938_160.999)).timestamp == "20150830T123600Z")
        #expect(AWSDate(Date(timeIntervalSince1970: -0.5)).timestamp == "19691231T235959Z")
    }
}
