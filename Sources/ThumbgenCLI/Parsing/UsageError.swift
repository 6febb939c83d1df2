/// A mistake in how the program was called: exit status 2.
///
/// `message` is one line naming the flag, command or argument at fault; `suggestion`, when
/// present, is the closest valid spelling.
struct UsageError: Error, Sendable, Equatable {
    enum Code: Sendable, Equatable {
        case unknownCommand
        case unknownOption
        case missingValue
        case invalidValue
        case unexpectedValue
        case missingArgument
        case unexpectedArgument
        case conflictingOptions
    }

    var code: Code
    var message: String
    /// The closest valid spelling, e.g. `--size` for `--sise`.
    var suggestion: String?
    /// The command whose usage applies (for the "see --help" hint).
    var command: String?

    init(_ code: Code, _ message: String, suggestion: String? = nil, command: String? = nil) {
        self.code = code
        self.message = message
        self.suggestion = suggestion
        self.command = command
    }
}
