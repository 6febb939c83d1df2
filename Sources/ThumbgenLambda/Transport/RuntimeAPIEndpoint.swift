/// The Runtime API's address, `AWS_LAMBDA_RUNTIME_API` split into host and port.
///
/// Lambda sets it to `127.0.0.1:9001`; emulators may use a name (`localhost:9001`) or a
/// bracketed IPv6 literal (`[::1]:9001`). Source: "Using the Lambda runtime API for custom
/// runtimes" (runtimes-api.html): "runtimes get the API endpoint from the
/// `AWS_LAMBDA_RUNTIME_API` environment variable".
package struct RuntimeAPIEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address, without IPv6 brackets: `127.0.0.1`, `localhost`, `::1`.
    package var host: String
    /// The TCP port, 1...65535.
    package var port: UInt16

    /// Parses `host:port`.
    ///
    /// - Parameter text: The value of `AWS_LAMBDA_RUNTIME_API`, e.g. `127.0.0.1:9001`.
    /// - Throws: ``LambdaRuntimeError`` `.invalidEndpoint` when `text` is empty, has a scheme,
    ///   path, user, query or whitespace, or lacks a numeric port in 1...65535.
    package init(_ text: String) throws(LambdaRuntimeError) {
        let invalid = LambdaRuntimeError(
            code: .invalidEndpoint, message: "\(RuntimeAPI.Environment.runtimeAPI) '\(text)' is not a host:port")
        let forbidden: Set<Character> = ["/", "@", "?", "#", "\\"]
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || forbidden.contains($0) }),
            let colon = text.lastIndex(of: ":")
        else { throw invalid }
        var host = Substring(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw invalid }
            host = host.dropFirst().dropLast()
        } else if host.contains(":") || host.contains("[") || host.contains("]") {
            throw invalid // an IPv6 literal needs brackets
        }
        guard !host.isEmpty, (1...5).contains(portText.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText), (1...65535).contains(port)
        else { throw invalid }
        self.host = String(host)
        self.port = UInt16(port)
    }

    /// `host:port` as it goes in the `Host` header, IPv6 in brackets: `127.0.0.1:9001`, `[::1]:9001`.
    package var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
