import FoundationEssentials
import ThumbgenAWS
import ThumbgenBasics
import ThumbgenDeploy

/// What `thumbgen deploy` checks before it spends time packaging: that there is something to
/// destroy, that Terraform is installed, and that AWS credentials can be found.
enum DeployPreflight {
    /// Whether Terraform's local state in `stateDirectory` (`terraform.tfstate`) records any
    /// resource: false when the file is missing or its `resources` array is empty (Terraform's
    /// state format, https://developer.hashicorp.com/terraform/language/state).
    ///
    /// - Parameter stateDirectory: `--state-dir`.
    /// - Returns: false only when there is certainly nothing to destroy (unreadable state counts as something).
    static func hasSavedResources(stateDirectory: String) -> Bool {
        struct State: Decodable {
            struct Resource: Decodable {}
            var resources: [Resource]?
        }
        let path = Path.join(stateDirectory, "terraform.tfstate")
        guard FileIO.exists(path) else { return false }
        guard let bytes = try? FileIO.read(path), let state = try? JSONDecoder().decode(State.self, from: Data(bytes)) else { return true }
        return !(state.resources ?? []).isEmpty
    }

    /// Checks that AWS credentials resolve as the AWS CLI (and Terraform's AWS provider) find
    /// them from the environment and the shared files. Sources this program cannot read itself
    /// (a container or web-identity role, SSO, `credential_process`, an instance role named by
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`) are trusted to Terraform.
    ///
    /// - Throws: ``AWSError`` `.missingCredentials` (saying where it looked) or
    ///   `.invalidConfiguration` for a named profile that does not exist.
    static func checkCredentials(profile: String?, environment: [String: String]) throws(AWSError) {
        let delegated = [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        ]
        if delegated.contains(where: { !(environment[$0] ?? "").isEmpty }) { return }
        let files = AWSSharedFiles.load(environment: environment)
        let name = AWSConfiguration.profileName(flag: profile, environment: environment)
        if let settings = files.profile(name),
            settings.keys.contains(where: { $0.hasPrefix("sso_") || $0 == "credential_process" || $0 == "role_arn" })
        {
            return
        }
        _ = try AWSConfiguration.credentials(profileFlag: profile, profileName: name, environment: environment, files: files)
    }
}
