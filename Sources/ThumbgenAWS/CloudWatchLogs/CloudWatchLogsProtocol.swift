/// The protocol strings of the CloudWatch Logs JSON 1.1 API, in one place.
///
/// Every call is `POST /` with a JSON body, named by the `X-Amz-Target` header. A real
/// request, as the AWS CLI sends it:
///
/// ```
/// POST / HTTP/1.1
/// Host: logs.eu-west-1.amazonaws.com
/// Content-Type: application/x-amz-json-1.1
/// X-Amz-Target: Logs_20140328.FilterLogEvents
///
/// {"logGroupName": "/aws/lambda/thumbgen", "startTime": 1764400000000, "interleaved": true}
/// ```
///
/// Errors come back as `{"__type": "ResourceNotFoundException", "message": "The specified log group does not exist."}`
/// with the request id in `x-amzn-RequestId`.
///
/// Source: Amazon CloudWatch Logs API Reference, "Making API requests" and "Common Errors";
/// AWS Smithy "AWS JSON 1.1 protocol".
package enum CloudWatchLogsProtocol {
    /// The `X-Amz-Target` prefix: the API version `Logs_20140328`.
    package static let targetPrefix = "Logs_20140328"
    /// The body media type of JSON 1.1 requests and responses.
    package static let contentType = "application/x-amz-json-1.1"

    /// Header field names of the JSON protocol (general ones such as `Content-Type` are in `HTTPHeaderName`).
    package enum Header {
        /// `X-Amz-Target: Logs_20140328.FilterLogEvents`.
        package static let target = "X-Amz-Target"
        /// `x-amzn-RequestId: 6f8a1c0e-...` on every response.
        package static let requestID = "x-amzn-RequestId"
        /// `x-amzn-ErrorType: ResourceNotFoundException:http://internal.amazon.com/...` on some errors.
        package static let errorType = "x-amzn-ErrorType"
    }

    /// The API actions the client calls; the raw value is the action name.
    package enum Action: String, Sendable, CaseIterable {
        /// Events of a log group, across its streams, by time and filter pattern.
        case filterLogEvents = "FilterLogEvents"
        /// Log groups, optionally by name prefix.
        case describeLogGroups = "DescribeLogGroups"
        /// Log streams of a group, optionally by name prefix.
        case describeLogStreams = "DescribeLogStreams"
        /// Creates a log group.
        case createLogGroup = "CreateLogGroup"
        /// Creates a log stream in a group.
        case createLogStream = "CreateLogStream"
        /// Uploads a batch of events to a stream.
        case putLogEvents = "PutLogEvents"

        /// The `X-Amz-Target` value: `Logs_20140328.FilterLogEvents`.
        package var target: String { "\(CloudWatchLogsProtocol.targetPrefix).\(rawValue)" }
    }

    /// `__type` values the client treats specially.
    package enum ErrorType {
        /// The named log group (or stream) does not exist.
        package static let resourceNotFound = "ResourceNotFoundException"
        /// Too many requests; retry after a pause.
        package static let throttling = "ThrottlingException"
        /// The service is unavailable; retry after a pause.
        package static let serviceUnavailable = "ServiceUnavailableException"
        /// Temporary credentials (session token) have expired.
        package static let expiredToken = ["ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired"]
        /// The access key or session token is not recognised.
        package static let unrecognizedClient = "UnrecognizedClientException"
    }
}
