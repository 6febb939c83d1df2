import FoundationEssentials
import ThumbgenBasics

/// A signing time in the two forms SigV4 uses, both UTC, computed from seconds since the
/// Unix epoch by hand (no `DateFormatter`, no calendar, no time zone database).
///
/// Source: AWS IAM User Guide, "Elements of an AWS API request signature" (the date and
/// time in ISO 8601 basic format `yyyyMMdd'T'HHmmss'Z'`, and the date `yyyyMMdd` of the
/// credential scope). Days are converted to a proleptic Gregorian date with Howard
/// Hinnant's `civil_from_days` algorithm ("chrono-Compatible Low-Level Date Algorithms").
package struct AWSDate: Sendable, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z (fractions are truncated toward the past).
    package var secondsSinceEpoch: Int64

    /// The time of `date`, truncated to whole seconds.
    ///
    /// - Parameter date: Any time; times before 1970 work too.
    package init(_ date: Date) {
        self.secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The time `secondsSinceEpoch` seconds after 1970-01-01T00:00:00Z.
    ///
    /// - Parameter secondsSinceEpoch: Seconds since the Unix epoch (UTC).
    package init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, e.g. `20150830T123600Z`: the `X-Amz-Date` value.
    package var timestamp: String {
        let (year, month, day) = civil
        let seconds = secondsSinceEpoch - days * 86_400
        let hour = seconds / 3600, minute = seconds % 3600 / 60, second = seconds % 60
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
    }

    /// `yyyyMMdd`, e.g. `20150830`: the date of the credential scope.
    package var datestamp: String {
        let (year, month, day) = civil
        return pad(year, 4) + pad(month, 2) + pad(day, 2)
    }

    /// Days since 1970-01-01, rounded toward the past.
    private var days: Int64 { CivilCalendar.floorDivide(secondsSinceEpoch, 86_400) }

    /// Year, month (1-12), day (1-31) of ``days``.
    private var civil: (Int64, Int64, Int64) { CivilCalendar.civil(fromDays: days) }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
