#if canImport(Glibc)
import Glibc
#endif
import ThumbgenBasics

/// `thumbgen deploy` from checked settings to the saved stack: package this binary as the
/// Lambda zip, then (unless `--package-only`) run Terraform over the configuration carried
/// in the binary (``InfraFiles``) or `--infra`, and save or remove the stack outputs file.
package enum Deployment {
    /// Runs the deployment.
    ///
    /// - Parameters:
    ///   - settings: The checked options.
    ///   - environment: The process environment (Terraform's, plus `AWS_PROFILE` for `--profile`).
    ///   - outputIsTerminal: Whether standard output is a terminal (else Terraform runs with `-no-color`).
    ///   - say: Receives each line for standard output.
    ///   - warn: Receives each line for standard error.
    /// - Returns: The exit status: 0, or 130 when Terraform was interrupted (its state saved).
    /// - Throws: ``DeployError`` for packaging, Terraform and stack-file failures.
    package static func run(_ settings: DeploySettings, environment: [String: String], outputIsTerminal: Bool,
                            say: (String) -> Void, warn: (String) -> Void) throws(DeployError) -> Int32 {
        let package = try LambdaPackage(binaryPath: settings.binary, environment: environment)
        let zip = try package.zipBytes()
        let zipPath = settings.packageOnly ? settings.output : "\(settings.stateDirectory)/thumbgen-lambda.zip"
        do {
            try FileIO.createDirectory(Path.directory(of: zipPath))
            try FileIO.writeAtomically(zip.bytes, to: zipPath)
        } catch { throw DeployError(.fileSystem, "\(error)") }
        say("Packaged \(zipPath): \(zip.bytes.count) bytes, \(package.libraries.count) libraries, \(package.architecture), sha256 \(zip.sha256)")
        if settings.packageOnly { return 0 }

        var environment = environment
        if let profile = settings.profile { environment["AWS_PROFILE"] = profile }
        if !outputIsTerminal, environment["TF_CLI_ARGS"] == nil { environment["TF_CLI_ARGS"] = "-no-color" }
        let driver = TerraformDriver(executable: try TerraformDriver.locate(environment: environment),
                                     workingDirectory: settings.stateDirectory, environment: environment)
        let files = try settings.infra.map { dir throws(DeployError) in try TerraformDriver.readConfiguration(from: dir) } ?? InfraFiles.files
        try driver.installConfiguration(files)
        var variables = [("name", settings.name), ("package_path", zipPath), ("package_sha256", zip.sha256),
                         ("architecture", package.architecture)]
        if let region = settings.region { variables.append(("region", region)) }
        variables += settings.variables
        // Terraform must be able to save its state: a second Ctrl-C is recorded, not fatal.
        Interruption.install(secondSignalExits: false)
        let outcome = Result { () throws(DeployError) in
            try driver.run(settings.action, variables: variables, autoApprove: settings.autoApprove)
        }
        if case .failure(let error) = outcome {
            // Interrupted: Terraform has stopped and saved its state; exit 130 like the rest of the CLI.
            guard error.code == .interrupted else { throw error }
            warn("thumbgen: \(error.message)")
            return 130
        }
        switch settings.action {
        case .plan:
            return 0
        case .destroy:
            unlink(settings.stack)
            say("Stack destroyed; removed \(settings.stack)")
            return 0
        case .apply:
            let outputs = try StackOutputs(terraformOutputJSON: driver.outputJSON())
            try outputs.save(to: settings.stack)
            say("Saved stack outputs to \(settings.stack)")
            say("  originals bucket:  \(outputs.originalsBucket)")
            say("  thumbnails bucket: \(outputs.thumbnailsBucket)")
            say("  API URL:           \(outputs.apiURL)")
            say("  function:          \(outputs.functionName) (\(outputs.region))")
            say("  log group:         \(outputs.logGroupName)")
            return 0
        }
    }
}
