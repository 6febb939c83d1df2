import ThumbgenHTTP

/// Turns an S3 error response into one-line ``AWSError``s.
///
/// S3 error bodies (S3 API Reference, "Error responses") look like
/// `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>`
/// `<Key>cat.jpg</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>`; HEAD responses
/// have no body, so the status decides the code (404 → `NoSuchKey` for objects).
package enum S3ErrorDecoder {
    /// S3 error codes worth retrying besides any 500/502/503/504.
    package static let retryableCodes: Set<String> = [
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
    ]

    /// Decodes `response` into an error about `request.subject`.
    ///
    /// - Parameters:
    ///   - response: A non-2xx response (or a 200 whose body is an `<Error>`).
    ///   - request: The request, for its subject.
    ///   - isObject: True when the subject is an object (404 without body → `NoSuchKey`).
    /// - Returns: The error, e.g. `S3 NoSuchKey (404) for s3://b/k: The specified key does not exist. [request id 44425]`.
    package static func error(from response: HTTPResponse, request: AWSRequest, isObject: Bool) -> AWSError {
        let document = S3XMLElement.parse(response.body).flatMap { $0.name == "Error" ? $0 : nil }
        let code = nonEmpty(document?.text(of: "Code")) ?? codeForStatus(response.status, isObject: isObject)
        let requestID = nonEmpty(document?.text(of: "RequestId")) ?? response.headers[S3Header.requestID]
        var text = "S3 \(code) (\(response.status)) for \(request.subject)"
        if let detail = nonEmpty(document?.text(of: "Message")) { text += ": " + oneLine(detail) }
        if let hint = hint(for: code, response: response) { text += " (\(hint))" }
        if let requestID { text += " [request id \(requestID)]" }
        let retryable = [500, 502, 503, 504].contains(response.status) || retryableCodes.contains(code)
        return AWSError(
            code: .service, message: text, serviceCode: code, httpStatus: response.status,
            requestID: requestID, isRetryable: retryable)
    }

    /// The code S3 would have sent, for bodiless responses.
    static func codeForStatus(_ status: Int, isObject: Bool) -> String {
        switch status {
        case 301: "PermanentRedirect"
        case 400: "BadRequest"
        case 403: "AccessDenied"
        case 404: isObject ? "NoSuchKey" : "NoSuchBucket"
        case 409: "Conflict"
        case 412: "PreconditionFailed"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        default: "HTTP\(status)"
        }
    }

    /// What the user can do about `code`.
    static func hint(for code: String, response: HTTPResponse) -> String? {
        switch code {
        case "SignatureDoesNotMatch": return "check the secret access key, and that this machine's clock is right"
        case "InvalidAccessKeyId": return "the access key id is unknown to this endpoint; check the profile and the endpoint URL"
        case "AccessDenied": return "these credentials are not allowed this operation on this bucket or key"
        case "NoSuchBucket": return "no such bucket; check its name, the region and the endpoint"
        case "NoSuchKey": return "no object has this key"
        case "RequestTimeTooSkewed": return "this machine's clock is too far from the server's"
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            if let region = response.headers[S3Header.bucketRegion] {
                return "the bucket is in region \(region); use --region \(region)"
            }
            return "the bucket is in another region; set the region to the bucket's"
        default: return nil
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
