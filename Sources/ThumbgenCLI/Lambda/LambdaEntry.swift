import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenLambda
import ThumbgenService

/// Lambda start-up for the CLI: build the thumbnail function from the environment, once,
/// then run the Runtime API loop (its own socket client; libcurl is loaded by the first S3 request).
enum LambdaEntry {
    /// Runs the Runtime API loop until the Runtime API goes away.
    ///
    /// - Returns: The exit status: 1 (the loop only ends on a failure, already reported).
    static func run(context: CommandContext) -> Int32 {
        let environment = context.environment
        let http = CurlHTTPClient(sslCertFile: environment["SSL_CERT_FILE"])
        let console = context.console
        do {
            try LambdaRuntime.run(environment: environment, logSink: { console.line($0) }) {
                try ThumbnailFunction.make(environment: environment, http: http)
            }
            return 0
        } catch {
            console.errorLine("thumbgen: lambda: \(error.message)")
            return 1
        }
    }
}
