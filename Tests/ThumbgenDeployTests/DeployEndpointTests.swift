import Foundation
import Testing

@testable import ThumbgenCLI
@testable import ThumbgenDeploy

/// `deploy --endpoint-url`: where the endpoint comes from, the provider override's text, and
/// the API URL on a local AWS.
@Suite struct DeployEndpointTests {
    func settings(_ arguments: [String], environment: [String: String] = ["HOME": "/nonexistent"]) throws -> DeploySettings {
        try DeploySettings(DeployCommand().parser.parse(arguments), environment: environment, currentDirectory: "/work/p")
    }

    @Test func endpointFromTheFlagElseAWSEndpointURL() throws {
        #expect(try settings([]).endpointURL == nil)
        #expect(try settings([], environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]).endpointURL == "http://127.0.0.1:4566")
        #expect(
            try settings(["--endpoint-url", "http://localhost:4567"], environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"])
                .endpointURL == "http://localhost:4567")
        #expect(throws: UsageError.self) { try settings(["--endpoint-url", "127.0.0.1:4566"]) }
    }

    @Test func deleteDataGoesWithDestroyOnly() throws {
        #expect(try settings(["--destroy", "--delete-data"]).deleteData)
        #expect(throws: UsageError.self) { try settings(["--delete-data"]) }
        #expect(throws: UsageError.self) { try settings(["--plan", "--delete-data"]) }
    }

    @Test func overrideNamesEveryServiceOfInfraAtTheEndpoint() throws {
        let text = EndpointOverride.text(endpoint: "http://127.0.0.1:4566")
        #expect(EndpointOverride.fileName.hasSuffix("_override.tf"))
        for setting in ["s3_use_path_style           = true", "skip_credentials_validation = true", "skip_requesting_account_id  = true"] {
            #expect(text.contains(setting))
        }
        for service in ["apigatewayv2", "cloudwatch", "iam", "lambda", "logs", "s3", "sns", "sts"] {
            #expect(
                text.contains("    \(service) "),
                "\(service) missing")
        }
        #expect(text.components(separatedBy: "\"http://127.0.0.1:4566\"").count - 1 == EndpointOverride.services.count)
        // Every resource type infra/ declares is served by one of those endpoints.
        let prefixes = [
            "aws_s3_": "s3", "aws_lambda_": "lambda", "aws_apigatewayv2_": "apigatewayv2", "aws_iam_": "iam",
            "aws_cloudwatch_log_": "logs", "aws_cloudwatch_metric_alarm": "cloudwatch", "aws_sns_": "sns",
            "aws_caller_identity": "sts",
        ]
        for file in try FileManager.default.contentsOfDirectory(atPath: DeployTestSupport.infra) where file.hasSuffix(".tf") {
            let hcl = try String(contentsOfFile: "\(DeployTestSupport.infra)/\(file)", encoding: .utf8)
            for line in hcl.split(separator: "\n") where line.hasPrefix("resource \"") || line.hasPrefix("data \"") {
                let type = String(line.split(separator: "\"")[1])
                let service = prefixes.first { type.hasPrefix($0.key) }?.value
                #expect(service.map(EndpointOverride.services.contains) == true, "\(type) in \(file) has no endpoint in the override")
            }
        }
    }

    @Test func apiURLBecomesTheLocalHostForm() {
        #expect(
            EndpointOverride.localAPIURL("https://39313ce0.execute-api.us-east-1.amazonaws.com/", endpoint: "http://127.0.0.1:4566")
                == "http://39313ce0.execute-api.localhost:4566/")
        #expect(
            EndpointOverride.localAPIURL("https://39313ce0.execute-api.eu-west-1.amazonaws.com/", endpoint: "https://localstack.internal")
                == "https://39313ce0.execute-api.localhost/")
        #expect(EndpointOverride.localAPIURL("http://127.0.0.1:9000/x/", endpoint: "http://127.0.0.1:4566") == "http://127.0.0.1:9000/x/")
    }
}
