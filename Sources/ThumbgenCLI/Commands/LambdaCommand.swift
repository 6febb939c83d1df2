import FoundationEssentials
import ThumbgenHTTP
import ThumbgenLambda
import ThumbgenService

/// `thumbgen lambda` (hidden): run as the Lambda function by hand, or feed it one event file.
struct LambdaCommand: Command {
    let name = "lambda"
    let summary = "Run as the AWS Lambda function (what the deployed 'bootstrap' does)"
    let hidden = true
    let discussion = """
        Without --event: runs the Lambda Runtime API loop against AWS_LAMBDA_RUNTIME_API, as the
        deployed function does when started as 'bootstrap'.

        With --event FILE: runs that one event (an S3 notification or an API Gateway v1/v2 request,
        see examples/events/) through the thumbnail function here and prints its response on stdout
        and its log line on stderr. Settings come from THUMBGEN_ORIGINALS_BUCKET,
        THUMBGEN_THUMBNAILS_BUCKET, THUMBGEN_SIZES, THUMBGEN_FORMAT, THUMBGEN_QUALITY,
        THUMBGEN_MAX_PIXELS; S3 access from the usual AWS_* variables, or --folder DIR to use
        DIR/BUCKET/KEY files instead of S3.
        """
    let positionals: [PositionalSpec] = []
    let options: [OptionSpec] = [
        .value("event", valueName: "FILE", help: "Run this one event JSON file and print the response"),
        .value("folder", valueName: "DIR", help: "Use DIR/BUCKET/KEY files instead of S3 (with --event)"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        guard let eventPath = arguments.string("event") else {
            if arguments.has("folder") { throw UsageError(.conflictingOptions, "--folder needs --event", command: name) }
            return LambdaEntry.run(context: context)
        }
        guard let data = FileManager.default.contents(atPath: eventPath) else {
            context.console.errorLine("thumbgen: cannot read event file \(eventPath)")
            return 1
        }
        let http = CurlHTTPClient(sslCertFile: context.environment["SSL_CERT_FILE"])
        let function = try ThumbnailFunction.make(
            environment: context.environment, http: http, folder: arguments.string("folder"),
            sharedFiles: true)
        let invocation = LambdaInvocation(
            requestID: "local-\(UUID().uuidString.lowercased())",
            deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 900_000,
            payload: Array(data))
        var log = LambdaLogRecord()
        log.set("requestId", invocation.requestID)
        do {
            let response = try function.handle(invocation, log: &log)
            context.console.errorLine(log.jsonLine)
            context.console.line(String(decoding: response, as: UTF8.self))
            return 0
        } catch {
            let report = LambdaErrorReport(error)
            log.set("outcome", "error")
            log.set("errorType", report.errorType)
            context.console.errorLine(log.jsonLine)
            context.console.line(String(decoding: report.jsonBytes, as: UTF8.self))
            return 1
        }
    }
}
