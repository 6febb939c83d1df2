/// The validated options of `thumbgen deploy`, with every path made absolute.
package struct DeploySettings: Sendable {
    package var name: String
    package var region: String?
    package var profile: String?
    package var action: TerraformDriver.Action
    package var autoApprove: Bool
    /// `--infra DIR`, or nil for the configuration built into the binary.
    package var infra: String?
    /// `--var KEY=VALUE` pairs, in order.
    package var variables: [(String, String)]
    package var packageOnly: Bool
    /// The zip written by `--package-only`.
    package var output: String
    /// Where the stack outputs are saved (see ``StackOutputs``).
    package var stack: String
    /// Terraform's working copy and state.
    package var stateDirectory: String
    /// The executable to package.
    package var binary: String
    /// `--endpoint-url URL`, else `AWS_ENDPOINT_URL`: a local AWS to deploy to instead of AWS
    /// (for `--destroy`, the saved stack's endpoint is used when neither is given).
    package var endpointURL: String?
    /// `--delete-data`: with `--destroy`, delete every object version in the buckets first.
    package var deleteData: Bool

    /// Settings with every field given (the CLI reads them from the options).
    package init(
        name: String, region: String?, profile: String?, action: TerraformDriver.Action, autoApprove: Bool,
        infra: String?, variables: [(String, String)], packageOnly: Bool, output: String, stack: String,
        stateDirectory: String, binary: String, endpointURL: String? = nil, deleteData: Bool = false
    ) {
        self.endpointURL = endpointURL
        self.deleteData = deleteData
        self.name = name
        self.region = region
        self.profile = profile
        self.action = action
        self.autoApprove = autoApprove
        self.infra = infra
        self.variables = variables
        self.packageOnly = packageOnly
        self.output = output
        self.stack = stack
        self.stateDirectory = stateDirectory
        self.binary = binary
    }
}
