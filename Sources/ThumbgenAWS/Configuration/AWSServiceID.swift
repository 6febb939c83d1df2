/// Identifies an AWS service for signing and endpoint resolution.
package struct AWSServiceID: Sendable, Hashable {
    /// The SigV4 signing name and endpoint prefix: `s3`, `logs`.
    package var signingName: String
    /// The suffix of the service-specific endpoint variable `AWS_ENDPOINT_URL_<SUFFIX>`:
    /// the service id upper-cased with spaces as underscores (`S3`, `CLOUDWATCH_LOGS`).
    /// Source: AWS SDKs and Tools Reference Guide, "Service-specific endpoints".
    package var environmentSuffix: String

    /// Creates a service id.
    ///
    /// - Parameters:
    ///   - signingName: The signing name / endpoint prefix.
    ///   - environmentSuffix: The `AWS_ENDPOINT_URL_` suffix.
    package init(signingName: String, environmentSuffix: String) {
        self.signingName = signingName
        self.environmentSuffix = environmentSuffix
    }

    /// Amazon S3.
    package static let s3 = AWSServiceID(signingName: "s3", environmentSuffix: "S3")
    /// Amazon CloudWatch Logs.
    package static let cloudWatchLogs = AWSServiceID(signingName: "logs", environmentSuffix: "CLOUDWATCH_LOGS")

    /// The public AWS endpoint in `region`: `https://s3.eu-west-1.amazonaws.com`
    /// (`.amazonaws.com.cn` for the `cn-` regions).
    ///
    /// - Parameter region: A region name such as `eu-west-1`.
    /// - Returns: The endpoint URL, no trailing slash.
    package func defaultEndpoint(region: String) -> String {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(signingName).\(region).\(suffix)"
    }
}
