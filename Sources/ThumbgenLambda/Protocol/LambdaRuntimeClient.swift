import ThumbgenHTTP

/// Talks to the Lambda Runtime API over HTTP: fetch the next event, post its response or
/// its error, or report an initialisation error. One per process; its one connection is kept
/// alive between calls (``RuntimeAPIConnection``, never libcurl).
///
/// Source: "Using the Lambda runtime API for custom runtimes" (runtimes-api.html).
package struct LambdaRuntimeClient: Sendable {
    /// The Runtime API `host:port`, from `AWS_LAMBDA_RUNTIME_API`.
    package let endpoint: String
    private let connection: RuntimeAPIConnection

    /// Creates a client for the Runtime API at `endpoint`; nothing is connected yet.
    ///
    /// - Parameters:
    ///   - endpoint: `host:port`, e.g. `127.0.0.1:9001` (the value of `AWS_LAMBDA_RUNTIME_API`).
    ///   - limits: Size and time bounds of each exchange (defaults: see ``RuntimeAPIConnection/Limits``).
    /// - Throws: ``LambdaRuntimeError`` `.invalidEndpoint` when `endpoint` is empty, has a scheme,
    ///   path or whitespace, or no numeric port.
    package init(endpoint: String, limits: RuntimeAPIConnection.Limits = .init()) throws(LambdaRuntimeError) {
        self.endpoint = endpoint
        self.connection = RuntimeAPIConnection(endpoint: try RuntimeAPIEndpoint(endpoint), limits: limits)
    }

    /// `GET /2018-06-01/runtime/invocation/next`, waiting as long as it takes (no client
    /// timeout: the call long-polls until an event arrives).
    ///
    /// - Returns: The invocation: payload and headers.
    /// - Throws: ``LambdaRuntimeError`` `.transport`, `.unexpectedStatus` (not 200), or
    ///   `.invalidHeader` when `Lambda-Runtime-Aws-Request-Id` or `Lambda-Runtime-Deadline-Ms`
    ///   is missing or malformed.
    package func next() throws(LambdaRuntimeError) -> LambdaInvocation {
        let response = try send("GET", RuntimeAPI.nextPath, longPoll: true)
        guard response.status == 200 else {
            throw unexpected(response.status, "GET", RuntimeAPI.nextPath)
        }
        let headers = response.headers
        guard let requestID = headers[RuntimeAPI.Header.requestID], !requestID.isEmpty else {
            throw LambdaRuntimeError(code: .invalidHeader, message: "Runtime API next: no \(RuntimeAPI.Header.requestID) header")
        }
        guard let deadlineText = headers[RuntimeAPI.Header.deadline], let deadline = Int64(deadlineText) else {
            throw LambdaRuntimeError(
                code: .invalidHeader,
                message: "Runtime API next: \(RuntimeAPI.Header.deadline) missing or not milliseconds for request \(requestID)")
        }
        return LambdaInvocation(
            requestID: requestID, deadlineMilliseconds: deadline,
            invokedFunctionARN: headers[RuntimeAPI.Header.invokedFunctionARN] ?? "",
            traceID: headers[RuntimeAPI.Header.traceID],
            clientContext: headers[RuntimeAPI.Header.clientContext],
            cognitoIdentity: headers[RuntimeAPI.Header.cognitoIdentity],
            payload: response.body)
    }

    /// `POST /2018-06-01/runtime/invocation/{requestID}/response` with `payload`.
    ///
    /// - Parameters:
    ///   - requestID: The invocation's request id.
    ///   - payload: The response document, bytes (at most 6 MB for synchronous invocations).
    /// - Throws: ``LambdaRuntimeError`` `.transport`, or `.unexpectedStatus` unless `202`
    ///   (`413` when the payload is too large).
    package func respond(requestID: String, payload: [UInt8]) throws(LambdaRuntimeError) {
        try post(RuntimeAPI.responsePath(requestID: Self.escape(requestID)), body: payload, errorType: nil)
    }

    /// `POST /2018-06-01/runtime/invocation/{requestID}/error` with `report` and the
    /// `Lambda-Runtime-Function-Error-Type` header.
    ///
    /// - Throws: ``LambdaRuntimeError`` `.transport` or `.unexpectedStatus` unless `202`.
    package func reportError(requestID: String, _ report: LambdaErrorReport) throws(LambdaRuntimeError) {
        try post(RuntimeAPI.errorPath(requestID: Self.escape(requestID)), body: report.jsonBytes, errorType: report.errorType)
    }

    /// `POST /2018-06-01/runtime/init/error` with `report`; call before the first `next`.
    ///
    /// - Throws: ``LambdaRuntimeError`` `.transport` or `.unexpectedStatus` unless `202`.
    package func reportInitError(_ report: LambdaErrorReport) throws(LambdaRuntimeError) {
        try post(RuntimeAPI.initErrorPath, body: report.jsonBytes, errorType: report.errorType)
    }

    private func post(_ path: String, body: [UInt8], errorType: String?) throws(LambdaRuntimeError) {
        var headers = [(name: RuntimeAPI.Header.contentType, value: "application/json")]
        if let errorType { headers.append((RuntimeAPI.Header.functionErrorType, errorType)) }
        let response = try send("POST", path, headers: headers, body: body)
        guard response.status == 202 else { throw unexpected(response.status, "POST", path) }
    }

    private func send(
        _ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        longPoll: Bool = false
    ) throws(LambdaRuntimeError) -> HTTPResponse {
        do {
            return try connection.exchange(method: method, path: path, headers: headers, body: body, longPoll: longPoll)
        } catch {
            throw LambdaRuntimeError(code: .transport, message: "Runtime API \(method) \(path): \(error.message)", underlying: error)
        }
    }

    private func unexpected(_ status: Int, _ method: String, _ path: String) -> LambdaRuntimeError {
        LambdaRuntimeError(code: .unexpectedStatus, message: "Runtime API \(method) \(path): status \(status)", status: status)
    }

    /// Percent-encodes every byte outside RFC 3986's unreserved set, so a request id can
    /// never change the path (AWS's are UUIDs, which pass through unchanged).
    static func escape(_ requestID: String) -> String {
        var out = ""
        for byte in requestID.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }
}
