/// The Terraform override file that points the AWS provider at a local AWS (MiniStack,
/// LocalStack) instead of AWS: every service the configuration uses at one endpoint,
/// path-style S3 (bucket names in the path, so no wildcard DNS is needed), and no calls that
/// only AWS answers (credential validation, account-id lookup, instance metadata).
///
/// Source: Terraform AWS provider docs, "Custom Service Endpoints" and the provider arguments
/// `endpoints`, `s3_use_path_style`, `skip_credentials_validation`,
/// `skip_requesting_account_id`, `skip_metadata_api_check`; Terraform docs "Override Files"
/// (a file named `*_override.tf` is merged into the blocks it names).
package enum EndpointOverride {
    /// The file name (Terraform merges `*_override.tf` files last).
    package static let fileName = "thumbgen_endpoint_override.tf"

    /// The endpoint names of the provider's `endpoints` block for every service `infra/` uses.
    package static let services = ["apigatewayv2", "cloudwatch", "iam", "lambda", "logs", "s3", "sns", "sts"]

    /// The override file's text for `endpoint` (e.g. `http://127.0.0.1:4566`).
    package static func text(endpoint: String) -> String {
        let quoted = "\"" + endpoint.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        let width = services.map(\.count).max() ?? 0
        let lines = services.map { "    \($0)\(String(repeating: " ", count: width - $0.count)) = \(quoted)" }
        return """
            # Written by `thumbgen deploy --endpoint-url`: the AWS provider talks to a local AWS.
            provider "aws" {
              s3_use_path_style           = true
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true

              endpoints {
            \(lines.joined(separator: "\n"))
              }
            }

            """
    }

    /// The URL of HTTP API `apiURL` on the local AWS: API Gateway's invoke URL
    /// (`https://ID.execute-api.REGION.amazonaws.com/`, computed by the provider) becomes
    /// `SCHEME://ID.execute-api.localhost:PORT/`, the host MiniStack (and LocalStack) route to
    /// the API (browsers and libcurl resolve `*.localhost` to the loopback address).
    package static func localAPIURL(_ apiURL: String, endpoint: String) -> String {
        guard let schemeEnd = apiURL.firstRange(of: "://"), let endpointScheme = endpoint.firstRange(of: "://") else { return apiURL }
        let host = apiURL[schemeEnd.upperBound...].prefix { $0 != "/" }
        guard let id = host.split(separator: ".").first, host.contains(".execute-api.") else { return apiURL }
        let authority = endpoint[endpointScheme.upperBound...].prefix { $0 != "/" }
        let port = authority.split(separator: ":").dropFirst().last.map { ":\($0)" } ?? ""
        return "\(endpoint[..<endpointScheme.lowerBound])://\(id).execute-api.localhost\(port)/"
    }
}
