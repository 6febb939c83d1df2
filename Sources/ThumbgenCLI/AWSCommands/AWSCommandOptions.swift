import ThumbgenAWS
import ThumbgenHTTP

/// The options `upload` and `fetch` share: AWS settings as the AWS CLI takes them, and the
/// two buckets. Declared once so both commands parse and document them the same way.
enum AWSCommandOptions {
    /// `--profile`, `--region`, `--endpoint-url`, `--bucket`, `--thumbnails-bucket`, `--stack`.
    static let specs: [OptionSpec] = [
        .value("bucket", valueName: "NAME", help: "Originals bucket (default: THUMBGEN_ORIGINALS_BUCKET, else the saved stack outputs)"),
        .value("thumbnails-bucket", valueName: "NAME", help: "Thumbnails bucket (default: THUMBGEN_THUMBNAILS_BUCKET, else the saved stack outputs)"),
        .value("stack", valueName: "FILE", help: "Stack outputs saved by 'thumbgen deploy' (default: THUMBGEN_STACK, else .thumbgen/stack.json here or in a parent folder)"),
        .value("profile", valueName: "NAME", help: "AWS profile (default: AWS_PROFILE, else default)"),
        .value("region", valueName: "REGION", help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the stack's, the profile's)"),
        .value("endpoint-url", valueName: "URL", help: "S3 endpoint, e.g. http://127.0.0.1:8333 (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)"),
    ]

    /// The paragraph both commands show in `--help`: where buckets and credentials come from.
    static let discussion = """
        Buckets, first found wins: --bucket / --thumbnails-bucket; else THUMBGEN_ORIGINALS_BUCKET /
        THUMBGEN_THUMBNAILS_BUCKET; else the stack outputs saved by 'thumbgen deploy' (--stack FILE,
        else THUMBGEN_STACK, else .thumbgen/stack.json in this folder or the nearest parent).
        Credentials, region and profile as for the AWS CLI (AWS_ACCESS_KEY_ID, AWS_PROFILE,
        ~/.aws/credentials, ~/.aws/config); a deployed stack's region is used when neither --region
        nor AWS_REGION / AWS_DEFAULT_REGION is set. TLS uses SSL_CERT_FILE when set.
        """

    /// Resolves the S3 configuration and makes a client.
    ///
    /// - Parameters:
    ///   - arguments: The parsed flags (`--profile`, `--region`, `--endpoint-url`).
    ///   - environment: The process environment (credentials, region, endpoint, `SSL_CERT_FILE`).
    ///   - stackRegion: The deployed stack's region, used when no flag or variable names one.
    ///   - stackEndpoint: The deployed stack's local-AWS endpoint, likewise.
    /// - Returns: A client for S3 over libcurl.
    /// - Throws: ``AWSError`` `.missingCredentials` / `.missingRegion` saying where it looked,
    ///   `.invalidConfiguration` for an unknown profile.
    static func makeClient(
        _ arguments: ParsedArguments, environment: [String: String],
        stackRegion: String?, stackEndpoint: String? = nil
    ) throws(AWSError) -> S3Client {
        let flags = withStackDefaults(
            AWSConfiguration.Flags(
                profile: arguments.string("profile"), region: arguments.string("region"),
                endpointURL: arguments.string("endpoint-url")),
            service: .s3, environment: environment, stackRegion: stackRegion, stackEndpoint: stackEndpoint)
        let configuration = try AWSConfiguration.resolve(
            service: .s3, flags: flags, environment: environment,
            files: AWSSharedFiles.load(environment: environment))
        let http = CurlHTTPClient(sslCertFile: environment["SSL_CERT_FILE"])
        return S3Client(configuration: configuration, http: http)
    }

    /// `flags` with the deployed stack's region and endpoint filled in where neither a flag nor
    /// the environment (`AWS_REGION`, `AWS_DEFAULT_REGION`; `AWS_ENDPOINT_URL_<SERVICE>`,
    /// `AWS_ENDPOINT_URL`) names one: a stack deployed to a local AWS is used with no flags.
    static func withStackDefaults(
        _ flags: AWSConfiguration.Flags, service: AWSServiceID, environment: [String: String],
        stackRegion: String?, stackEndpoint: String?
    ) -> AWSConfiguration.Flags {
        func set(_ names: [String]) -> Bool { names.contains { !(environment[$0] ?? "").isEmpty } }
        var flags = flags
        if flags.region == nil, !set(["AWS_REGION", "AWS_DEFAULT_REGION"]), let stackRegion, !stackRegion.isEmpty {
            flags.region = stackRegion
        }
        if flags.endpointURL == nil, !set(["AWS_ENDPOINT_URL_\(service.environmentSuffix)", "AWS_ENDPOINT_URL"]),
            let stackEndpoint, !stackEndpoint.isEmpty
        {
            flags.endpointURL = stackEndpoint
        }
        return flags
    }
}
