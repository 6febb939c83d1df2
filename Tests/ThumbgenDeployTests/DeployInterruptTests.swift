import Foundation
import Testing

@testable import ThumbgenDeploy

/// Ctrl-C during `thumbgen deploy`: the terminal sends SIGINT to the whole foreground process
/// group (thumbgen and Terraform); Terraform stops cleanly and writes its state; thumbgen
/// waits for it and exits 130.
@Suite struct DeployInterruptTests {
    static let ready = DeployTestSupport.onPath("terraform") != nil

    @Test(.enabled(if: ready, "needs terraform on PATH"))
    func interruptedApplyExits130AndKeepsState() throws {
        let folder = try DeployTestSupport.temporaryDirectory("tf-interrupt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = "\(folder)/.thumbgen/terraform", log = "\(folder)/log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DeployPackageTests.builtThumbgen())
        process.arguments = [
            "deploy", "--infra", try DeployTestSupport.terraformFixture("tf-slow", in: folder),
            "--binary", try DeployTestSupport.fixture("hello-runpath"), "--state-dir", state,
            "--stack", "\(folder)/.thumbgen/stack.json", "--auto-approve",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["TF_IN_AUTOMATION"] = "1"
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var text = ""
        for _ in 0..<600 where !text.contains("terraform_data.slow: Provisioning with 'local-exec'") {
            usleep(100_000)
            text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        try #require(text.contains("Provisioning with 'local-exec'"), "apply never reached the slow resource:\n\(text)")
        // Foundation starts the child in a process group of its own (POSIX_SPAWN_SETPGROUP):
        // signal the group, as a terminal signals its foreground group on Ctrl-C.
        #expect(getpgid(process.processIdentifier) == process.processIdentifier)
        kill(-process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try handle.close()
        text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""

        #expect(process.terminationStatus == 130, "\(text)")
        #expect(text.contains("thumbgen: terraform apply interrupted; its state in \(state) is as Terraform left it"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/.thumbgen/stack.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(state)/.terraform.tfstate.lock.info"))
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(state)/terraform.tfstate"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let names = (json["resources"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("quick"), "state lost the finished resource: \(names)")
    }
}
