/// One line per request, like a common access log but ISO 8601 time and milliseconds:
/// `2026-03-12T19:03:58Z 127.0.0.1 "POST /thumbnails?name=cat.jpg" 201 1234 35ms`.
///
/// Query values named `signature`, `X-Amz-Signature`, `X-Amz-Credential` and
/// `X-Amz-Security-Token` are replaced by `REDACTED`: presigned URLs are secrets. Method and
/// target are escaped (``LogText/escaped(_:)``): a request cannot forge or split a line.
enum AccessLog {
    private static let secretParameters: Set<String> = ["signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token"]

    /// The log line for a finished request.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - status: The response status.
    ///   - bytes: The response body size, bytes.
    ///   - milliseconds: Time from the request head to the response, milliseconds.
    /// - Returns: The line, without a newline.
    static func line(request: ServeRequest, status: Int, bytes: Int, milliseconds: Int64) -> String {
        "\(HTTPTime.iso8601(HTTPTime.nowMilliseconds() / 1000)) \(request.sourceIP) \"\(LogText.escaped(request.method)) \(LogText.escaped(redacted(request.target)))\" \(status) \(bytes) \(milliseconds)ms"
    }

    /// `target` with secret query values replaced.
    static func redacted(_ target: String) -> String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        let pairs = target[target.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretParameters.contains(name.lowercased()) ? name + "=REDACTED" : String(pair)
        }
        return String(target[...mark]) + pairs.joined(separator: "&")
    }
}
