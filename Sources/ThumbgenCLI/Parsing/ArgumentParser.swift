/// Parses a command's tokens against its declared options and positionals.
///
/// Rules: options may come before, between or after positionals; `--name value` and
/// `--name=value` are equivalent; short flags cluster (`-qv`) and a value-taking short option
/// takes the rest of its cluster or the next argument (`-o out.jpg`, `-oout.jpg`); after `--`
/// everything is positional. The parser never prints and never exits: it returns or throws.
struct ArgumentParser {
    var command: String
    var options: [OptionSpec]
    var positionals: [PositionalSpec]
    /// Other tools' option names (without dashes) with a pointer to thumbgen's way, e.g.
    /// `strip` → "metadata is stripped by default"; matched as `--name` or `-name`.
    var foreignOptions: [String: String] = [:]

    /// - Parameter arguments: the command's argv, after the command name.
    /// - Throws: ``UsageError`` for an unknown option (with the closest name suggested), a
    ///   missing value, a value given to a flag, or a missing/unexpected positional.
    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments(command: command)
        var tokens = Tokenizer.tokenize(arguments)[...]
        while let token = tokens.popFirst() {
            switch token {
            case .terminator:
                continue
            case .positional(let value):
                result.positionals.append(value)
            case .long(let name, let inline):
                guard let spec = options.first(where: { $0.long == name }) else {
                    if let pointer = foreignOptions[name] { throw foreign("--\(name)", pointer) }
                    // Else the program's own `--version`, which only works before the command.
                    let suggestion =
                        Suggestion.closest(to: name, in: options.filter { !$0.hidden }.map(\.long)).map { "--\($0)" }
                        ?? Suggestion.closest(to: name, in: ["version"]).map { _ in "thumbgen --version" }
                    throw UsageError(.unknownOption, "unknown option '--\(name)' for '\(command)'", suggestion: suggestion, command: command)
                }
                try take(spec, inline: inline, from: &tokens, into: &result, spelled: "--\(name)")
            case .short(let letters):
                let word = String(letters)
                if letters.count > 1, let pointer = foreignOptions[word] { throw foreign("-\(word)", pointer) }
                // `-size 256`, as ImageMagick spells options: not the cluster -s -i -z -e.
                if letters.count > 2, options.contains(where: { $0.long == word }) {
                    throw UsageError(.unknownOption, "unknown option '-\(word)' for '\(command)'", suggestion: "--\(word)", command: command)
                }
                var index = letters.startIndex
                while index < letters.endIndex {
                    let letter = letters[index]
                    guard let spec = options.first(where: { $0.short == letter }) else {
                        throw UsageError(
                            .unknownOption, "unknown option '-\(letter)' for '\(command)'",
                            suggestion: Self.shortSuggestion(for: letter, in: options), command: command)
                    }
                    let rest = letters[letters.index(after: index)...]
                    if spec.takesValue, !rest.isEmpty {
                        try take(spec, inline: String(rest), from: &tokens, into: &result, spelled: "-\(letter)")
                        break
                    }
                    try take(spec, inline: nil, from: &tokens, into: &result, spelled: "-\(letter)")
                    index = letters.index(after: index)
                }
            }
        }
        // `--help` wins over missing arguments: `thumbgen resize --help` needs no INPUT.
        if result.has("help") { return result }
        try checkPositionals(result.positionals)
        return result
    }

    /// The closest spelling for an unknown `-X`: the same letter in the other case (`-O` → `-o`),
    /// else the one visible long option that starts with that letter (`-q` → `--quality`), else nil.
    ///
    /// - Parameters:
    ///   - letter: the unknown short option's letter.
    ///   - options: the command's option table.
    /// - Returns: the suggested spelling with its dashes, or nil when no single option fits.
    static func shortSuggestion(for letter: Character, in options: [OptionSpec]) -> String? {
        let visible = options.filter { !$0.hidden }
        let otherCase = Character(letter.isUppercase ? letter.lowercased() : letter.uppercased())
        if otherCase != letter, visible.contains(where: { $0.short == otherCase }) { return "-\(otherCase)" }
        let starting = visible.filter { $0.long.first == letter }
        return starting.count == 1 ? "--\(starting[0].long)" : nil
    }

    private func foreign(_ spelled: String, _ pointer: String) -> UsageError {
        UsageError(.unknownOption, "'\(spelled)' is not a thumbgen option: \(pointer)", command: command)
    }

    private func take(
        _ spec: OptionSpec, inline: String?, from tokens: inout ArraySlice<Token>,
        into result: inout ParsedArguments, spelled: String
    ) throws(UsageError) {
        switch spec.kind {
        case .flag:
            if inline != nil {
                throw UsageError(.unexpectedValue, "\(spelled) takes no value", command: command)
            }
            result.values[spec.long, default: []].append("")
        case .value(let valueName, _):
            var value = inline
            if value == nil, case .positional(let next)? = tokens.first {
                value = next
                tokens.removeFirst()
            }
            guard let value else {
                throw UsageError(.missingValue, "\(spelled) needs a value (\(valueName))", command: command)
            }
            result.values[spec.long, default: []].append(value)
        }
    }

    private func checkPositionals(_ given: [String]) throws(UsageError) {
        let required = positionals.filter(\.required)
        if given.count < required.count {
            let missing = required[given.count].name
            throw UsageError(.missingArgument, "'\(command)' needs \(missing)", command: command)
        }
        if !positionals.contains(where: \.repeating), given.count > positionals.count {
            throw UsageError(.unexpectedArgument, "unexpected argument '\(given[positionals.count])' for '\(command)'", command: command)
        }
    }
}
