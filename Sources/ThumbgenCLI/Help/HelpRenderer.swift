/// Renders help text from the same declarations the parser uses, so help never drifts.
enum HelpRenderer {
    /// Column where option help starts.
    private static let helpColumn = 30

    /// `thumbgen CMD --help`: usage line, discussion, positionals and options with defaults.
    static func help(for command: any Command) -> String {
        var lines = ["Usage: \(usage(for: command))", "", command.summary + "."]
        if !command.discussion.isEmpty { lines += ["", command.discussion] }
        if !command.positionals.isEmpty {
            lines += ["", "Arguments:"]
            for positional in command.positionals { lines.append(row(positional.name, positional.help)) }
        }
        lines += ["", "Options:"]
        for option in command.allOptions where !option.hidden {
            var text = option.help
            if let value = option.defaultDescription { text += " (default: \(value))" }
            lines.append(row(option.synopsis, text))
        }
        return lines.joined(separator: "\n")
    }

    /// `thumbgen resize [options] INPUT...`
    static func usage(for command: any Command) -> String {
        var parts = ["thumbgen", command.name, "[options]"]
        for positional in command.positionals {
            let name = positional.name + (positional.repeating ? "..." : "")
            parts.append(positional.required ? name : "[\(name)]")
        }
        return parts.joined(separator: " ")
    }

    /// `thumbgen --help`: the command list.
    static func overview(commands: [any Command]) -> String {
        var lines = [
            "thumbgen \(Version.current): thumbnails of JPEG, PNG, WebP and AVIF images, locally and as an AWS Lambda function.",
            "", "Usage: thumbgen COMMAND [options] [arguments]", "", "Commands:",
        ]
        for command in commands where !command.hidden { lines.append(row(command.name, command.summary)) }
        lines += [
            "", "Options:",
            row("-h, --help", "Show this help, or a command's help with 'thumbgen COMMAND --help'"),
            row("--version", "Show the version"),
            "", "Exit status: 0 success, 1 failure, 2 usage mistake, 130 interrupted.",
        ]
        return lines.joined(separator: "\n")
    }

    private static func row(_ left: String, _ right: String) -> String {
        let indented = "  " + left
        if indented.count + 2 > helpColumn { return indented + "\n" + String(repeating: " ", count: helpColumn) + right }
        return indented + String(repeating: " ", count: helpColumn - indented.count) + right
    }
}

/// The program's version, shown by `--version`.
enum Version {
    static let current = "0.1.0"
}
