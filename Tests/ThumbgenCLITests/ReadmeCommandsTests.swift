import Foundation
import Testing
import ThumbgenTestSupport

/// README's two set-up commands work as written for a user with sudo and for root on a fresh
/// machine without it (issue 15), and CI runs the test command word for word.
@Suite struct ReadmeCommandsTests {
    private static let readme = (try? String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The first line after `# N.` that is neither a comment nor the fence.
    private static func command(_ number: Int) -> String? {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("# \(number). ") }) else { return nil }
        return lines[(start + 1)...].first { !$0.hasPrefix("#") && !$0.hasPrefix("```") && !$0.isEmpty }
    }

    /// Runs `script` with `bash -c` and PATH as given; returns stdout + stderr and the status.
    private func bash(_ script: String, path: String, in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let result = try BinaryRunner.run(["-c", script], in: directory, environment: ["PATH": path], executable: URL(fileURLWithPath: "/bin/bash"))
        return (result.status, result.stdout + result.stderr)
    }

    @Test(arguments: [1, 2])
    func privilegedStepsWorkWithAndWithoutSudo(number: Int) throws {
        let command = try #require(Self.command(number), "README has no command \(number)")
        #expect(!command.hasPrefix("sudo "), "'sudo' fails where it is not installed: \(command)")
        let prefix = "$(command -v sudo) "
        #expect(command.hasPrefix(prefix), "\(command)")
        // The privileged step with its program replaced by `echo`, run in bash -c both ways.
        let probe = prefix + "echo privileged-step-ran"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let withoutSudo = try bash(probe, path: "/usr/bin:/bin")
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo") {
            #expect(withoutSudo.status == 0 && withoutSudo.output == "privileged-step-ran\n", "\(withoutSudo.output)")
        }
        let fakeSudo = folder.path("sudo")
        try "#!/bin/sh\necho \"sudo:\" \"$@\"\n".write(toFile: fakeSudo, atomically: true, encoding: .utf8)
        #expect(chmod(fakeSudo, 0o755) == 0)
        let withSudo = try bash(probe, path: folder.url.path + ":/usr/bin:/bin")
        #expect(withSudo.status == 0 && withSudo.output == "sudo: echo privileged-step-ran\n", "\(withSudo.output)")
    }

    @Test func ciRunsTheTestCommandWithoutASudoShim() throws {
        let run = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(!run.contains("sudo()"), ".ci/run must not hide a missing sudo")
        // .ci/run runs README's command 2 word for word, as a line of its own, and checks README
        // still says exactly that.
        let command = try #require(Self.command(2))
        let lines = run.split(separator: "\n").map(String.init)
        #expect(lines.contains("readme_test_command='\(command)'"))
        #expect(lines.contains("\(command) || exit $?"))
    }
}
