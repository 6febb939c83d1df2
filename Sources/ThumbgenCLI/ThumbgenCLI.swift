import Dispatch
import FoundationEssentials

#if canImport(Glibc)
@_exported import Glibc
#endif

/// Entry point of the `thumbgen` program: dispatches argv to a command and turns every
/// outcome into one exit status. This is the only place that maps errors to text and status.
///
/// Exit status: 0 success, 1 failure, 2 usage mistake, 130 interrupted (SIGINT).
package enum ThumbgenCLI {
    /// Runs the program for `arguments` (argv, program name first) and returns the exit status.
    package static func run(arguments: [String]) -> Int32 {
        // A closed pipe (`thumbgen logs | head -1`) must end a write with EPIPE, which the
        // commands handle, rather than kill the process with SIGPIPE (status 141).
        signal(SIGPIPE, SIG_IGN)
        let console = Console()
        let context = CommandContext(
            environment: ProcessInfo.processInfo.environment,
            console: console,
            processorCount: max(1, ProcessInfo.processInfo.activeProcessorCount)
        )
        if LambdaMode.isLambda(arguments: arguments, environment: context.environment) {
            return LambdaEntry.run(context: context)
        }
        return run(arguments: Array(arguments.dropFirst()), context: context)
    }

    /// Runs argv without the program name in `context`.
    static func run(arguments: [String], context: CommandContext) -> Int32 {
        let console = context.console
        guard let first = arguments.first else {
            console.errorLine(HelpRenderer.overview(commands: CommandRegistry.commands))
            return 2
        }
        switch first {
        case "-h", "--help":
            console.line(HelpRenderer.overview(commands: CommandRegistry.commands))
            return 0
        case "--version", "version":
            console.line("thumbgen \(Version.current)")
            return 0
        case "help":
            guard arguments.count > 1 else {
                console.line(HelpRenderer.overview(commands: CommandRegistry.commands))
                return 0
            }
            guard let command = CommandRegistry.command(named: arguments[1]) else {
                return report(unknownCommand(arguments[1]), console: console)
            }
            console.line(HelpRenderer.help(for: command))
            return 0
        default:
            break
        }
        guard let command = CommandRegistry.command(named: first) else {
            return report(unknownCommand(first), console: console)
        }
        do {
            let parsed = try command.parser.parse(Array(arguments.dropFirst()))
            if parsed.has("help") {
                console.line(HelpRenderer.help(for: command))
                return 0
            }
            return try command.run(parsed, context: context)
        } catch let error as UsageError {
            return report(error, console: console)
        } catch {
            console.errorLine("thumbgen: \(error)")
            return 1
        }
    }

    private static func unknownCommand(_ name: String) -> UsageError {
        // An option before any command can only be one of the program's own.
        let names = name.hasPrefix("-") ? ["--help", "--version"] : CommandRegistry.commands.filter { !$0.hidden }.map(\.name)
        let kind = name.hasPrefix("-") ? "unknown option" : "unknown command"
        return UsageError(.unknownCommand, "\(kind) '\(name)'", suggestion: Suggestion.closest(to: name, in: names))
    }

    /// Prints a usage error as `thumbgen: MESSAGE` plus a hint line, and returns 2.
    static func report(_ error: UsageError, console: Console) -> Int32 {
        var text = "thumbgen: \(error.message)"
        if let suggestion = error.suggestion { text += " (did you mean '\(suggestion)'?)" }
        console.errorLine(text)
        let helpCommand = error.command.map { "thumbgen \($0) --help" } ?? "thumbgen --help"
        console.errorLine("Run '\(helpCommand)' for usage.")
        return 2
    }
}
