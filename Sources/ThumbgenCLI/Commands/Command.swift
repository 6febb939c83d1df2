/// What every subcommand provides: its declaration (for parsing and help) and its action.
///
/// A new subcommand is one new file conforming to this plus one line in ``CommandRegistry``.
protocol Command: Sendable {
    /// The word after `thumbgen`, e.g. `resize`.
    var name: String { get }
    /// One line for the command list, without a trailing period.
    var summary: String { get }
    /// Paragraphs shown under the usage line in `thumbgen CMD --help`.
    var discussion: String { get }
    var options: [OptionSpec] { get }
    var positionals: [PositionalSpec] { get }
    /// Hidden commands run but are not listed in `thumbgen --help`.
    var hidden: Bool { get }
    /// Neighbouring tools' options (no dashes) and what to use instead; see ``ArgumentParser/foreignOptions``.
    var foreignOptions: [String: String] { get }

    /// Runs the command with parsed arguments.
    ///
    /// - Returns: the exit status (0 success, 1 some work failed).
    /// - Throws: ``UsageError`` for a usage mistake found after parsing (exit 2); any other
    ///   error is reported as one line and exit 1.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32
}

extension Command {
    var hidden: Bool { false }
    var discussion: String { "" }
    var foreignOptions: [String: String] { [:] }

    /// The options every command accepts besides its own.
    var allOptions: [OptionSpec] { options + [.flag("help", short: "h", help: "Show this help and exit")] }

    var parser: ArgumentParser { ArgumentParser(command: name, options: allOptions, positionals: positionals, foreignOptions: foreignOptions) }
}

/// What a command may read of the outside world: passed in, so tests can set it.
struct CommandContext: Sendable {
    /// The process environment.
    var environment: [String: String]
    var console: Console
    /// Cores available, for `--jobs` defaults; asked of the system only when a command reads it
    /// (`activeProcessorCount` reads the cgroup CPU quota and affinity, which `--version`, the
    /// Lambda bootstrap and every other command would otherwise pay for at start).
    var processorCount: Int { countProcessors() }
    private let countProcessors: @Sendable () -> Int

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - console: Where output goes.
    ///   - processorCount: Evaluated each time ``processorCount`` is read.
    init(environment: [String: String], console: Console, processorCount: @escaping @autoclosure @Sendable () -> Int) {
        self.environment = environment
        self.console = console
        self.countProcessors = processorCount
    }
}
