import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The test's own small Lambda Runtime API server (AWS's runtime interface emulator cannot
/// be fetched on this machine). It speaks the real protocol of version 2018-06-01 over
/// HTTP/1.1 with keep-alive on 127.0.0.1:
///
/// - `GET /2018-06-01/runtime/invocation/next` blocks until an event is queued (long poll),
///   then answers `200` with the payload and `Lambda-Runtime-Aws-Request-Id`,
///   `Lambda-Runtime-Deadline-Ms`, `Lambda-Runtime-Invoked-Function-Arn`, `Lambda-Runtime-Trace-Id`.
/// - `POST /2018-06-01/runtime/invocation/{id}/response` and `/error` answer `202`, or `400`
///   for an unknown id, `413` for a response over ``maximumResponseBytes``.
/// - `POST /2018-06-01/runtime/init/error` answers `202`.
/// Everything else is `404`. Every POST is recorded for the test to inspect.
package final class RuntimeAPITestServer: @unchecked Sendable {
    /// One queued event.
    package struct Event: Sendable {
        package var requestID: String
        package var deadlineMilliseconds: Int64
        package var functionARN = "arn:aws:lambda:eu-west-1:123456789012:function:thumbgen"
        package var traceID: String? = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"
        package var payload: [UInt8]

        package init(
            requestID: String, deadlineMilliseconds: Int64,
            functionARN: String = "arn:aws:lambda:eu-west-1:123456789012:function:thumbgen",
            traceID: String? = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            payload: [UInt8]
        ) {
            self.requestID = requestID
            self.deadlineMilliseconds = deadlineMilliseconds
            self.functionARN = functionARN
            self.traceID = traceID
            self.payload = payload
        }
    }

    /// One received POST.
    package struct Post: Sendable {
        package enum Kind: Sendable { case response, error, initError }
        package var kind: Kind
        package var requestID: String?
        package var errorTypeHeader: String?
        package var contentType: String?
        package var body: [UInt8]
        package var status: Int
        package var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// The port bound on 127.0.0.1.
    package let port: UInt16
    /// `127.0.0.1:PORT`, the value for `AWS_LAMBDA_RUNTIME_API`.
    package var endpoint: String { "127.0.0.1:\(port)" }
    /// Responses larger than this get `413` (Lambda's synchronous limit is 6 MB).
    package let maximumResponseBytes: Int
    /// Whether POST bodies are kept in ``posts`` (memory tests turn this off).
    package let keepsBodies: Bool

    private let listener: Int32
    private let condition = NSCondition()
    private var queue: [Event] = []
    private var handedOut: Set<String> = []
    private var recorded: [Post] = []
    private var nextCount = 0
    private var firstNextTime: ContinuousClock.Instant?
    private var connections: Set<Int32> = []
    private var stopped = false

    /// Binds an ephemeral port on 127.0.0.1 and starts accepting.
    package init(maximumResponseBytes: Int = 6 * 1024 * 1024, keepsBodies: Bool = true) throws {
        self.maximumResponseBytes = maximumResponseBytes
        self.keepsBodies = keepsBodies
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        guard let bound = LoopbackPort.bindEphemeral(fd, listenBacklog: 16) else { close(fd); throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = UInt16(bound)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Queues an event for the next `next` request.
    package func enqueue(_ event: Event) {
        condition.withLock {
            queue.append(event)
            condition.broadcast()
        }
    }

    /// Every POST received so far, in order.
    package var posts: [Post] { condition.withLock { recorded } }

    /// How many `next` requests arrived.
    package var nextRequests: Int { condition.withLock { nextCount } }

    /// When the first `next` request arrived.
    package var firstNextArrival: ContinuousClock.Instant? { condition.withLock { firstNextTime } }

    /// Waits until at least `count` POSTs arrived or `seconds` passed; returns them.
    package func waitForPosts(_ count: Int, seconds: Double = 30) -> [Post] {
        let limit = Date(timeIntervalSinceNow: seconds)
        return condition.withLock {
            while recorded.count < count && !stopped {
                if !condition.wait(until: limit) { break }
            }
            return recorded
        }
    }

    /// Closes the listener and every connection; blocked `next` requests are dropped.
    package func stop() {
        condition.withLock {
            guard !stopped else { return }
            stopped = true
            Glibc.shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            for connection in connections { Glibc.shutdown(connection, Int32(SHUT_RDWR)) }
            condition.broadcast()
        }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let accepted = condition.withLock { () -> Bool in
                if stopped { return false }
                connections.insert(connection)
                return true
            }
            guard accepted else { close(connection); return }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        var reader = HTTPRequestReader(descriptor: connection)
        while let request = reader.next(sendContinue: { self.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), to: connection) }) {
            guard let response = handle(request) else { break }
            if !write(response, to: connection) { break }
        }
        condition.withLock { _ = connections.remove(connection) }
        close(connection)
    }

    /// The response bytes for `request`, or nil to drop the connection (server stopping).
    private func handle(_ request: HTTPRequestReader.Request) -> [UInt8]? {
        let version = "/2018-06-01/runtime"
        if request.method == "GET" && request.path == "\(version)/invocation/next" {
            guard let event = waitForEvent() else { return nil }
            var headers = [
                ("Lambda-Runtime-Aws-Request-Id", event.requestID),
                ("Lambda-Runtime-Deadline-Ms", String(event.deadlineMilliseconds)),
                ("Lambda-Runtime-Invoked-Function-Arn", event.functionARN),
                ("Content-Type", "application/json"),
            ]
            if let trace = event.traceID { headers.append(("Lambda-Runtime-Trace-Id", trace)) }
            return Self.response(200, headers: headers, body: event.payload)
        }
        guard request.method == "POST" else { return Self.response(404, body: Array(#"{"errorType":"NotFound"}"#.utf8)) }
        if request.path == "\(version)/init/error" {
            record(
                Post(
                    kind: .initError, requestID: nil, errorTypeHeader: request.header("lambda-runtime-function-error-type"),
                    contentType: request.header("content-type"), body: request.body, status: 202))
            return Self.response(202, body: Array(#"{"status":"OK"}"#.utf8))
        }
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "2018-06-01", "runtime", "invocation", ID, "response"|"error"
        guard parts.count == 6, parts[3] == "invocation", parts[5] == "response" || parts[5] == "error" else {
            return Self.response(404, body: Array(#"{"errorType":"NotFound"}"#.utf8))
        }
        let requestID = String(parts[4]).removingPercentEncoding ?? String(parts[4])
        let kind: Post.Kind = parts[5] == "response" ? .response : .error
        var status = condition.withLock { handedOut.contains(requestID) } ? 202 : 400
        if status == 202 && kind == .response && request.body.count > maximumResponseBytes { status = 413 }
        record(
            Post(
                kind: kind, requestID: requestID, errorTypeHeader: request.header("lambda-runtime-function-error-type"),
                contentType: request.header("content-type"), body: request.body, status: status))
        if status == 202 { condition.withLock { _ = handedOut.remove(requestID) } }
        let body = status == 202 ? #"{"status":"OK"}"# : #"{"errorMessage":"rejected","errorType":"InvalidRequest"}"#
        return Self.response(status, body: Array(body.utf8))
    }

    private func waitForEvent() -> Event? {
        condition.withLock {
            nextCount += 1
            if firstNextTime == nil { firstNextTime = ContinuousClock.now }
            while queue.isEmpty && !stopped { condition.wait() }
            guard !stopped else { return nil }
            let event = queue.removeFirst()
            handedOut.insert(event.requestID)
            return event
        }
    }

    private func record(_ post: Post) {
        var post = post
        if !keepsBodies { post.body = [] }
        condition.withLock {
            recorded.append(post)
            condition.broadcast()
        }
    }

    @discardableResult
    private func write(_ bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { if errno == EINTR { continue }; return false }
            offset += written
        }
        return true
    }

    private static func response(_ status: Int, headers: [(String, String)] = [], body: [UInt8]) -> [UInt8] {
        let reasons = [200: "OK", 202: "Accepted", 400: "Bad Request", 404: "Not Found", 413: "Request Entity Too Large"]
        var head = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
        var fields = headers
        if !fields.contains(where: { $0.0 == "Content-Type" }) { fields.append(("Content-Type", "application/json")) }
        fields.append(("Content-Length", String(body.count)))
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
