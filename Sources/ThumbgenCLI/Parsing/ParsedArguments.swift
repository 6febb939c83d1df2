/// The result of parsing one command's arguments against its ``OptionSpec`` table.
///
/// Typed accessors validate values and throw ``UsageError`` naming the flag.
struct ParsedArguments: Sendable {
    /// The command name, for error messages.
    var command: String
    /// Values by long option name, in the order given (flags store `""`).
    var values: [String: [String]] = [:]
    /// Positional arguments, in order.
    var positionals: [String] = []

    /// Whether a flag or option was given at all.
    func has(_ long: String) -> Bool { values[long] != nil }

    /// The last value of an option, or nil when absent.
    func string(_ long: String) -> String? { values[long]?.last }

    /// Every value of a repeatable option, in order.
    func strings(_ long: String) -> [String] { values[long] ?? [] }

    /// An integer option checked against `range`.
    ///
    /// - Throws: `UsageError.invalidValue` naming `--long` when the value is not a whole number in range.
    func integer(_ long: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = string(long) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            let bounds = range.upperBound == .max ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw UsageError(.invalidValue, "--\(long): '\(text)' is not a whole number \(bounds)", command: command)
        }
        return number
    }

    /// An option whose value must be one of an enumeration's raw values.
    ///
    /// - Throws: `UsageError.invalidValue` listing the accepted values, with the closest as a suggestion.
    func choice<T: RawRepresentable & CaseIterable>(_ long: String, as type: T.Type) throws(UsageError) -> T? where T.RawValue == String {
        guard let text = string(long) else { return nil }
        if let value = T(rawValue: text.lowercased()) { return value }
        let names = T.allCases.map(\.rawValue)
        throw UsageError(
            .invalidValue, "--\(long): '\(text)' is not one of \(names.joined(separator: ", "))",
            suggestion: Suggestion.closest(to: text, in: names), command: command)
    }
}
