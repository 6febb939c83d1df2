import FoundationEssentials

/// The function's answer to an API Gateway request: `{"statusCode", "headers", "body",
/// "isBase64Encoded"}`, a shape both payload formats (1.0 and 2.0) accept. Binary bodies go
/// as base64 with `isBase64Encoded: true`.
///
/// Source: API Gateway Developer Guide, "Output format of a Lambda function for proxy
/// integration" and "Lambda function response format" (HTTP APIs).
package struct HTTPFunctionResponse: Sendable, Encodable {
    /// The HTTP status, e.g. `201`.
    package var statusCode: Int
    /// Header fields.
    package var headers: [String: String]
    /// The body: text, or base64 when ``isBase64Encoded``.
    package var body: String
    /// Whether ``body`` is base64 of binary data.
    package var isBase64Encoded: Bool

    /// Creates a response with a JSON body.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - json: The body value.
    ///   - headers: Extra header fields (CORS is added by the router).
    package init(status: Int, json: some Encodable, headers: [String: String] = [:]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        statusCode = status
        self.headers = headers.merging([ResponseHeader.contentType: "application/json"]) { current, _ in current }
        body = (try? encoder.encode(json)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        isBase64Encoded = false
    }

    /// Creates a response with a binary body, sent as base64.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - bytes: The body bytes.
    ///   - contentType: Their media type, e.g. `image/jpeg`.
    package init(status: Int, bytes: [UInt8], contentType: String) {
        statusCode = status
        headers = [ResponseHeader.contentType: contentType]
        body = Data(bytes).base64EncodedString()
        isBase64Encoded = true
    }

    /// Creates a response without a body, e.g. `302` with `Location` or `204`.
    package init(status: Int, headers: [String: String]) {
        statusCode = status
        self.headers = headers
        body = ""
        isBase64Encoded = false
    }

    /// An error answer: `{"error": "<code>", "message": "<one line>"}` with the error's status.
    /// Never a stack trace.
    package static func error(_ error: ServiceError) -> HTTPFunctionResponse {
        HTTPFunctionResponse(status: error.httpStatus, json: ["error": error.code.rawValue, "message": error.message])
    }

    /// The response document, JSON bytes, for the Runtime API.
    package var jsonBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { Array($0) } ?? Array(#"{"statusCode":500}"#.utf8)
    }
}
