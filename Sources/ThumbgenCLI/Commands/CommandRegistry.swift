/// Every subcommand, in the order `thumbgen --help` lists them.
enum CommandRegistry {
    static let commands: [any Command] = [
        ResizeCommand(),
        DeployCommand(),
        ServeCommand(),
        LogsCommand(),
        LambdaCommand(),
    ]

    /// The command called `name`, if any.
    static func command(named name: String) -> (any Command)? {
        commands.first { $0.name == name }
    }
}
