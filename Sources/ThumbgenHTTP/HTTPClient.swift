/// Something that performs HTTP exchanges. ``CurlHTTPClient`` is the real one; tests may
/// wrap it (a wrapper that injects failures must say it is a fake in its name).
package protocol HTTPClient: Sendable {
    /// Performs `request` and returns the final response, whatever its status.
    ///
    /// Blocks the calling thread until the response is complete.
    ///
    /// - Parameter request: The request to send.
    /// - Returns: The response; a non-2xx status is a response, not an error.
    /// - Throws: ``HTTPError`` when no response arrives (connect, timeout, TLS, reset, file I/O).
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}
