import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// Time stamps in the two text forms the local server writes, from seconds since the Unix
/// epoch, in UTC (no `DateFormatter`: ``CivilCalendar`` and fixed tables).
enum HTTPTime {
    /// API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`.
    ///
    /// - Parameter seconds: Seconds since the Unix epoch.
    /// - Returns: The text.
    static func apiGateway(_ seconds: Int64) -> String {
        let t = CivilCalendar.utc(secondsSinceEpoch: seconds)
        let month = CivilCalendar.monthAbbreviations[Int(t.month - 1)]
        return "\(pad(t.day))/\(month)/\(t.year):\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) +0000"
    }

    /// ISO 8601 in UTC for access-log lines: `2020-03-12T19:03:58Z`.
    ///
    /// - Parameter seconds: Seconds since the Unix epoch.
    /// - Returns: The text.
    static func iso8601(_ seconds: Int64) -> String {
        let t = CivilCalendar.utc(secondsSinceEpoch: seconds)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))Z"
    }

    /// The current time in milliseconds since the Unix epoch (`CLOCK_REALTIME`).
    static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
