/// One element of argv as the tokenizer sees it, before any meaning is attached.
///
/// Shapes (after swift-testing's `CommandLineArgumentList` and swift-argument-parser's
/// `SplitArguments`): `--name`, `--name=value`, `-abc` (a cluster of short flags, the last of
/// which may take the next argument as its value), `--` (end of options), and anything else.
enum Token: Equatable, Sendable {
    /// `--name` or `--name=value` (`value` is nil without `=`). `name` excludes the dashes.
    case long(name: String, value: String?)
    /// `-x` or a cluster `-xyz`: the letters, in order. `-` alone is a positional.
    case short(letters: [Character])
    /// `--`: every later argument is positional.
    case terminator
    /// A positional argument (or an option's value: the parser decides).
    case positional(String)
}

/// Splits argv (without the program name) into ``Token``s.
///
/// Knows no option names. A dash followed by a digit (`-5`) is not an option but a value, so
/// `--size -5` reaches the option's range check instead of "needs a value".
enum Tokenizer {
    /// - Parameter arguments: argv without the program name.
    /// - Returns: one token per argument, in order.
    static func tokenize(_ arguments: [String]) -> [Token] {
        var tokens: [Token] = []
        var afterTerminator = false
        for argument in arguments {
            if afterTerminator {
                tokens.append(.positional(argument))
            } else if argument == "--" {
                tokens.append(.terminator)
                afterTerminator = true
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    tokens.append(.long(name: String(body[..<equals]), value: String(body[body.index(after: equals)...])))
                } else {
                    tokens.append(.long(name: String(body), value: nil))
                }
            } else if argument.hasPrefix("-"), argument.count > 1, !(argument.dropFirst().first?.isNumber ?? false) {
                tokens.append(.short(letters: Array(argument.dropFirst())))
            } else {
                tokens.append(.positional(argument))
            }
        }
        return tokens
    }
}
