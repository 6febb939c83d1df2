#if canImport(Glibc)
import Glibc
#endif

/// Time stamps in the two text forms the local server writes, from seconds since the Unix
/// epoch, in UTC (no `DateFormatter`: `gmtime_r(3)` and fixed tables).
enum HTTPTime {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`.
    ///
    /// - Parameter seconds: Seconds since the Unix epoch.
    /// - Returns: The text.
    static func apiGateway(_ seconds: Int64) -> String {
        let t = parts(seconds)
        return "\(pad(t.tm_mday))/\(months[Int(t.tm_mon)])/\(t.tm_year + 1900):\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec)) +0000"
    }

    /// ISO 8601 in UTC for access-log lines: `2020-03-12T19:03:58Z`.
    ///
    /// - Parameter seconds: Seconds since the Unix epoch.
    /// - Returns: The text.
    static func iso8601(_ seconds: Int64) -> String {
        let t = parts(seconds)
        return "\(t.tm_year + 1900)-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))Z"
    }

    /// The current time in milliseconds since the Unix epoch (`CLOCK_REALTIME`).
    static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    private static func parts(_ seconds: Int64) -> tm {
        var time = time_t(seconds)
        var result = tm()
        gmtime_r(&time, &result)
        return result
    }

    private static func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
