#if canImport(Glibc)
import Glibc
#endif
import ThumbgenBasics
import ThumbgenDeploy

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
    --destroy removes the stack (buckets must be empty). Credentials come from the usual AWS
    sources (environment, --profile, ~/.aws); Terraform's own errors are shown as it prints them.
    """
    let positionals: [PositionalSpec] = []
    let options: [OptionSpec] = [
        .value("name", valueName: "NAME", help: "Name prefix of the stack's resources", default: "thumbgen"),
        .value("region", valueName: "REGION", help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1)"),
        .value("profile", valueName: "PROFILE", help: "AWS profile for Terraform (sets AWS_PROFILE)"),
        .flag("plan", help: "Show what would change, change nothing"),
        .flag("auto-approve", help: "Apply or destroy without asking"),
        .flag("destroy", help: "Destroy the stack"),
        .value("infra", valueName: "DIR", help: "Use the Terraform files in DIR instead of the ones built in"),
        .value("var", valueName: "KEY=VALUE", help: "A Terraform variable, e.g. thumbnail_sizes=[128,256] (repeatable)", repeatable: true),
        .flag("package-only", help: "Only write the Lambda zip"),
        .value("output", short: "o", valueName: "FILE", help: "The zip written by --package-only", default: "thumbgen-lambda.zip"),
        .value("stack", valueName: "FILE", help: "Where the stack outputs are saved", default: ".thumbgen/stack.json"),
        .value("state-dir", valueName: "DIR", help: "Terraform's working copy and state", default: ".thumbgen/terraform"),
        OptionSpec(long: "binary", short: nil, kind: .value(name: "FILE", repeatable: false),
                   help: "Package FILE instead of the running binary", defaultDescription: nil, hidden: true),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try DeploySettings(arguments, environment: context.environment, currentDirectory: Self.currentDirectory())
        let console = context.console
        return try Deployment.run(settings, environment: context.environment, outputIsTerminal: console.outputIsTerminal,
                                  say: { console.line($0) }, warn: { console.errorLine($0) })
    }

    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
