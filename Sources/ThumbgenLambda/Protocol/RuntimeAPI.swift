/// The Lambda Runtime API, version 2018-06-01: paths, header names and environment
/// variables, each written once here.
///
/// Source: AWS Lambda Developer Guide, "Using the Lambda runtime API for custom runtimes"
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). The endpoint host and
/// port come from `AWS_LAMBDA_RUNTIME_API`, e.g. `127.0.0.1:9001`; a request URL is
/// `http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next`.
package enum RuntimeAPI {
    /// The API version path segment: `2018-06-01`.
    package static let version = "2018-06-01"

    /// `GET /2018-06-01/runtime/invocation/next`: long-polls for the next event; answers
    /// `200` with the event as the body and the invocation headers (see ``Header``).
    package static let nextPath = "/\(version)/runtime/invocation/next"

    /// `POST /2018-06-01/runtime/invocation/{requestID}/response`: the handler's result;
    /// answers `202 Accepted` (`413` when the payload exceeds 6 MB for synchronous calls).
    ///
    /// - Parameter requestID: The `Lambda-Runtime-Aws-Request-Id` of the invocation,
    ///   e.g. `8476a536-e9f4-11e8-9739-2dfe598c3fcd`.
    /// - Returns: The path.
    package static func responsePath(requestID: String) -> String {
        "/\(version)/runtime/invocation/\(requestID)/response"
    }

    /// `POST /2018-06-01/runtime/invocation/{requestID}/error`: the handler failed; the body is
    /// `{"errorMessage": "...", "errorType": "..."}` with ``Header/functionErrorType``; answers `202`.
    ///
    /// - Parameter requestID: The invocation's request id.
    /// - Returns: The path.
    package static func errorPath(requestID: String) -> String {
        "/\(version)/runtime/invocation/\(requestID)/error"
    }

    /// `POST /2018-06-01/runtime/init/error`: initialisation failed before the first `next`;
    /// same body and header as an invocation error; answers `202`, then the runtime exits.
    package static let initErrorPath = "/\(version)/runtime/init/error"

    /// Header names of the Runtime API (HTTP field names are caseless; these are as AWS writes them).
    package enum Header {
        /// The invocation's request id, e.g. `Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd`.
        package static let requestID = "Lambda-Runtime-Aws-Request-Id"
        /// When the function times out, in Unix milliseconds, e.g. `Lambda-Runtime-Deadline-Ms: 1542409706888`.
        package static let deadline = "Lambda-Runtime-Deadline-Ms"
        /// The ARN invoked, e.g. `arn:aws:lambda:us-east-2:123456789012:function:custom-runtime`.
        package static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
        /// The X-Ray tracing header, e.g. `Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1`.
        package static let traceID = "Lambda-Runtime-Trace-Id"
        /// For invocations from the AWS Mobile SDK: the client application and device (JSON).
        package static let clientContext = "Lambda-Runtime-Client-Context"
        /// For invocations from the AWS Mobile SDK: the Amazon Cognito identity (JSON).
        package static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
        /// Sent with an error report: the error type, e.g. `Lambda-Runtime-Function-Error-Type: Runtime.ConfigInvalid`.
        package static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
        /// `Content-Type` of response and error bodies.
        package static let contentType = "Content-Type"
    }

    /// Environment variable names the Lambda execution environment sets.
    package enum Environment {
        /// The Runtime API's `host:port`, e.g. `AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001`.
        package static let runtimeAPI = "AWS_LAMBDA_RUNTIME_API"
        /// The X-Ray trace header of the current invocation; the runtime sets it per event
        /// from ``Header/traceID``.
        package static let traceID = "_X_AMZN_TRACE_ID"
        /// The function name, e.g. `thumbgen`.
        package static let functionName = "AWS_LAMBDA_FUNCTION_NAME"
    }
}
