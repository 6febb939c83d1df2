import Foundation

/// The hashicorp/aws provider as a Terraform filesystem mirror (`THUMBGEN_TF_PLUGIN_MIRROR`,
/// default `/opt/tf-plugins`, laid out as `registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/`),
/// and a Terraform CLI configuration that installs `hashicorp/*` providers only from it, so
/// `terraform init` of `infra/` works offline.
package enum TerraformMirror {
    /// The mirror folder, if it holds the AWS provider.
    package static let path: String? = {
        let folder = ProcessInfo.processInfo.environment["THUMBGEN_TF_PLUGIN_MIRROR"] ?? "/opt/tf-plugins"
        let provider = "\(folder)/registry.terraform.io/hashicorp/aws"
        return (try? FileManager.default.contentsOfDirectory(atPath: provider)).map { $0.isEmpty ? nil : folder } ?? nil
    }()

    /// Whether the mirror exists.
    package static var isAvailable: Bool { path != nil }
    /// Why tests that need it were skipped (for `.enabled(if:_:)`, as `Comment(rawValue:)`).
    package static let skipMessage =
        "no Terraform provider mirror with hashicorp/aws at THUMBGEN_TF_PLUGIN_MIRROR (default /opt/tf-plugins)"

    /// The text of a CLI configuration (Terraform docs, "CLI Configuration File",
    /// `provider_installation`) using the mirror for hashicorp/* and the registry for nothing else.
    package static func cliConfiguration(mirror: String) -> String {
        """
        provider_installation {
          filesystem_mirror {
            path    = "\(mirror)"
            include = ["registry.terraform.io/hashicorp/*"]
          }
          direct {
            exclude = ["registry.terraform.io/hashicorp/*"]
          }
        }

        """
    }

    /// Writes the CLI configuration into `folder/terraform.rc` and returns its path, for
    /// `TF_CLI_CONFIG_FILE`.
    package static func writeCLIConfiguration(in folder: String) throws -> String {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let file = "\(folder)/terraform.rc"
        try cliConfiguration(mirror: path).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
