import Foundation
import Testing

@testable import ThumbgenCLI
@testable import ThumbgenDeploy

@Suite struct DeploySettingsTests {
    func settings(_ arguments: [String], environment: [String: String] = ["HOME": "/nonexistent"]) throws -> DeploySettings {
        try DeploySettings(DeployCommand().parser.parse(arguments), environment: environment, currentDirectory: "/work/p")
    }

    @Test func defaultsAreProjectLocal() throws {
        let value = try settings([])
        #expect(value.name == "thumbgen")
        #expect(value.action == .apply)
        #expect(value.stack == "/work/p/.thumbgen/stack.json")
        #expect(value.stateDirectory == "/work/p/.thumbgen/terraform")
        #expect(value.output == "/work/p/thumbgen-lambda.zip")
        #expect(value.region == nil)
        #expect(!value.autoApprove)
    }

    @Test func varsKeepOrderAndSplitAtTheFirstEquals() throws {
        let value = try settings(["--var", "thumbnail_sizes=[128,256]", "--var", "cors_origins=[\"https://a.example=1\"]"])
        #expect(value.variables.map(\.0) == ["thumbnail_sizes", "cors_origins"])
        #expect(value.variables.map(\.1) == ["[128,256]", "[\"https://a.example=1\"]"])
    }

    @Test func formatsBecomeTheTerraformList() throws {
        let value = try settings(["--formats", "jpeg, WEBP,avif,webp", "--var", "thumbnail_sizes=[128]"])
        #expect(value.variables.map(\.0) == ["thumbnail_sizes", "thumbnail_formats"])
        #expect(value.variables.last?.1 == #"["jpeg","webp","avif"]"#)
        #expect(try settings([]).variables.isEmpty)
        #expect(throws: UsageError.self) { try settings(["--formats", "jpeg,gif"]) }
        #expect(throws: UsageError.self) { try settings(["--formats", "jpeg", "--var", "thumbnail_formats=[\"png\"]"]) }
    }

    @Test func regionComesFromTheProfileAsTheAWSCLIDoes() throws {
        let folder = try DeployTestSupport.temporaryDirectory("deploy-settings")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "[profile work]\nregion = ap-southeast-2\n".write(toFile: "\(folder)/config", atomically: true, encoding: .utf8)
        let environment = ["HOME": folder, "AWS_CONFIG_FILE": "\(folder)/config"]
        #expect(try settings(["--profile", "work"], environment: environment).region == "ap-southeast-2")
        #expect(try settings(["--profile", "work", "--region", "eu-north-1"], environment: environment).region == "eu-north-1")
        #expect(try settings([], environment: environment.merging(["AWS_REGION": "sa-east-1"]) { $1 }).region == "sa-east-1")
    }

    @Test(arguments: [
        (["--plan", "--destroy"], UsageError.Code.conflictingOptions),
        (["-o", "x.zip"], UsageError.Code.conflictingOptions),
        (["--var", "novalue"], UsageError.Code.invalidValue),
        (["--name", "Bad_Name"], UsageError.Code.invalidValue),
    ])
    func mistakesAreUsageErrors(arguments: [String], code: UsageError.Code) {
        #expect { try settings(arguments) } throws: { ($0 as? UsageError)?.code == code }
    }
}
