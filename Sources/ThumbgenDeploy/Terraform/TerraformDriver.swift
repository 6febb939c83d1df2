import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// Runs Terraform (or OpenTofu, same flags) with `-chdir=DIR` over a working copy of the stack's configuration:
/// `init`, then `plan`, `apply` or `destroy`, then `output -json`.
///
/// The working directory holds the copied `*.tf` files and Terraform's local state
/// (`terraform.tfstate`), so it must persist between deploys. Terraform's output streams to
/// ours; on Ctrl-C the terminal delivers SIGINT to Terraform too (same process group), which
/// stops gracefully and writes its state; we only record the interruption and wait.
package struct TerraformDriver: Sendable {
    /// What to do after `init`.
    package enum Action: String, Sendable {
        case plan, apply, destroy
    }

    /// The `terraform` or `tofu` executable.
    package var executable: String
    /// The working copy (created if missing).
    package var workingDirectory: String
    /// The environment Terraform runs with (`AWS_PROFILE` set for `--profile`, `TF_IN_AUTOMATION`...).
    package var environment: [String: String]

    /// A driver for `executable` over the working copy `workingDirectory`.
    package init(executable: String, workingDirectory: String, environment: [String: String]) {
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Finds Terraform: `THUMBGEN_TERRAFORM` if set, else `terraform`, else `tofu` on `PATH`.
    ///
    /// - Throws: ``DeployError`` `.terraformNotFound` with install hints.
    package static func locate(environment: [String: String]) throws(DeployError) -> String {
        if let explicit = environment["THUMBGEN_TERRAFORM"], !explicit.isEmpty {
            if explicit.contains("/") { return explicit }
            if let found = ChildProcess.find(explicit, path: environment["PATH"] ?? "") { return found }
            throw DeployError(.terraformNotFound, "THUMBGEN_TERRAFORM: '\(explicit)' is not on PATH")
        }
        for name in ["terraform", "tofu"] {
            if let found = ChildProcess.find(name, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") { return found }
        }
        throw DeployError(
            .terraformNotFound, "neither 'terraform' nor 'tofu' is on PATH (install Terraform >= 1.5 from https://developer.hashicorp.com/terraform/install or OpenTofu)")
    }

    /// Replaces the working copy's `*.tf` files with `files` (name → content), leaving state,
    /// `.terraform/` and the lock file alone, and removing `*.tf` files no longer in `files`.
    ///
    /// - Throws: ``DeployError`` `.fileSystem` naming the file.
    package func installConfiguration(_ files: [String: String]) throws(DeployError) {
        do {
            try FileIO.createDirectory(workingDirectory)
            // Stale *.tf files go; the dependency lock file Terraform wrote stays unless replaced.
            for name in Self.configurationFiles(in: workingDirectory) where files[name] == nil && name != ".terraform.lock.hcl" {
                unlink("\(workingDirectory)/\(name)")
            }
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try FileIO.writeAtomically(Array(text.utf8), to: "\(workingDirectory)/\(name)")
            }
        } catch { throw DeployError(.fileSystem, "\(error)") }
    }

    /// Reads the `*.tf`, `*.tf.json` and `.terraform.lock.hcl` files of `directory` (for `--infra DIR`).
    ///
    /// - Throws: ``DeployError`` `.fileSystem` when the folder cannot be read or has no `*.tf` file.
    package static func readConfiguration(from directory: String) throws(DeployError) -> [String: String] {
        var files: [String: String] = [:]
        for name in configurationFiles(in: directory) {
            do { files[name] = String(decoding: try FileIO.read("\(directory)/\(name)"), as: UTF8.self) } catch {
                throw DeployError(.fileSystem, "\(error)")
            }
        }
        guard files.keys.contains(where: { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }) else {
            throw DeployError(.fileSystem, "\(directory): no Terraform (*.tf) files")
        }
        return files
    }

    private static func configurationFiles(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name == ".terraform.lock.hcl" { names.append(name) }
        }
        return names.sorted()
    }

    /// Runs `terraform init` then the action with `variables` as `-var KEY=VALUE`.
    ///
    /// - Parameters:
    ///   - action: plan, apply or destroy.
    ///   - variables: Terraform input variables, in order (later ones win, as with `-var`).
    ///   - autoApprove: pass `-auto-approve` to apply/destroy (otherwise Terraform asks on the terminal).
    /// - Throws: ``DeployError`` `.terraformFailed` with Terraform's exit status, `.interrupted`
    ///   after SIGINT, `.spawnFailed`.
    package func run(_ action: Action, variables: [(String, String)], autoApprove: Bool) throws(DeployError) {
        try step(["init", "-input=false"])
        var arguments = [action.rawValue, "-input=false"]
        if action != .plan, autoApprove { arguments.append("-auto-approve") }
        arguments += variables.flatMap { ["-var", "\($0.0)=\($0.1)"] }
        try step(arguments)
    }

    /// Runs `terraform output -json` and returns its standard output.
    ///
    /// - Throws: ``DeployError`` `.terraformFailed`, `.spawnFailed`.
    package func outputJSON() throws(DeployError) -> [UInt8] {
        let result = try DeployError.spawning { () throws(ProcessError) in
            try ChildProcess.run(executable, ["-chdir=\(workingDirectory)", "output", "-json"], environment: environment, captureOutput: true)
        }
        guard result.status == 0 else {
            throw DeployError(.terraformFailed, "\(Path.lastComponent(of: executable)) output failed with exit status \(result.status)", exitStatus: result.status)
        }
        return result.output
    }

    private func step(_ arguments: [String]) throws(DeployError) {
        let result = try DeployError.spawning { () throws(ProcessError) in
            try ChildProcess.run(executable, ["-chdir=\(workingDirectory)"] + arguments, environment: environment)
        }
        if Interruption.requested || result.status == 130 {
            throw DeployError(
                .interrupted, "\(Path.lastComponent(of: executable)) \(arguments[0]) interrupted; its state in \(workingDirectory) is as Terraform left it", exitStatus: 130)
        }
        guard result.status == 0 else {
            throw DeployError(.terraformFailed, "\(Path.lastComponent(of: executable)) \(arguments[0]) failed with exit status \(result.status)", exitStatus: result.status)
        }
    }
}
