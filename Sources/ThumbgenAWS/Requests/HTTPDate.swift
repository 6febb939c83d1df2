import FoundationEssentials
import ThumbgenBasics

/// Parses HTTP dates in the preferred IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`
/// (RFC 9110 section 5.6.7, formerly RFC 7231 section 7.1.1.1), by hand: FoundationEssentials
/// has no DateFormatter.
package enum HTTPDate {
    /// Parses an IMF-fixdate.
    ///
    /// - Parameter text: e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    /// - Returns: The instant, or nil when `text` is not an IMF-fixdate.
    package static func parse(_ text: String) -> Date? {
        // "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), parts[1].count == 2,
            let monthIndex = CivilCalendar.monthAbbreviations.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = Int(CivilCalendar.days(year: Int64(year), month: Int64(monthIndex + 1), day: Int64(day)))
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
