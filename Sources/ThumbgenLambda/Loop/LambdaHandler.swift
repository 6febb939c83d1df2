/// The function the run loop calls for each event. Set up once per process (configuration,
/// clients), then called once per invocation, one at a time.
package protocol LambdaHandler: Sendable {
    /// Handles one event.
    ///
    /// - Parameters:
    ///   - invocation: The event payload and its headers (request id, deadline, trace id).
    ///   - log: The event's log line; add fields such as `event`, `key`, `bytes`. Fields set
    ///     before a throw are kept.
    /// - Returns: The response document, bytes (JSON for API Gateway and S3 events).
    /// - Throws: Any error; the loop reports it to `/runtime/invocation/{id}/error` (see
    ///   ``LambdaErrorReport/init(_:)``) and goes on to the next event.
    func handle(_ invocation: LambdaInvocation, log: inout LambdaLogRecord) throws -> [UInt8]
}
