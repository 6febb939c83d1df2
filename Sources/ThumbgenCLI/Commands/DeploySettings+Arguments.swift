import ThumbgenAWS
import ThumbgenBasics
import ThumbgenDeploy
import ThumbgenImaging

extension DeploySettings {
    /// Reads and checks the options.
    ///
    /// - Parameters:
    ///   - arguments: parsed against ``DeployCommand/options``.
    ///   - environment: for the region (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_PROFILE`'s
    ///     `region` in `~/.aws/config`) and `THUMBGEN_STACK`.
    ///   - currentDirectory: absolute; relative paths are resolved against it.
    /// - Throws: ``UsageError`` for a malformed `--var` or `--formats`, a bad `--name`, or
    ///   conflicting flags.
    init(_ arguments: ParsedArguments, environment: [String: String], currentDirectory: String) throws(UsageError) {
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : Path.join(currentDirectory, path) }
        let name = arguments.string("name") ?? "thumbgen"
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard allowed, (3...32).contains(name.utf8.count), !name.hasPrefix("-"), !name.hasSuffix("-") else {
            throw UsageError(.invalidValue, "--name: '\(name)' must be 3 to 32 lower-case letters, digits and hyphens", command: "deploy")
        }
        let profile = arguments.string("profile")
        // As the AWS CLI: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region; else
        // nil, and Terraform's default (us-east-1) applies.
        let region = try? AWSConfiguration.region(
            flag: arguments.string("region"), profileName: AWSConfiguration.profileName(flag: profile, environment: environment),
            environment: environment, files: AWSSharedFiles.load(environment: environment))
        if arguments.has("plan"), arguments.has("destroy") {
            throw UsageError(.conflictingOptions, "--plan and --destroy cannot be combined", command: "deploy")
        }
        let action: TerraformDriver.Action = arguments.has("destroy") ? .destroy : arguments.has("plan") ? .plan : .apply
        let deleteData = arguments.has("delete-data")
        if deleteData, action != .destroy {
            throw UsageError(.conflictingOptions, "--delete-data applies only with --destroy", command: "deploy")
        }
        let endpointURL = [arguments.string("endpoint-url"), environment["AWS_ENDPOINT_URL"]].compactMap { $0 }.first { !$0.isEmpty }
        if let endpointURL, !(endpointURL.hasPrefix("http://") || endpointURL.hasPrefix("https://")) {
            throw UsageError(.invalidValue, "--endpoint-url: '\(endpointURL)' is not an http:// or https:// URL", command: "deploy")
        }
        let autoApprove = arguments.has("auto-approve")
        let infra = arguments.string("infra").map(absolute)
        var variables: [(String, String)] = []
        for pair in arguments.strings("var") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw UsageError(.invalidValue, "--var: '\(pair)' is not KEY=VALUE", command: "deploy")
            }
            variables.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
        }
        if let formats = try FormatList.parse(arguments, "formats") {
            if variables.contains(where: { $0.0 == "thumbnail_formats" }) {
                throw UsageError(.conflictingOptions, "--formats and --var thumbnail_formats=... set the same thing; use one", command: "deploy")
            }
            variables.append(("thumbnail_formats", "[" + formats.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"))
        }
        let packageOnly = arguments.has("package-only")
        if !packageOnly, arguments.has("output") {
            throw UsageError(.conflictingOptions, "-o/--output applies only with --package-only", command: "deploy")
        }
        let output = absolute(arguments.string("output") ?? "thumbgen-lambda.zip")
        let stack = absolute(
            StackOutputs.location(
                flag: arguments.string("stack"), environment: environment,
                currentDirectory: currentDirectory, forWriting: true))
        let stateDirectory = absolute(arguments.string("state-dir") ?? ".thumbgen/terraform")
        let binary = arguments.string("binary").map(absolute) ?? FileIO.realPath("/proc/self/exe") ?? "/proc/self/exe"
        self.init(
            name: name, region: region, profile: profile, action: action, autoApprove: autoApprove, infra: infra,
            variables: variables, packageOnly: packageOnly, output: output, stack: stack,
            stateDirectory: stateDirectory, binary: binary, endpointURL: endpointURL, deleteData: deleteData)
    }
}
