import FoundationEssentials
import ThumbgenHTTP

extension CloudWatchLogsClient {
    /// Turns a non-2xx answer into an ``AWSError`` naming `subject`.
    ///
    /// The error code is `__type` from the JSON body (text after a `#`, as in
    /// `com.amazonaws.logs#ThrottlingException`), else the `x-amzn-ErrorType` header (text
    /// before a `:`). Throttling, `ServiceUnavailableException`, 429 and 5xx are retryable.
    /// Source: AWS Smithy "AWS JSON 1.1 protocol", "Operation error serialization"; Amazon
    /// CloudWatch Logs API Reference, "Common Errors".
    ///
    /// - Parameters:
    ///   - response: The failed response.
    ///   - action: The action that failed.
    ///   - subject: What the call was about, e.g. `log group '/aws/lambda/x' in region eu-west-1`.
    /// - Returns: The error, with `serviceCode`, `httpStatus`, `requestID` and `isRetryable` set.
    static func serviceError(_ response: HTTPResponse, action: CloudWatchLogsProtocol.Action, subject: String) -> AWSError {
        let document = (try? JSONDecoder().decode(ErrorDocument.self, from: Data(response.body))) ?? ErrorDocument()
        var type = document.type ?? response.headers[CloudWatchLogsProtocol.Header.errorType] ?? "HTTP\(response.status)"
        if let hash = type.lastIndex(of: "#") { type = String(type[type.index(after: hash)...]) }
        if let colon = type.firstIndex(of: ":") { type = String(type[..<colon]) }
        let requestID = response.headers[CloudWatchLogsProtocol.Header.requestID]
        let detail = (document.message ?? document.Message).map { ": \(oneLine($0))" } ?? ""
        let suffix = requestID.map { " [request id \($0)]" } ?? ""
        let kinds = CloudWatchLogsProtocol.ErrorType.self
        let message: String
        switch type {
        case kinds.resourceNotFound:
            message = "\(subject) does not exist (\(type)\(detail))\(suffix)"
        case _ where kinds.expiredToken.contains(type):
            message = "AWS credentials expired during CloudWatch Logs \(action.rawValue) for \(subject) (\(type)); refresh them and run again\(suffix)"
        default:
            message = "CloudWatch Logs \(type) (\(response.status)) for \(subject)\(detail)\(suffix)"
        }
        let retryable =
            type == kinds.throttling || type == kinds.serviceUnavailable
            || response.status == 429 || (500...599).contains(response.status)
        return AWSError(
            code: .service, message: message, serviceCode: type, httpStatus: response.status,
            requestID: requestID, isRetryable: retryable)
    }

    /// Whether `error` says the credentials have expired (as opposed to being wrong).
    ///
    /// - Parameter error: An error from this client.
    /// - Returns: True for `ExpiredTokenException` and its spellings.
    package static func isExpiredCredentials(_ error: AWSError) -> Bool {
        error.serviceCode.map(CloudWatchLogsProtocol.ErrorType.expiredToken.contains) ?? false
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// `{"__type": "...", "message": "..."}`; some services capitalise `Message`.
    private struct ErrorDocument: Decodable {
        var type: String?
        var message: String?
        var Message: String?
        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message, Message
        }
    }
}
