import Foundation
import Testing
import ThumbgenAWS

@testable import ThumbgenCLI

/// The three output formats, structured lines, colour and control-character escaping.
@Suite struct LogEventFormatterTests {
    static let event = FilteredLogEvent(
        eventId: "3713", timestamp: 1_795_961_109_250, ingestionTime: 1_795_961_109_900,
        logStreamName: "2026/11/29/[$LATEST]abc", message: "START RequestId: 42 Version: $LATEST\n")
    static func event(message: String) -> FilteredLogEvent {
        var copy = event
        copy.message = message
        return copy
    }

    @Test func detailedShowsTimeStreamMessage() {
        let formatter = LogEventFormatter(format: .detailed, color: false)
        #expect(formatter.line(for: Self.event) == "2026-11-29T14:05:09.250Z 2026/11/29/[$LATEST]abc START RequestId: 42 Version: $LATEST")
    }

    @Test func shortShowsTimeMessage() {
        let formatter = LogEventFormatter(format: .short, color: false)
        #expect(formatter.line(for: Self.event) == "2026-11-29T14:05:09.250Z START RequestId: 42 Version: $LATEST")
    }

    @Test func jsonIsOneParseableObjectPerLine() throws {
        let line = LogEventFormatter(format: .json, color: true).line(for: Self.event)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["eventId"] as? String == "3713")
        #expect(object["logStreamName"] as? String == "2026/11/29/[$LATEST]abc")
        #expect(object["message"] as? String == "START RequestId: 42 Version: $LATEST")
        #expect(object["timestamp"] as? Int == 1_795_961_109_250)
        #expect(object["ingestionTime"] as? Int == 1_795_961_109_900)
        #expect(object["time"] as? String == "2026-11-29T14:05:09.250Z")
        #expect(!line.contains("\u{1B}"))
    }

    @Test func structuredLinesAreReadable() {
        let message =
            #"{"timestamp":"2026-11-29T14:05:09.250Z","level":"error","message":"decode failed","requestId":"42","key":"photos/a b.jpg","bytes":1024,"retry":false}"# + "\n"
        let formatter = LogEventFormatter(format: .short, color: false)
        #expect(
            formatter.line(for: Self.event(message: message))
                == #"2026-11-29T14:05:09.250Z ERROR decode failed bytes=1024 key="photos/a b.jpg" requestId=42 retry=false"#)
    }

    @Test func theFunctionsOwnLinePerEventIsReadable() {
        let message = #"{"requestId":"8f2c","event":"s3","key":"in/cat.jpg","outcome":"error","errorType":"ImageError.corrupt","error":"in/cat.jpg: not a JPEG","ms":12}"#
        #expect(
            LogEventFormatter(format: .short, color: false).line(for: Self.event(message: message))
                == #"2026-11-29T14:05:09.250Z ERROR in/cat.jpg: not a JPEG errorType=ImageError.corrupt event=s3 key=in/cat.jpg ms=12 requestId=8f2c"#)
        #expect(
            LogEventFormatter(format: .short, color: true).line(for: Self.event(message: #"{"outcome":"runtime-error"}"#))
                .hasSuffix(" \u{1B}[31mRUNTIME-ERROR\u{1B}[0m"))
    }

    @Test(arguments: ["{not json}", "{\"level\": \"INFO\"", "plain text", "[1, 2]"])
    func otherLinesStayAsTheyAre(message: String) {
        #expect(
            LogEventFormatter(format: .short, color: false).line(for: Self.event(message: message))
                == "2026-11-29T14:05:09.250Z \(message)")
    }

    @Test func colourMarksTimeStreamAndLevelAndEscapesControls() {
        let formatter = LogEventFormatter(format: .detailed, color: true)
        let structured = formatter.line(for: Self.event(message: #"{"level":"WARN","msg":"slow"}"#))
        #expect(structured == "\u{1B}[2m2026-11-29T14:05:09.250Z\u{1B}[0m \u{1B}[36m2026/11/29/[$LATEST]abc\u{1B}[0m \u{1B}[33mWARN\u{1B}[0m slow")
        let hostile = formatter.line(for: Self.event(message: "a\u{1B}]0;pwned\u{07}b\tc"))
        #expect(hostile.hasSuffix(" a\\u{1B}]0;pwned\\u{07}b\tc"))
    }

    @Test func deeplyNestedJSONIsShownAsText() {
        let message = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let line = LogEventFormatter(format: .short, color: false).line(for: Self.event(message: message))
        #expect(line.count == 25 + message.count)
    }

    @Test func withoutColourNothingIsEscapedOrPainted() {
        let line = LogEventFormatter(format: .short, color: false).line(for: Self.event(message: "a\u{1B}[31mb\r\n"))
        #expect(line == "2026-11-29T14:05:09.250Z a\u{1B}[31mb")
    }

    /// Found by a fresh-user trial: JSON escapes inside the function's structured lines were
    /// decoded back into raw ESC and newline bytes after the escaping step.
    @Test(arguments: [false, true])
    func structuredFieldsCannotDriveTheTerminalOrFakeLines(color: Bool) {
        let message = #"{"level":"ERROR","message":"bad key","key":"evil\u001b]0;PWNED\u0007\nFAKE line"}"#
        let line = LogEventFormatter(format: .short, color: color).line(for: Self.event(message: message))
        #expect(!line.contains("\u{1B}]") && !line.contains("\n") && !line.contains("\u{07}"))
        #expect(line.contains(#"evil\u{1B}]0;PWNED\u{07}\u{0A}FAKE line"#), "\(line)")
    }
}
