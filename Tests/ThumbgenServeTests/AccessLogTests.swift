import Testing

@testable import ThumbgenServe

/// Issue 12 finding 7: request-controlled text in serve's log lines (a `%0a` in a decoded key
/// forged a line, `%1b` reached the terminal).
@Suite struct AccessLogTests {
    @Test func controlBytesQuotesAndBackslashesAreEscaped() {
        #expect(
            LogText.escaped("uploads/a\n2026-01-01T00:00:00Z 1.2.3.4 \"GET /\" 200 0 1ms.jpg")
                == "uploads/a\\x0A2026-01-01T00:00:00Z 1.2.3.4 \\x22GET /\\x22 200 0 1ms.jpg")
        #expect(LogText.escaped("\u{1b}[31mred\r\u{7f}\\x41") == "\\x1B[31mred\\x0D\\x7F\\x5Cx41")
        #expect(LogText.escaped("photos/Katzenfoto ü 猫.jpg") == "photos/Katzenfoto ü 猫.jpg")
    }

    @Test func accessLineStaysOneLine() {
        let request = ServeRequest(
            method: "GET", target: "/thumbnails/a\nb?X-Amz-Signature=abc&q=\u{1b}", headers: [], body: [],
            sourceIP: "127.0.0.1")
        let line = AccessLog.line(request: request, status: 404, bytes: 10, milliseconds: 3)
        #expect(!line.contains("\n") && !line.contains("\u{1b}"))
        #expect(line.hasSuffix(" 127.0.0.1 \"GET /thumbnails/a\\x0Ab?X-Amz-Signature=REDACTED&q=\\x1B\" 404 10 3ms"))
    }
}
