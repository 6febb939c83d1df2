import Synchronization
import ThumbgenHTTP

/// The Runtime API's own HTTP/1.1 client: plain HTTP to `AWS_LAMBDA_RUNTIME_API` over one
/// kept-alive POSIX socket, nothing else (no TLS, proxies, redirects or compression), so the
/// runtime's first `GET /next` costs a `connect` and a `send`, not loading libcurl and its
/// libraries. Bodies framed by `Content-Length`, `chunked` or the connection's end; every
/// head and body bounded by ``Limits``. Thread-safe: one exchange at a time.
///
/// Source: RFC 9112 (HTTP/1.1 message syntax, framing, persistence) and "Using the Lambda
/// runtime API for custom runtimes" (runtimes-api.html).
package final class RuntimeAPIConnection: Sendable {
    /// Bounds on one exchange.
    package struct Limits: Sendable {
        /// The most bytes a response head (status line and fields, or a chunked body's trailer) may take.
        package var maximumHeadBytes: Int
        /// The most bytes a response body may take. Lambda's invocation payload is at most 6 MB
        /// (synchronous; "Lambda quotas"), so the default is well above any real event.
        package var maximumBodyBytes: Int
        /// The longest wait for the TCP connection.
        package var connectTimeout: Duration
        /// The longest wait for any progress while sending or once a response has begun; the wait
        /// for the first byte of a `next` response is unbounded (it long-polls).
        package var stallTimeout: Duration

        /// Creates limits.
        ///
        /// - Parameters:
        ///   - maximumHeadBytes: Head size bound, bytes (default 64 KiB).
        ///   - maximumBodyBytes: Body size bound, bytes (default 32 MiB).
        ///   - connectTimeout: Connect bound (default 10 s).
        ///   - stallTimeout: Stall bound (default 30 s).
        package init(
            maximumHeadBytes: Int = 64 * 1024, maximumBodyBytes: Int = 32 * 1024 * 1024,
            connectTimeout: Duration = .seconds(10), stallTimeout: Duration = .seconds(30)
        ) {
            self.maximumHeadBytes = maximumHeadBytes
            self.maximumBodyBytes = maximumBodyBytes
            self.connectTimeout = connectTimeout
            self.stallTimeout = stallTimeout
        }
    }

    /// Where requests go.
    package let endpoint: RuntimeAPIEndpoint
    /// The bounds applied to every exchange.
    package let limits: Limits
    /// The open connection, nil until the first exchange and after one that cannot be reused.
    private let current = Mutex<RuntimeAPISocket?>(nil)

    /// Creates a client; nothing is connected until the first exchange.
    ///
    /// - Parameters:
    ///   - endpoint: The Runtime API address.
    ///   - limits: Size and time bounds.
    package init(endpoint: RuntimeAPIEndpoint, limits: Limits = Limits()) {
        self.endpoint = endpoint
        self.limits = limits
    }

    /// Sends one request and reads its final response (1xx interim responses are skipped).
    ///
    /// A request that fails on a reused connection before any byte of its response arrived (the
    /// server closed the idle connection) is sent once more on a new connection.
    ///
    /// - Parameters:
    ///   - method: `GET` or `POST`.
    ///   - path: The absolute path, already percent-encoded: `/2018-06-01/runtime/invocation/next`.
    ///   - headers: Extra fields; CR and LF are removed from values so none can add a field.
    ///   - body: The body; sent with `Content-Length` (also `0` for an empty `POST`).
    ///   - longPoll: Wait for the response to begin without a time bound (`next`).
    /// - Returns: The response, body in memory.
    /// - Throws: ``HTTPError`` `.connect` (refused, unresolvable), `.timeout` (no progress within
    ///   the limits), `.reset` (closed or reset before the response ended), `.other` (a malformed
    ///   response, or a head or body over ``Limits``).
    package func exchange(
        method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        longPoll: Bool = false
    ) throws(HTTPError) -> HTTPResponse {
        guard path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPError(code: .other, message: "request to \(endpoint) failed: invalid path", host: endpoint.description)
        }
        let head = requestHead(method: method, path: path, headers: headers, bodyCount: body.count)
        return try current.withLock { (socket: inout RuntimeAPISocket?) throws(HTTPError) -> HTTPResponse in
            var retried = false
            while true {
                let reused = socket != nil
                let connection: RuntimeAPISocket
                if let socket {
                    connection = socket
                } else {
                    do throws(RuntimeAPISocket.Failure) {
                        connection = try RuntimeAPISocket.connect(host: endpoint.host, port: endpoint.port, timeout: limits.connectTimeout)
                    } catch {
                        throw message(for: error)
                    }
                }
                socket = nil // put back only after a complete, reusable exchange
                let receivedBefore = connection.receivedBytes
                do throws(RuntimeAPISocket.Failure) {
                    connection.stallTimeout = limits.stallTimeout
                    if body.count <= 16 * 1024 {
                        try connection.send(head + body)
                    } else {
                        try connection.send(head)
                        try connection.send(body)
                    }
                    let (response, keeps) = try receive(on: connection, method: method, longPoll: longPoll)
                    if keeps { socket = connection }
                    return response
                } catch {
                    let unanswered = error.kind == .closed && connection.receivedBytes == receivedBefore
                    if reused && unanswered && !retried {
                        retried = true
                        continue
                    }
                    throw message(for: error)
                }
            }
        }
    }

    /// `METHOD path HTTP/1.1`, `Host`, the fields, `Content-Length`, the empty line.
    private func requestHead(method: String, path: String, headers: [(name: String, value: String)], bodyCount: Int) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\n\(HTTPHeaderName.host): \(endpoint)\r\n"
        for field in headers {
            text += "\(field.name): \(String(field.value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }))\r\n"
        }
        if bodyCount > 0 || method == "POST" || method == "PUT" { text += "\(HTTPHeaderName.contentLength): \(bodyCount)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Reads the final response: head (skipping 1xx) and body as framed.
    ///
    /// - Returns: The response and whether the connection may be reused.
    private func receive(on connection: RuntimeAPISocket, method: String, longPoll: Bool) throws(RuntimeAPISocket.Failure) -> (HTTPResponse, Bool) {
        while true {
            if longPoll { connection.stallTimeout = nil }
            let statusLine = try connection.readLine(limit: limits.maximumHeadBytes)
            connection.stallTimeout = limits.stallTimeout
            var budget = limits.maximumHeadBytes - statusLine.count
            var fieldLines: [ArraySlice<UInt8>] = []
            while true {
                let line = try connection.readLine(limit: budget)
                budget -= line.count + 2
                if line.isEmpty { break }
                fieldLines.append(line)
            }
            let head = try RuntimeAPIResponseHead(statusLine: statusLine, fieldLines: fieldLines, method: method)
            if head.isInterim { continue }
            let body: [UInt8]
            switch head.framing {
            case .none:
                body = []
            case .length(let count):
                guard count <= limits.maximumBodyBytes else { throw tooLarge(count) }
                body = try connection.read(exactly: count)
            case .chunked:
                body = try readChunked(on: connection)
            case .untilClose:
                body = try connection.readToEnd(limit: limits.maximumBodyBytes)
            }
            return (HTTPResponse(status: head.status, headers: head.headers, body: body), head.keepsConnection)
        }
    }

    /// A chunked body (RFC 9112 section 7.1): size lines, data, and a trailer that is read and dropped.
    private func readChunked(on connection: RuntimeAPISocket) throws(RuntimeAPISocket.Failure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let size = try RuntimeAPIResponseHead.chunkSize(connection.readLine(limit: 1024))
            if size == 0 { break }
            guard size <= limits.maximumBodyBytes - body.count else { throw tooLarge(body.count + size) }
            body += try connection.read(exactly: size)
            let ending: ArraySlice<UInt8>
            do throws(RuntimeAPISocket.Failure) {
                ending = try connection.readLine(limit: 2)
            } catch {
                guard error.kind == .tooLarge else { throw error }
                ending = [0]
            }
            guard ending.isEmpty else { throw RuntimeAPISocket.Failure(kind: .malformed, detail: "chunk data longer than its size") }
        }
        var budget = limits.maximumHeadBytes
        while true {
            let line = try connection.readLine(limit: budget)
            budget -= line.count + 2
            if line.isEmpty { return body }
        }
    }

    private func tooLarge(_ count: Int) -> RuntimeAPISocket.Failure {
        RuntimeAPISocket.Failure(kind: .tooLarge, detail: "a body of \(count) bytes, over the \(limits.maximumBodyBytes)-byte limit")
    }

    /// The user-facing error for a socket failure, worded as ``HTTPError``s are for libcurl's.
    private func message(for failure: RuntimeAPISocket.Failure) -> HTTPError {
        let host = endpoint.description
        switch failure.kind {
        case .connect: return HTTPError(code: .connect, message: "cannot connect to \(host): \(failure.detail)", host: host)
        case .timeout: return HTTPError(code: .timeout, message: "request to \(host) timed out: \(failure.detail)", host: host)
        case .closed: return HTTPError(code: .reset, message: "connection to \(host) lost: \(failure.detail)", host: host)
        case .malformed: return HTTPError(code: .other, message: "request to \(host) failed: malformed response: \(failure.detail)", host: host)
        case .tooLarge: return HTTPError(code: .other, message: "request to \(host) failed: response too large: \(failure.detail)", host: host)
        }
    }
}
