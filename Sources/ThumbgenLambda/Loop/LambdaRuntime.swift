/// Start-up of a custom runtime: read the endpoint, build the handler once, report a set-up
/// failure to `/runtime/init/error`, then run the loop.
package enum LambdaRuntime {
    /// Starts the runtime and runs events until the Runtime API fails (or `limit` events).
    ///
    /// Nothing expensive happens before the first `next` beyond `makeHandler` (which reads
    /// configuration and makes clients): the Runtime API client is this module's own socket
    /// client (``RuntimeAPIConnection``), so no library is loaded for it.
    ///
    /// - Parameters:
    ///   - environment: The process environment; `AWS_LAMBDA_RUNTIME_API` is read from it.
    ///   - logSink: Where the per-event log lines go (standard output in Lambda).
    ///   - limit: Stop after this many events (nil: never).
    ///   - makeHandler: Builds the handler; an error here is posted to `/runtime/init/error`.
    /// - Returns: The number of events handled.
    /// - Throws: ``LambdaRuntimeError`` `.invalidEndpoint` without a usable
    ///   `AWS_LAMBDA_RUNTIME_API`; `.initializationFailed` (with the set-up error as
    ///   `underlying`) after reporting it; `.transport`/`.unexpectedStatus` when the Runtime API fails.
    @discardableResult
    package static func run<Handler: LambdaHandler>(
        environment: [String: String], logSink: @escaping @Sendable (String) -> Void, limit: Int? = nil,
        makeHandler: () throws -> Handler
    ) throws(LambdaRuntimeError) -> Int {
        let endpoint = environment[RuntimeAPI.Environment.runtimeAPI] ?? ""
        let client = try LambdaRuntimeClient(endpoint: endpoint)
        let handler: Handler
        do {
            handler = try makeHandler()
        } catch {
            var report = LambdaErrorReport(error)
            if !(error is any LambdaReportableError) { report.errorType = "Runtime.InitError" }
            var log = LambdaLogRecord()
            log.set("outcome", "init-error")
            log.set("errorType", report.errorType)
            log.set("error", report.errorMessage)
            logSink(log.jsonLine)
            try client.reportInitError(report)
            throw LambdaRuntimeError(
                code: .initializationFailed, message: "initialization failed: \(report.errorMessage)",
                underlying: SendableError(report))
        }
        return try LambdaRunLoop(client: client, logSink: logSink).run(handler: handler, limit: limit)
    }
}

/// An error report carried as an `underlying` error.
struct SendableError: Error, Sendable, CustomStringConvertible {
    let report: LambdaErrorReport
    init(_ report: LambdaErrorReport) { self.report = report }
    var description: String { report.errorMessage }
}
