import ThumbgenAWS
import ThumbgenHTTP

extension ThumbnailFunction {
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
    ///   - originalsBucket: When set, instead of `THUMBGEN_ORIGINALS_BUCKET`.
    ///   - thumbnailsBucket: When set, instead of `THUMBGEN_THUMBNAILS_BUCKET`.
    ///   - endpointURL: When set, the S3 endpoint, before `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`.
    /// - Throws: ``ServiceError`` `.invalidConfiguration` or ``AWSError`` (no credentials/region).
    package static func make(
        environment: [String: String], http: any HTTPClient, folder: String? = nil,
        sharedFiles: Bool = false, originalsBucket: String? = nil, thumbnailsBucket: String? = nil,
        endpointURL: String? = nil
    ) throws -> ThumbnailFunction {
        let configuration = try ServiceConfiguration.from(
            environment: environment, originalsBucket: originalsBucket,
            thumbnailsBucket: thumbnailsBucket)
        if let folder { return ThumbnailFunction(configuration: configuration, store: FolderObjectStore(root: folder)) }
        let files =
            sharedFiles
            ? AWSSharedFiles.load(environment: environment)
            : AWSSharedFiles(credentialsPath: "(not read in Lambda)", configPath: "(not read in Lambda)", credentials: nil, config: nil)
        let aws = try AWSConfiguration.resolve(service: .s3, flags: .init(endpointURL: endpointURL), environment: environment, files: files)
        let client = S3Client(configuration: aws, http: http)
        return ThumbnailFunction(configuration: configuration, store: S3ObjectStore(client: client))
    }
}
