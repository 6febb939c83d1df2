/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01, the one implementation
/// used for SigV4 dates, HTTP dates and log times (no DateFormatter in FoundationEssentials).
///
/// Source: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", `days_from_civil`
/// and `civil_from_days`; valid for any year representable here, before 1970 included.
package enum CivilCalendar {
    /// English month abbreviations, January first, as HTTP dates (RFC 9110 section 5.6.7) and
    /// Common Log Format times write them.
    package static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970-01-01 of year-month(1-12)-day(1-31); negative before 1970.
    package static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month (1-12) and day (1-31) of `days` since 1970-01-01.
    package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `a / b` rounded toward negative infinity (`b > 0`), without overflow.
    package static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }

    /// The UTC calendar date and time of day of `seconds` since 1970-01-01T00:00:00Z (no leap
    /// seconds, as POSIX time): month 1-12, day 1-31, hour 0-23, minute and second 0-59.
    package static func utc(secondsSinceEpoch seconds: Int64)
        -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64)
    {
        let days = floorDivide(seconds, 86_400)
        let time = seconds - days * 86_400
        let date = civil(fromDays: days)
        return (date.year, date.month, date.day, time / 3_600, time % 3_600 / 60, time % 60)
    }
}
