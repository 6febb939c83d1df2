#if canImport(Glibc)
import Glibc
#endif

/// The Runtime API loop: `next` → handler → `response` or `error`, forever, with one JSON
/// log line per event. A handler error never ends the loop; only the Runtime API failing does
/// (the Lambda service then recycles the execution environment).
///
/// Source: "Using the Lambda runtime API for custom runtimes" and "Building a custom runtime
/// for AWS Lambda" (runtimes-custom.html), section "Processing tasks".
package struct LambdaRunLoop: Sendable {
    /// The Runtime API client.
    package let client: LambdaRuntimeClient
    /// Receives each log line (no newline); in Lambda, a write to standard output.
    package let logSink: @Sendable (String) -> Void
    /// Receives each invocation's trace header (`_X_AMZN_TRACE_ID`), nil to clear it.
    package let traceSink: @Sendable (String?) -> Void

    /// Creates a loop.
    ///
    /// - Parameters:
    ///   - client: The Runtime API client.
    ///   - logSink: Where log lines go.
    ///   - traceSink: Where trace ids go (default: sets or unsets `_X_AMZN_TRACE_ID` in this process).
    package init(
        client: LambdaRuntimeClient, logSink: @escaping @Sendable (String) -> Void,
        traceSink: @escaping @Sendable (String?) -> Void = LambdaRunLoop.setTraceEnvironment
    ) {
        self.client = client
        self.logSink = logSink
        self.traceSink = traceSink
    }

    /// Runs `handler` for events until the Runtime API fails or `limit` events were handled.
    ///
    /// - Parameters:
    ///   - handler: The function.
    ///   - limit: Stop after this many events (nil: never; tests and benchmarks set it).
    /// - Returns: The number of events handled.
    /// - Throws: ``LambdaRuntimeError`` `.transport` or `.unexpectedStatus` from the Runtime
    ///   API: the only way the loop ends before `limit`.
    @discardableResult
    package func run(handler: some LambdaHandler, limit: Int? = nil) throws(LambdaRuntimeError) -> Int {
        var handled = 0
        while limit.map({ handled < $0 }) ?? true {
            let invocation: LambdaInvocation
            do {
                invocation = try client.next()
            } catch {
                guard error.code == .invalidHeader else { throw error }
                // A malformed event cannot be answered; log it and wait for the next one.
                var log = LambdaLogRecord()
                log.set("outcome", "runtime-error")
                log.set("error", error.message)
                logSink(log.jsonLine)
                continue
            }
            try handle(invocation, with: handler)
            handled += 1
        }
        return handled
    }

    /// Runs one invocation through `handler` and posts its result or error.
    ///
    /// - Throws: ``LambdaRuntimeError`` when the Runtime API cannot be reached.
    func handle(_ invocation: LambdaInvocation, with handler: some LambdaHandler) throws(LambdaRuntimeError) {
        traceSink(invocation.traceID)
        let clock = ContinuousClock()
        let start = clock.now
        var log = LambdaLogRecord()
        log.set("requestId", invocation.requestID)
        let report: LambdaErrorReport?
        switch Result(catching: { try handler.handle(invocation, log: &log) }) {
        case .success(let payload):
            report = try respond(invocation.requestID, payload)
        case .failure(let error):
            report = LambdaErrorReport(error)
        }
        if let report {
            log.set("outcome", "error")
            log.set("errorType", report.errorType)
            log.set("error", report.errorMessage)
            if let status = try reportError(invocation.requestID, report) { log.set("reportStatus", status) }
        } else {
            log.set("outcome", "ok")
        }
        log.set("ms", Self.milliseconds(clock.now - start))
        logSink(log.jsonLine)
    }

    /// Posts a response; a rejected one (e.g. `413`, over the payload limit) becomes a report to post instead.
    private func respond(_ requestID: String, _ payload: [UInt8]) throws(LambdaRuntimeError) -> LambdaErrorReport? {
        do {
            try client.respond(requestID: requestID, payload: payload)
            return nil
        } catch {
            guard error.code == .unexpectedStatus else { throw error }
            return LambdaErrorReport(errorType: "Runtime.ResponseRejected", errorMessage: error.message)
        }
    }

    /// Posts an error report; returns the status when the Runtime API refused it.
    private func reportError(_ requestID: String, _ report: LambdaErrorReport) throws(LambdaRuntimeError) -> Int? {
        do {
            try client.reportError(requestID: requestID, report)
            return nil
        } catch {
            guard error.code == .unexpectedStatus else { throw error }
            return error.status ?? 0
        }
    }

    /// Whole milliseconds in `duration`, rounded down.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Sets `_X_AMZN_TRACE_ID` to `traceID` in this process's environment, or removes it for nil,
    /// as the Runtime API requires of custom runtimes (X-Ray SDKs read it).
    package static let setTraceEnvironment: @Sendable (String?) -> Void = { traceID in
        if let traceID {
            setenv(RuntimeAPI.Environment.traceID, traceID, 1)
        } else {
            unsetenv(RuntimeAPI.Environment.traceID)
        }
    }
}
