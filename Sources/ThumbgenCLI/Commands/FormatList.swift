import ThumbgenImaging

/// A list of thumbnail formats given on the command line, read as the function reads
/// `THUMBGEN_FORMATS`: `jpeg,webp,avif`, each of `auto jpeg png webp avif` (any case, spaces
/// ignored), duplicates dropped, order kept. Used by `upload --format` and `deploy --formats`.
enum FormatList {
    /// The list in `--LONG`, or nil when the flag is absent.
    ///
    /// - Parameters:
    ///   - arguments: the parsed command line.
    ///   - long: the flag's long name, e.g. `formats`.
    /// - Returns: the formats, in order, at least one.
    /// - Throws: ``UsageError`` `.invalidValue` naming the entry that is not a format (an empty
    ///   entry too), with the closest name.
    static func parse(_ arguments: ParsedArguments, _ long: String) throws(UsageError) -> [OutputFormat]? {
        guard let text = arguments.string(long) else { return nil }
        var formats: [OutputFormat] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.filter { $0 != " " }.lowercased()
            guard let format = OutputFormat(rawValue: name) else {
                let names = OutputFormat.allCases.map(\.rawValue)
                throw UsageError(
                    .invalidValue, "--\(long): '\(part)' is not one of \(names.joined(separator: ", ")) (a list such as jpeg,webp,avif is allowed)",
                    suggestion: Suggestion.closest(to: name, in: names), command: arguments.command)
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}
