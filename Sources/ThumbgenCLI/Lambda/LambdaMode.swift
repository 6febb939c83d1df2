import ThumbgenLambda

/// Decides whether this process is the Lambda function rather than the command-line tool.
enum LambdaMode {
    /// True when the program should run the Lambda Runtime API loop:
    ///
    /// - argv[0]'s last path component is `bootstrap` (the custom runtime's entry point in
    ///   `provided.al2023`, whatever follows on the command line), or
    /// - `AWS_LAMBDA_RUNTIME_API` is set (non-empty) and no subcommand or option was given, so
    ///   `thumbgen resize ...` still works inside a Lambda-like environment.
    ///
    /// - Parameters:
    ///   - arguments: argv, program name first.
    ///   - environment: The process environment.
    /// - Returns: Whether to run as the Lambda function.
    static func isLambda(arguments: [String], environment: [String: String]) -> Bool {
        let program = arguments.first ?? ""
        let name = program.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? program
        if name == "bootstrap" { return true }
        let endpoint = environment[RuntimeAPI.Environment.runtimeAPI] ?? ""
        return !endpoint.isEmpty && arguments.count <= 1
    }
}
