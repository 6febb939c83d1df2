/// One option of a command, declared once and used both to parse and to render help.
struct OptionSpec: Sendable {
    /// How the option consumes argv.
    enum Kind: Sendable, Equatable {
        /// Present or absent: `--upscale`.
        case flag
        /// Takes one value: `--size 256`, `--size=256`, `-s 256`. Repeating it keeps the last,
        /// unless `repeatable`, which keeps all in order.
        case value(name: String, repeatable: Bool)
    }

    /// The long name without dashes, e.g. `size`. Also the key in ``ParsedArguments``.
    var long: String
    /// The short letter, e.g. `o` for `-o`.
    var short: Character?
    var kind: Kind
    /// One line of help, without a trailing period.
    var help: String
    /// The default shown in help, e.g. `256`.
    var defaultDescription: String?
    /// Hidden options parse but are not listed in help.
    var hidden = false

    static func flag(_ long: String, short: Character? = nil, help: String, hidden: Bool = false) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, help: help, defaultDescription: nil, hidden: hidden)
    }

    static func value(
        _ long: String, short: Character? = nil, valueName: String, help: String,
        default defaultDescription: String? = nil, repeatable: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            long: long, short: short, kind: .value(name: valueName, repeatable: repeatable),
            help: help, defaultDescription: defaultDescription)
    }

    /// `-o, --output FILE` as shown in usage and help.
    var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(long)"
        if case .value(let name, _) = kind { text += " \(name)" }
        return text
    }

    var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }
}

/// A positional argument of a command, for usage and help.
struct PositionalSpec: Sendable {
    /// e.g. `INPUT`.
    var name: String
    var help: String
    /// `INPUT...`: one or more (or zero or more when not `required`).
    var repeating: Bool
    var required: Bool
}
