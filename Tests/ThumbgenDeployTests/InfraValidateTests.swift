import Foundation
import Testing
import ThumbgenTestSupport

/// `terraform init` + `terraform validate` of the real `infra/` with the real hashicorp/aws
/// provider, installed offline from the filesystem mirror (`TerraformMirror`).
@Suite(
    .enabled(if: DeployTestSupport.onPath("terraform") != nil, "terraform is not on PATH"),
    .enabled(if: TerraformMirror.isAvailable, Comment(rawValue: TerraformMirror.skipMessage)))
struct InfraValidateTests {
    @Test func infraValidatesWithTheAWSProviderFromTheMirror() throws {
        let folder = try DeployTestSupport.temporaryDirectory("tf-validate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = "\(folder)/infra"
        try FileManager.default.copyItem(atPath: DeployTestSupport.infra, toPath: copy)
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CLI_CONFIG_FILE"] = try TerraformMirror.writeCLIConfiguration(in: folder)
        environment["TF_IN_AUTOMATION"] = "1"
        environment["CHECKPOINT_DISABLE"] = "1"
        let terraform = try #require(DeployTestSupport.onPath("terraform"))

        let initialized = try DeployTestSupport.run(terraform, ["-chdir=\(copy)", "init", "-backend=false", "-input=false", "-no-color"], environment: environment)
        #expect(initialized.status == 0, "\(initialized.output)\(initialized.error)")
        #expect(initialized.output.contains("Installing hashicorp/aws v"), "\(initialized.output)")
        let lock = try String(contentsOfFile: "\(copy)/.terraform.lock.hcl", encoding: .utf8)
        #expect(lock.contains("provider \"registry.terraform.io/hashicorp/aws\""))

        let validated = try DeployTestSupport.run(terraform, ["-chdir=\(copy)", "validate", "-json"], environment: environment)
        #expect(validated.status == 0, "\(validated.output)\(validated.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(validated.output.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == true, "\(validated.output)")
        #expect(report["error_count"] as? Int == 0)
    }
}
