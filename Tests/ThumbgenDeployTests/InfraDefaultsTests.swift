import Foundation
import Testing

/// Issue 12 finding 6: the stack's defaults are what a careful operator would choose. The
/// deployed API allowed every origin (`cors_origins = ["*"]`); now it allows none but its own
/// (the page it serves), and the function sends no CORS header then. Replaced versions of
/// originals and thumbnails expire after `noncurrent_version_days`. (`InfraValidateTests` and
/// `DeployInfraTests` check the same files with terraform and checkov.)
@Suite struct InfraDefaultsTests {
    static func file(_ name: String) throws -> String {
        try String(contentsOfFile: "\(DeployTestSupport.infra)/\(name)", encoding: .utf8)
    }

    /// The text of `variable "NAME" { … }` in variables.tf.
    static func variable(_ name: String) throws -> String {
        let text = try file("variables.tf")
        let start = try #require(text.range(of: "variable \"\(name)\" {"))
        let end = try #require(text.range(of: "\n}\n", range: start.upperBound..<text.endIndex))
        return String(text[start.lowerBound..<end.upperBound])
    }

    @Test func corsAllowsNoOtherOriginByDefault() throws {
        let cors = try Self.variable("cors_origins")
        #expect(cors.contains("default     = []"), "\(cors)")
        let api = try Self.file("api.tf")
        #expect(api.contains("for_each = length(var.cors_origins) > 0 ? [var.cors_origins] : []"))
        let function = try Self.file("function.tf")
        #expect(function.contains(#"THUMBGEN_CORS_ORIGIN = length(var.cors_origins) == 1 ? var.cors_origins[0] : """#))
        #expect(!function.contains(#": "*""#))
    }

    @Test func noncurrentVersionsExpireAfterAVariableNumberOfDays() throws {
        let days = try Self.variable("noncurrent_version_days")
        #expect(days.contains("default     = 30"), "\(days)")
        let buckets = try Self.file("buckets.tf")
        #expect(buckets.contains("noncurrent_days = var.noncurrent_version_days"))
        // The rule covers every object of both buckets (originals included).
        #expect(buckets.contains("filter {}"))
        #expect(buckets.contains("resource \"aws_s3_bucket_lifecycle_configuration\" \"this\" {\n  for_each = local.buckets"))
    }
}
