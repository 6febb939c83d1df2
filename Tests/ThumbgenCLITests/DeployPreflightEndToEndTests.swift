import Foundation
import Testing
import ThumbgenTestSupport

/// `thumbgen deploy` checks what it needs before it builds the package (issue 15): a missing
/// Terraform or missing credentials fail at once, and `--destroy` with no state does nothing.
@Suite(.serialized) struct DeployPreflightEndToEndTests {
    /// An environment with no AWS settings at all: HOME is the empty test folder.
    private func bareEnvironment(_ folder: TemporaryFolder, path: String) -> [String: String] {
        ["PATH": path, "HOME": folder.url.path]
    }

    @Test func destroyWithoutSavedStateSaysThereIsNothingToDestroy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["deploy", "--destroy"], in: folder.url, environment: bareEnvironment(folder, path: "/usr/bin:/bin"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            result.stdout.hasPrefix("Nothing to destroy: no saved Terraform state in \(folder.url.resolvingSymlinksInPath().path)/.thumbgen/terraform")
                || result.stdout.hasPrefix("Nothing to destroy: no saved Terraform state in \(folder.path(".thumbgen/terraform"))"), "stdout: \(result.stdout)")
        #expect(try folder.contents().isEmpty, "nothing may be packaged or written")
    }

    @Test func missingTerraformFailsBeforePackaging() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["deploy", "--region", "us-east-1"], in: folder.url, environment: bareEnvironment(folder, path: folder.path("no-bin")))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("thumbgen: neither 'terraform' nor 'tofu' is on PATH"), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "packaged before checking: \(result.stdout)")
        #expect(try folder.contents().isEmpty)
    }

    @Test func missingCredentialsFailBeforePackaging() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Any executable passes the Terraform check; it is never run, as the credentials come first.
        var environment = bareEnvironment(folder, path: "/usr/bin:/bin")
        environment["THUMBGEN_TERRAFORM"] = "/bin/true"
        let result = try BinaryRunner.run(["deploy", "--region", "us-east-1"], in: folder.url, environment: environment)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("thumbgen: no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and profile 'default'"),
            "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "packaged before checking: \(result.stdout)")
        #expect(try folder.contents().isEmpty)
    }

    @Test func packageOnlyOntoASymlinkWritesItsTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.zip"), withDestinationPath: "real.zip")
        let result = try BinaryRunner.run(["deploy", "--package-only", "-o", "link.zip"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path("link.zip")) == "real.zip")
        #expect(FileManager.default.contents(atPath: folder.path("real.zip"))?.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
    }
}
