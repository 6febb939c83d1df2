import ThumbgenBasics

/// Times for `thumbgen logs`: parsing `--since`/`--until` and printing event timestamps,
/// all in milliseconds since 1970-01-01T00:00:00Z, by hand (no calendar or formatter objects).
///
/// Civil-date arithmetic: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
/// (`days_from_civil`, `civil_from_days`), proleptic Gregorian calendar, no leap seconds.
enum LogTime {
    /// Parses a relative age (`30s`, `10m`, `2h`, `1d`, `1w`: that long before `now`) or an
    /// ISO 8601 time (`2026-11-29`, `2026-11-29T14:05`, `2026-11-29T14:05:09.250Z`,
    /// `2026-11-29 14:05:09+01:00`); a time without an offset is UTC.
    ///
    /// - Parameters:
    ///   - text: The flag's value.
    ///   - now: The current time, in milliseconds since the epoch.
    /// - Returns: Milliseconds since the epoch, or nil when `text` is neither form.
    static func parse(_ text: String, now: Int64) -> Int64? {
        let text = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if let age = relativeMilliseconds(text) {
            let (start, overflow) = now.subtractingReportingOverflow(age)
            return overflow ? nil : start
        }
        return iso8601(text)
    }

    /// `10m` → 600 000. Units: s, m, h, d, w. Source of the syntax: `aws logs tail --since`.
    static func relativeMilliseconds(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        case "w": scale = 604_800_000
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    /// ISO 8601 (RFC 3339 profile, plus date-only and minute precision) to milliseconds.
    static func iso8601(_ text: String) -> Int64? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
            scanner.skip("-"), let day = scanner.number(digits: 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var milliseconds = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400_000
        if scanner.atEnd { return milliseconds }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2),
            hour < 24, minute < 60
        else { return nil }
        milliseconds += Int64(hour) * 3_600_000 + Int64(minute) * 60_000
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2), second < 60 else { return nil }
            milliseconds += Int64(second) * 1000
            if scanner.skip(".") || scanner.skip(",") {
                guard let (fraction, digits) = scanner.fraction() else { return nil }
                var scaled = fraction, scale = digits
                while scale < 3 { scaled *= 10; scale += 1 }
                while scale > 3 { scaled /= 10; scale -= 1 }
                milliseconds += scaled
            }
        }
        if scanner.atEnd || scanner.skip("Z") || scanner.skip("z") { return scanner.atEnd ? milliseconds : nil }
        let sign: Int64
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.number(digits: 2), offsetHours < 24 else { return nil }
        _ = scanner.skip(":")
        guard let offsetMinutes = scanner.number(digits: 2), offsetMinutes < 60, scanner.atEnd else { return nil }
        return milliseconds - sign * (Int64(offsetHours) * 3_600_000 + Int64(offsetMinutes) * 60_000)
    }

    /// `2026-11-29T14:05:09.250Z` for a time in milliseconds since the epoch (UTC).
    ///
    /// - Parameter milliseconds: Milliseconds since the epoch (may be negative).
    /// - Returns: The RFC 3339 text with millisecond precision.
    static func format(_ milliseconds: Int64) -> String {
        let days = CivilCalendar.floorDivide(milliseconds, 86_400_000)
        let remainder = milliseconds % 86_400_000
        let inDay = remainder < 0 ? remainder + 86_400_000 : remainder
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let hour = inDay / 3_600_000, minute = inDay / 60_000 % 60, second = inDay / 1000 % 60, milli = inDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(milli, 3))Z"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads fixed-width decimal fields and single characters from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// One to nine digits: the value and the digit count.
    mutating func fraction() -> (Int64, Int)? {
        var value: Int64 = 0, count = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), count < 9 {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        return count == 0 ? nil : (value, count)
    }
}
