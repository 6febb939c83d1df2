import ThumbgenDeploy

/// Which log group `thumbgen logs` reads: `--group`, else `THUMBGEN_LOG_GROUP`, else the
/// deployed function's group from the saved stack outputs.
enum LogGroupResolver {
    /// The environment variable naming a default log group.
    static let environmentVariable = "THUMBGEN_LOG_GROUP"

    /// Resolves the log group name.
    ///
    /// - Parameters:
    ///   - flag: The value of `--group`, if given.
    ///   - environment: The process environment.
    /// - Returns: The group name, e.g. `/aws/lambda/thumbgen`.
    /// - Throws: ``UsageError`` `.missingArgument` when no source names a group.
    static func resolve(flag: String?, environment: [String: String]) throws(UsageError) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let name = environment[environmentVariable], !name.isEmpty { return name }
        if let name = deployedLogGroup(environment: environment) { return name }
        throw UsageError(
            .missingArgument,
            "no log group: pass --group NAME or set \(environmentVariable) (no saved stack outputs name the deployed function's group)",
            command: "logs")
    }

    /// The deployed function's log group from the saved stack outputs (``StackOutputs``:
    /// `THUMBGEN_STACK`, else `.thumbgen/stack.json` here or in the nearest parent), or nil
    /// when nothing is deployed.
    /// (The stack's `region` could then also be the default region when `--region` is not given.)
    static func deployedLogGroup(environment: [String: String]) -> String? {
        (try? StackOutputs.load(flag: nil, environment: environment, currentDirectory: DeployCommand.currentDirectory()))?.logGroupName
    }
}
