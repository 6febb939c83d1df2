/// One event handed out by `GET /2018-06-01/runtime/invocation/next`: its payload and the
/// invocation headers (see ``RuntimeAPI/Header``).
package struct LambdaInvocation: Sendable {
    /// `Lambda-Runtime-Aws-Request-Id`, e.g. `8476a536-e9f4-11e8-9739-2dfe598c3fcd`.
    package var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when the function times out, in milliseconds since the Unix epoch.
    package var deadlineMilliseconds: Int64
    /// `Lambda-Runtime-Invoked-Function-Arn`, empty when absent.
    package var invokedFunctionARN: String
    /// `Lambda-Runtime-Trace-Id`, nil when absent (X-Ray disabled).
    package var traceID: String?
    /// `Lambda-Runtime-Client-Context` (JSON), for Mobile SDK invocations.
    package var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity` (JSON), for Mobile SDK invocations.
    package var cognitoIdentity: String?
    /// The event document as received (JSON), bytes.
    package var payload: [UInt8]

    /// Creates an invocation.
    ///
    /// - Parameters:
    ///   - requestID: The request id.
    ///   - deadlineMilliseconds: The deadline, Unix milliseconds.
    ///   - invokedFunctionARN: The function ARN.
    ///   - traceID: The X-Ray trace header.
    ///   - clientContext: The Mobile SDK client context.
    ///   - cognitoIdentity: The Cognito identity.
    ///   - payload: The event bytes.
    package init(
        requestID: String, deadlineMilliseconds: Int64, invokedFunctionARN: String = "",
        traceID: String? = nil, clientContext: String? = nil, cognitoIdentity: String? = nil,
        payload: [UInt8]
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.payload = payload
    }

    /// Milliseconds left before the deadline at `nowMilliseconds` (Unix ms); negative when past.
    ///
    /// - Parameter nowMilliseconds: The current time, milliseconds since the Unix epoch.
    /// - Returns: `deadlineMilliseconds - nowMilliseconds`.
    package func remainingMilliseconds(nowMilliseconds: Int64) -> Int64 {
        deadlineMilliseconds - nowMilliseconds
    }
}
