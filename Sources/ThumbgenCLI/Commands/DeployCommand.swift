import ThumbgenBasics
import ThumbgenDeploy

#if canImport(Glibc)
import Glibc
#endif

/// `thumbgen deploy`: packages the running binary as a Lambda `bootstrap` and creates,
/// updates or destroys the stack with Terraform over the configuration it carries.
struct DeployCommand: Command {
    let name = "deploy"
    let summary = "Package thumbgen for AWS Lambda and deploy the stack with Terraform"
    let discussion = """
        Builds the Lambda package (bootstrap + every shared library it loads, glibc and the loader
        included) from this very binary, then runs Terraform (or OpenTofu) init and apply in
        .thumbgen/terraform, which keeps Terraform's state: keep that folder. On success the
        stack's outputs (buckets, API URL, function, log group, region) are saved to
        .thumbgen/stack.json, where upload, fetch and logs find them (--stack FILE or
        THUMBGEN_STACK=FILE to use another file).

        --package-only writes just the zip. --plan shows the changes without making them;
        --destroy removes the stack; while the buckets hold data it changes nothing and says what
        is left; --delete-data deletes every object version first (it shows what and asks, unless
        --auto-approve). --endpoint-url URL deploys to a local AWS such as MiniStack: the provider
        override is written for you and the saved stack remembers the endpoint. --formats
        jpeg,webp,avif makes the function write each thumbnail in every listed format (Terraform
        variable thumbnail_formats); upload --format takes the same list. Credentials come
        from the usual AWS sources (environment, --profile, ~/.aws); Terraform's own errors are
        shown as it prints them.
        """
    let positionals: [PositionalSpec] = []
    let options: [OptionSpec] = [
        .value("name", valueName: "NAME", help: "Name prefix of the stack's resources", default: "thumbgen"),
        .value("region", valueName: "REGION", help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1)"),
        .value("profile", valueName: "PROFILE", help: "AWS profile for Terraform (sets AWS_PROFILE)"),
        .flag("plan", help: "Show what would change, change nothing"),
        .flag("auto-approve", help: "Apply or destroy without asking"),
        .flag("destroy", help: "Destroy the stack (refused while the buckets hold data, unless --delete-data)"),
        .flag("delete-data", help: "With --destroy: delete every object version in both buckets first (asks unless --auto-approve)"),
        .value("endpoint-url", valueName: "URL", help: "Deploy to a local AWS (MiniStack, LocalStack) at URL (default: AWS_ENDPOINT_URL)"),
        .value("infra", valueName: "DIR", help: "Use the Terraform files in DIR instead of the ones built in"),
        .value(
            "formats", valueName: "LIST",
            help: "Thumbnail formats the function writes, e.g. jpeg,webp,avif (one per size and format; GET /thumbnails/{key} picks by Accept)",
            default: "auto"),
        .value("var", valueName: "KEY=VALUE", help: "A Terraform variable, e.g. thumbnail_sizes=[128,256] (repeatable)", repeatable: true),
        .flag("package-only", help: "Only write the Lambda zip"),
        .value("output", short: "o", valueName: "FILE", help: "The zip written by --package-only", default: "thumbgen-lambda.zip"),
        .value("stack", valueName: "FILE", help: "Where the stack outputs are saved", default: ".thumbgen/stack.json"),
        .value("state-dir", valueName: "DIR", help: "Terraform's working copy and state", default: ".thumbgen/terraform"),
        OptionSpec(
            long: "binary", short: nil, kind: .value(name: "FILE", repeatable: false),
            help: "Package FILE instead of the running binary", defaultDescription: nil, hidden: true),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try DeploySettings(arguments, environment: context.environment, currentDirectory: Self.currentDirectory())
        if settings.action == .destroy, !settings.packageOnly, !DeployPreflight.hasSavedResources(stateDirectory: settings.stateDirectory) {
            context.console.line("Nothing to destroy: no saved Terraform state in \(settings.stateDirectory) (run from the folder you deployed from, or pass --state-dir)")
            return 0
        }
        // Checked before the package is built, so a missing tool or login costs no time.
        var terraform: String?
        if !settings.packageOnly {
            terraform = try TerraformDriver.locate(environment: context.environment)
            // The built-in configuration uses the AWS provider; a custom --infra may not.
            if settings.infra == nil { try DeployPreflight.checkCredentials(profile: settings.profile, environment: context.environment) }
        }
        let package = try LambdaPackage(binaryPath: settings.binary, environment: context.environment)
        let zip = try package.zipBytes()
        let zipPath = settings.packageOnly ? settings.output : "\(settings.stateDirectory)/thumbgen-lambda.zip"
        // A zip sent to a stream (`-o /dev/stdout`, a pipe) must be alone there: the report goes to stderr.
        // (`/dev/stdout` redirected to a file is a regular file, so the path decides first.)
        let reportsOnStandardError =
            Path.isKernelPath(zipPath) || (FileIO.exists(zipPath) && !FileIO.isRegularFile(zipPath))
        do {
            // `--package-only -o /dev/stdout` (or a FIFO, a symlink) is written, never renamed over.
            if !FileIO.exists(zipPath) { try FileIO.createDirectory(OutputDestination.folder(for: zipPath)) }
            try OutputDestination.write(zip.bytes, to: zipPath)
        } catch { throw DeployError(.fileSystem, "\(error)") }
        let report = "Packaged \(zipPath): \(zip.bytes.count) bytes, \(package.libraries.count) libraries, \(package.architecture), sha256 \(zip.sha256)"
        if reportsOnStandardError { context.console.errorLine(report) } else { context.console.line(report) }
        if settings.packageOnly { return 0 }

        var environment = context.environment
        if let profile = settings.profile { environment["AWS_PROFILE"] = profile }
        if !context.console.outputIsTerminal, environment["TF_CLI_ARGS"] == nil { environment["TF_CLI_ARGS"] = "-no-color" }
        let driver = TerraformDriver(
            executable: try terraform ?? TerraformDriver.locate(environment: environment),
            workingDirectory: settings.stateDirectory, environment: environment)
        var files = try settings.infra.map { dir throws(DeployError) in try TerraformDriver.readConfiguration(from: dir) } ?? InfraFiles.files
        // What destroy is about: the saved outputs, else what Terraform's state says.
        let saved = settings.action == .destroy ? Self.deployedStack(settings: settings, driver: driver, environment: environment) : nil
        let endpoint = settings.endpointURL ?? saved?.endpointURL
        if let endpoint { files[EndpointOverride.fileName] = EndpointOverride.text(endpoint: endpoint) }
        try driver.installConfiguration(files)
        var variables = [
            ("name", settings.name), ("package_path", zipPath), ("package_sha256", zip.sha256),
            ("architecture", package.architecture),
        ]
        if let region = settings.region { variables.append(("region", region)) }
        if let endpoint { variables.append(("endpoint_url", endpoint)) }
        variables += settings.variables
        if settings.action == .destroy {
            var clearing = settings
            clearing.endpointURL = endpoint
            try Self.clearBuckets(of: saved, settings: clearing, environment: environment, console: context.console)
        }
        // Terraform must be able to save its state: a second Ctrl-C is recorded, not fatal.
        Interruption.install(secondSignalExits: false)
        let outcome = Result { () throws(DeployError) in
            try driver.run(settings.action, variables: variables, autoApprove: settings.autoApprove)
        }
        if case .failure(let error) = outcome {
            // Interrupted: Terraform has stopped and saved its state; exit 130 like the rest of the CLI.
            guard error.code == .interrupted else { throw error }
            context.console.errorLine("thumbgen: \(error.message)")
            return 130
        }
        switch settings.action {
        case .plan:
            return 0
        case .destroy:
            unlink(settings.stack)
            context.console.line("Stack destroyed; removed \(settings.stack)")
            return 0
        case .apply:
            var outputs = try StackOutputs(terraformOutputJSON: driver.outputJSON())
            if let endpoint {
                outputs.endpointURL = endpoint
                outputs.apiURL = EndpointOverride.localAPIURL(outputs.apiURL, endpoint: endpoint)
            }
            try outputs.save(to: settings.stack)
            context.console.line("Saved stack outputs to \(settings.stack)")
            context.console.line("  originals bucket:  \(outputs.originalsBucket)")
            context.console.line("  thumbnails bucket: \(outputs.thumbnailsBucket)")
            context.console.line("  API URL:           \(outputs.apiURL)")
            context.console.line("  function:          \(outputs.functionName) (\(outputs.region))")
            context.console.line("  log group:         \(outputs.logGroupName)")
            if let endpoint = outputs.endpointURL { context.console.line("  endpoint:          \(endpoint)") }
            return 0
        }
    }

    /// The stack to destroy: the saved outputs at `settings.stack`, else `terraform output`
    /// from the state (when the stack file was lost); nil when neither knows one.
    static func deployedStack(settings: DeploySettings, driver: TerraformDriver, environment: [String: String]) -> StackOutputs? {
        if let saved = try? StackOutputs.load(flag: settings.stack, environment: environment, currentDirectory: "/") { return saved }
        guard FileIO.exists("\(settings.stateDirectory)/terraform.tfstate") else { return nil }
        return try? StackOutputs(terraformOutputJSON: driver.outputJSON())
    }

    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
