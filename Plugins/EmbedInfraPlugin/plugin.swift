import Foundation
import PackagePlugin

/// Generates `InfraFiles.swift` from `infra/*.tf` for the target that uses it, at build time,
/// so the Terraform files live once in the repository (infra/) and the binary always carries
/// the ones it was built with.
@main
struct EmbedInfraPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let infra = context.package.directoryURL.appendingPathComponent("infra")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: infra.path)
            .filter { $0.hasSuffix(".tf") }.sorted().map { infra.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("InfraFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding infra/*.tf",
                executable: try context.tool(named: "embed-infra").url,
                arguments: [output.path, infra.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
