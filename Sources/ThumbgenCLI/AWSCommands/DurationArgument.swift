/// Durations on the command line: `90` or `90s` (seconds), `500ms`, `5m`, `1h`, `7d`.
enum DurationArgument {
    /// Parses `text` into whole milliseconds.
    ///
    /// - Parameter text: A non-negative whole number with an optional unit `ms`, `s`, `m`, `h` or `d`.
    /// - Returns: Milliseconds, or nil when `text` is not such a duration (or overflows).
    static func milliseconds(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        let lower = text.lowercased()
        var number = Substring(lower)
        var factor = 1000
        for unit in units where lower.hasSuffix(unit.suffix) {
            let head = lower.dropLast(unit.suffix.count)
            if head.isEmpty || !head.allSatisfy(\.isASCII) || Int(head) == nil { continue }
            number = head
            factor = unit.factor
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = Int(number) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    /// The value of option `--long` as a duration within `range` milliseconds.
    ///
    /// - Throws: ``UsageError`` `.invalidValue` naming the flag and the accepted forms.
    static func option(_ arguments: ParsedArguments, _ long: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = arguments.string(long) else { return nil }
        guard let value = milliseconds(text), range.contains(value) else {
            throw UsageError(
                .invalidValue,
                "--\(long): '\(text)' is not a duration from \(describe(range.lowerBound)) to \(describe(range.upperBound)) (e.g. 90s, 5m, 1h)",
                command: arguments.command)
        }
        return value
    }

    /// `1h`, `90s`, `500ms`: the largest unit that divides `milliseconds` exactly.
    static func describe(_ milliseconds: Int) -> String {
        for (suffix, factor) in [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds >= factor && milliseconds % factor == 0 {
            return "\(milliseconds / factor)\(suffix)"
        }
        return "\(milliseconds)ms"
    }
}
