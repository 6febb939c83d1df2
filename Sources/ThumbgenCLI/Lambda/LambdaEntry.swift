import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenLambda
import ThumbgenService

/// Lambda start-up for the CLI: build the thumbnail function from the environment, once,
/// then run the Runtime API loop.
enum LambdaEntry {
    /// Builds the thumbnail function: configuration from `THUMBGEN_*`, credentials and region
    /// from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`/`AWS_REGION` (as the
    /// Lambda runtime sets them), an endpoint override from `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`.
    /// No network I/O.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - http: The shared transport.
    ///   - folder: When set, a ``FolderObjectStore`` at that path instead of S3.
    ///   - sharedFiles: Also read `~/.aws/credentials` and `~/.aws/config` (for `thumbgen lambda
    ///     --event` on a workstation; the Lambda itself uses only the environment).
    /// - Throws: ``ServiceError`` `.invalidConfiguration` or ``AWSError`` (no credentials/region).
    static func makeFunction(environment: [String: String], http: any HTTPClient, folder: String? = nil,
                             sharedFiles: Bool = false) throws -> ThumbnailFunction {
        let configuration = try ServiceConfiguration.from(environment: environment)
        if let folder { return ThumbnailFunction(configuration: configuration, store: FolderObjectStore(root: folder)) }
        let files = sharedFiles ? AWSSharedFiles.load(environment: environment)
            : AWSSharedFiles(credentialsPath: "(not read in Lambda)", configPath: "(not read in Lambda)", credentials: nil, config: nil)
        let aws = try AWSConfiguration.resolve(service: .s3, flags: .init(), environment: environment, files: files)
        let client = S3Client(configuration: aws, http: http)
        return ThumbnailFunction(configuration: configuration, store: S3ObjectStore(client: client))
    }

    /// Runs the Runtime API loop until the Runtime API goes away.
    ///
    /// - Returns: The exit status: 1 (the loop only ends on a failure, already reported).
    static func run(context: CommandContext) -> Int32 {
        let environment = context.environment
        let http = CurlHTTPClient(sslCertFile: environment["SSL_CERT_FILE"])
        let console = context.console
        do {
            try LambdaRuntime.run(environment: environment, httpClient: http, logSink: { console.line($0) }) {
                try makeFunction(environment: environment, http: http)
            }
            return 0
        } catch {
            console.errorLine("thumbgen: lambda: \(error.message)")
            return 1
        }
    }
}
