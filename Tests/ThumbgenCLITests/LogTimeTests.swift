import Testing

@testable import ThumbgenCLI

/// `--since`/`--until` parsing and timestamp printing, checked against known epoch values
/// (e.g. `date -u -d 2026-11-29T14:05:09Z +%s` = 1795961109).
@Suite struct LogTimeTests {
    static let now: Int64 = 1_795_961_109_250

    @Test(arguments: [
        ("30s", now - 30_000), ("10m", now - 600_000), ("2h", now - 7_200_000), ("1d", now - 86_400_000),
        ("1w", now - 604_800_000), ("0m", now), (" 10m ", now - 600_000),
    ])
    func relativeAges(text: String, expected: Int64) {
        #expect(LogTime.parse(text, now: Self.now) == expected)
    }

    @Test(arguments: [
        ("2026-11-29T14:05:09Z", Int64(1_795_961_109_000)),
        ("2026-11-29T14:05:09.25Z", 1_795_961_109_250),
        ("2026-11-29T14:05:09.123456789Z", 1_795_961_109_123),
        ("2026-11-29 14:05:09", 1_795_961_109_000),
        ("2026-11-29T14:05", 1_795_961_100_000),
        ("2026-11-29", 1_795_910_400_000),
        ("2026-11-29T15:05:09+01:00", 1_795_961_109_000),
        ("2026-11-29T09:35:09-0430", 1_795_961_109_000),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func iso8601Times(text: String, expected: Int64) {
        #expect(LogTime.parse(text, now: Self.now) == expected)
    }

    @Test(arguments: [
        "", "10", "m", "-5m", "10y", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-29T24:00",
        "2026-11-29T14:05:09Q", "2026-11-29T14:05:09+1", "2026-11-29T14:05:09.", "yesterday", "99999999999999999999d",
    ])
    func rejects(text: String) {
        #expect(LogTime.parse(text, now: Self.now) == nil)
    }

    @Test(arguments: [
        (Int64(1_795_961_109_250), "2026-11-29T14:05:09.250Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (1_709_164_800_007, "2024-02-29T00:00:00.007Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formats(milliseconds: Int64, text: String) {
        #expect(LogTime.format(milliseconds) == text)
    }

    @Test func extremeTimestampsFromTheServiceDoNotTrap() {
        #expect(LogTime.format(.min).hasSuffix("Z"))
        #expect(LogTime.format(.max).hasSuffix(".807Z"))
    }

    @Test func formatAndParseRoundTrip() {
        for milliseconds in stride(from: Int64(-86_400_000 * 800), to: 86_400_000 * 40_000, by: 86_399_997 * 37) {
            #expect(LogTime.parse(LogTime.format(milliseconds), now: 0) == milliseconds)
        }
    }
}
