import Foundation
import Testing

@testable import ThumbgenDeploy

@Suite struct DeployStackOutputsTests {
    /// `terraform output -json` as Terraform 1.11 prints it for infra/outputs.tf.
    static let outputJSON = """
        {
          "api_url": {"sensitive": false, "type": "string", "value": "https://abc123.execute-api.eu-west-1.amazonaws.com/"},
          "function_name": {"sensitive": false, "type": "string", "value": "thumbgen"},
          "log_group_name": {"sensitive": false, "type": "string", "value": "/aws/lambda/thumbgen"},
          "originals_bucket": {"sensitive": false, "type": "string", "value": "thumbgen-originals-123456789012"},
          "region": {"sensitive": false, "type": "string", "value": "eu-west-1"},
          "thumbnail_formats": {"sensitive": false, "type": "string", "value": "jpeg,webp,avif"},
          "thumbnail_sizes": {"sensitive": false, "type": "string", "value": "128,256"},
          "thumbnails_bucket": {"sensitive": false, "type": "string", "value": "thumbgen-thumbnails-123456789012"}
        }
        """

    @Test func parsesTerraformOutputJSON() throws {
        let outputs = try StackOutputs(terraformOutputJSON: Array(Self.outputJSON.utf8))
        #expect(outputs.apiURL == "https://abc123.execute-api.eu-west-1.amazonaws.com/")
        #expect(outputs.originalsBucket == "thumbgen-originals-123456789012")
        #expect(outputs.thumbnailsBucket == "thumbgen-thumbnails-123456789012")
        #expect(outputs.functionName == "thumbgen")
        #expect(outputs.logGroupName == "/aws/lambda/thumbgen")
        #expect(outputs.region == "eu-west-1")
        #expect(outputs.thumbnailFormats == "jpeg,webp,avif")
        #expect(outputs.thumbnailSizes == "128,256")
        // A stack made before those outputs existed still loads.
        let older = Self.outputJSON.split(separator: "\n").filter { !$0.contains("thumbnail_") }.joined(separator: "\n")
        #expect(try StackOutputs(terraformOutputJSON: Array(older.utf8)).thumbnailFormats == nil)
    }

    @Test func missingOutputIsNamed() {
        let json = Self.outputJSON.replacingOccurrences(of: "\"region\"", with: "\"zone\"")
        do {
            _ = try StackOutputs(terraformOutputJSON: Array(json.utf8))
            Issue.record("expected invalidOutputs")
        } catch {
            #expect(error.code == .invalidOutputs)
            #expect(error.message.contains("'region'"))
        }
    }

    @Test func saveThenLoadFromAParentFolder() throws {
        let project = try DeployTestSupport.temporaryDirectory("stack-test")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let outputs = try StackOutputs(terraformOutputJSON: Array(Self.outputJSON.utf8))
        let path = StackOutputs.location(flag: nil, environment: [:], currentDirectory: project, forWriting: true)
        #expect(path == "\(project)/.thumbgen/stack.json")
        try outputs.save(to: path)
        try FileManager.default.createDirectory(atPath: "\(project)/photos/2024", withIntermediateDirectories: true)
        #expect(try StackOutputs.load(flag: nil, environment: [:], currentDirectory: "\(project)/photos/2024") == outputs)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"thumbnails_bucket\" : \"thumbgen-thumbnails-123456789012\""))
    }

    @Test func flagBeatsEnvironmentBeatsProjectFile() {
        let environment = [StackOutputs.environmentVariable: "/env/stack.json"]
        #expect(StackOutputs.location(flag: "/flag.json", environment: environment, currentDirectory: "/p") == "/flag.json")
        #expect(StackOutputs.location(flag: nil, environment: environment, currentDirectory: "/p") == "/env/stack.json")
        #expect(StackOutputs.location(flag: nil, environment: [:], currentDirectory: "/nonexistent/p") == "/nonexistent/p/.thumbgen/stack.json")
    }

    @Test func noStackIsAClearError() throws {
        let project = try DeployTestSupport.temporaryDirectory("stack-none")
        defer { try? FileManager.default.removeItem(atPath: project) }
        do {
            _ = try StackOutputs.load(flag: "\(project)/none.json", environment: [:], currentDirectory: project)
            Issue.record("expected noStack")
        } catch {
            #expect(error.code == .noStack)
            #expect(error.message.hasPrefix("\(project)/none.json: no deployed stack found"))
        }
    }
}
