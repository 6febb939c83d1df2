import ThumbgenAWS
import ThumbgenBasics
import ThumbgenDeploy

/// The validated options of `thumbgen deploy`, with every path made absolute.
struct DeploySettings: Sendable {
    var name: String
    var region: String?
    var profile: String?
    var action: TerraformDriver.Action
    var autoApprove: Bool
    /// `--infra DIR`, or nil for the configuration built into the binary.
    var infra: String?
    /// `--var KEY=VALUE` pairs, in order.
    var variables: [(String, String)]
    var packageOnly: Bool
    /// The zip written by `--package-only`.
    var output: String
    /// Where the stack outputs are saved (see ``StackOutputs``).
    var stack: String
    /// Terraform's working copy and state.
    var stateDirectory: String
    /// The executable to package.
    var binary: String
    /// `--endpoint-url URL`, else `AWS_ENDPOINT_URL`: a local AWS to deploy to instead of AWS
    /// (for `--destroy`, the saved stack's endpoint is used when neither is given).
    var endpointURL: String?
    /// `--delete-data`: with `--destroy`, delete every object version in the buckets first.
    var deleteData: Bool

    /// Reads and checks the options.
    ///
    /// - Parameters:
    ///   - arguments: parsed against ``DeployCommand/options``.
    ///   - environment: for the region (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_PROFILE`'s
    ///     `region` in `~/.aws/config`) and `THUMBGEN_STACK`.
    ///   - currentDirectory: absolute; relative paths are resolved against it.
    /// - Throws: ``UsageError`` for a malformed `--var`, a bad `--name`, or conflicting flags.
    init(_ arguments: ParsedArguments, environment: [String: String], currentDirectory: String) throws(UsageError) {
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : Path.join(currentDirectory, path) }
        name = arguments.string("name") ?? "thumbgen"
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard allowed, (3...32).contains(name.utf8.count), !name.hasPrefix("-"), !name.hasSuffix("-") else {
            throw UsageError(.invalidValue, "--name: '\(name)' must be 3 to 32 lower-case letters, digits and hyphens", command: "deploy")
        }
        profile = arguments.string("profile")
        // As the AWS CLI: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region; else
        // nil, and Terraform's default (us-east-1) applies.
        region = try? AWSConfiguration.region(
            flag: arguments.string("region"), profileName: AWSConfiguration.profileName(flag: profile, environment: environment),
            environment: environment, files: AWSSharedFiles.load(environment: environment))
        if arguments.has("plan"), arguments.has("destroy") {
            throw UsageError(.conflictingOptions, "--plan and --destroy cannot be combined", command: "deploy")
        }
        action = arguments.has("destroy") ? .destroy : arguments.has("plan") ? .plan : .apply
        deleteData = arguments.has("delete-data")
        if deleteData, action != .destroy {
            throw UsageError(.conflictingOptions, "--delete-data applies only with --destroy", command: "deploy")
        }
        endpointURL = [arguments.string("endpoint-url"), environment["AWS_ENDPOINT_URL"]].compactMap { $0 }.first { !$0.isEmpty }
        if let endpointURL, !(endpointURL.hasPrefix("http://") || endpointURL.hasPrefix("https://")) {
            throw UsageError(.invalidValue, "--endpoint-url: '\(endpointURL)' is not an http:// or https:// URL", command: "deploy")
        }
        autoApprove = arguments.has("auto-approve")
        infra = arguments.string("infra").map(absolute)
        variables = []
        for pair in arguments.strings("var") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw UsageError(.invalidValue, "--var: '\(pair)' is not KEY=VALUE", command: "deploy")
            }
            variables.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
        }
        packageOnly = arguments.has("package-only")
        if !packageOnly, arguments.has("output") {
            throw UsageError(.conflictingOptions, "-o/--output applies only with --package-only", command: "deploy")
        }
        output = absolute(arguments.string("output") ?? "thumbgen-lambda.zip")
        stack = absolute(StackOutputs.location(flag: arguments.string("stack"), environment: environment,
                                               currentDirectory: currentDirectory, forWriting: true))
        stateDirectory = absolute(arguments.string("state-dir") ?? ".thumbgen/terraform")
        binary = arguments.string("binary").map(absolute) ?? FileIO.realPath("/proc/self/exe") ?? "/proc/self/exe"
    }

}
