import NIOCore
import NIOHTTP1
import NIOPosix

/// The per-connection NIO handler: collects one request (head and body, up to a cap), runs
/// the router off the event loop — image jobs in the bounded ``ImageWorkPool``, everything
/// else on the small thread pool for cheap routes, so the page never waits behind an image —
/// writes the response and one access-log line.
///
/// It also keeps the connection's clock: the request head must arrive within
/// ``ServeLimits/headerTimeoutSeconds`` of the opening, the next one within
/// ``ServeLimits/idleTimeoutSeconds`` of an answer, and each body chunk within the idle
/// timeout of the previous; otherwise the connection is closed. It registers the connection in
/// the ``ConnectionTable`` that bounds their number.
final class ServeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The pools and bounds all connections share.
    struct Shared: Sendable {
        var limits: ServeLimits
        /// Cheap routes: the page, storage URLs, `GET /thumbnails/{key}`, `POST /uploads`.
        var threadPool: NIOThreadPool
        /// Image jobs: `POST /thumbnails`.
        var imagePool: ImageWorkPool
        var connections: ConnectionTable
        /// Request bodies in memory, all connections together.
        var bodies: BodyBudget
        var log: @Sendable (String) -> Void
    }

    /// Seconds a client is told to wait (`Retry-After`) when the image queue is full.
    static let retryAfterSeconds = 2

    private let router: ServeRouter
    private let shared: Shared
    private var limits: ServeLimits { shared.limits }
    private var log: @Sendable (String) -> Void { shared.log }
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var rejected = false
    private var started: Int64 = 0
    private var timer: Scheduled<Void>?
    /// A complete request waiting for the client to read earlier answers (see
    /// ``channelWritabilityChanged(context:)``).
    private var parked: (() -> Void)?
    /// Bytes of ``ServeHTTPHandler/Shared/bodies`` this connection's request holds (its body
    /// bytes received so far).
    private var reserved = 0

    init(router: ServeRouter, shared: Shared) {
        self.router = router
        self.shared = shared
    }

    func channelActive(context: ChannelHandlerContext) {
        switch shared.connections.open(context.channel) {
        case .refused:
            context.close(promise: nil)
            return
        case .admitted(let evicted):
            evicted?.close(promise: nil)
        }
        closeAfter(seconds: limits.headerTimeoutSeconds, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        parked = nil
        timer?.cancel()
        timer = nil
        releaseBody()
        shared.connections.close(context.channel)
        context.fireChannelInactive()
    }

    /// Closes the connection unless something resets or cancels this timer within `seconds`.
    private func closeAfter(seconds: Int, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(seconds))) {
            context.close(promise: nil)
        }
    }

    /// Gives this request's body bytes back to the shared budget.
    private func releaseBody() {
        shared.bodies.release(reserved)
        reserved = 0
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            shared.connections.setReceiving(context.channel, bytes: 0)
            closeAfter(seconds: limits.idleTimeoutSeconds, context: context)
            head = requestHead
            body = context.channel.allocator.buffer(capacity: 0)
            rejected = false
            started = HTTPTime.nowMilliseconds()
            let length = requestHead.headers.first(name: "content-length").flatMap(Int.init)
            if requestHead.uri.hasPrefix(LocalPresigner.pathPrefix),
                let refusal = router.storageRefusal(method: requestHead.method.rawValue, target: requestHead.uri)
            {
                // A storage URL's signature is checked from the head: a request that would be
                // refused never gets its body (up to 100 MiB) buffered first.
                reject(with: refusal, context: context)
            } else if let length, length > limits.bodyLimit(forPath: requestHead.uri) {
                reject(context: context)
            } else if let length, !shared.bodies.fits(length) {
                reject(with: Self.bodiesBusy, context: context)
            } else if requestHead.headers.first(name: "expect")?.lowercased() == "100-continue" {
                // RFC 9110 §10.1.1: a client that sent `Expect: 100-continue` (curl does for
                // bodies over 1 MB) waits for this interim answer, or a second, before sending.
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: .continue))),
                    promise: nil)
            }
        case .body(var chunk):
            guard !rejected, let requestHead = head else { return }
            closeAfter(seconds: limits.idleTimeoutSeconds, context: context)
            if (body?.readableBytes ?? 0) + chunk.readableBytes > limits.bodyLimit(forPath: requestHead.uri) {
                reject(context: context)
                return
            }
            if !reserveBody(chunk.readableBytes) {
                reject(with: Self.bodiesBusy, context: context)
                return
            }
            body?.writeBuffer(&chunk)
            shared.connections.setReceiving(context.channel, bytes: body?.readableBytes ?? 0)
        case .end:
            guard !rejected, let requestHead = head else { return }
            cancelTimer()
            shared.connections.setWaiting(context.channel, false)
            let request = ServeRequest(
                method: requestHead.method.rawValue, target: requestHead.uri,
                headers: requestHead.headers.map { ($0.name, $0.value) },
                body: body.map { Array($0.readableBytesView) } ?? [],
                sourceIP: context.remoteAddress?.ipAddress ?? "127.0.0.1",
                httpVersion: "HTTP/\(requestHead.version.major).\(requestHead.version.minor)")
            head = nil
            body = nil
            let keepAlive = requestHead.isKeepAlive
            if context.channel.isWritable {
                answer(request, keepAlive: keepAlive, context: context)
            } else {
                // The client is not reading its earlier answers (pipelined requests): the next
                // one waits until they drain, so answers never pile up in memory.
                parked = { self.answer(request, keepAlive: keepAlive, context: context) }
                closeAfter(seconds: limits.idleTimeoutSeconds, context: context)
            }
        }
    }

    /// Runs `request` in its pool and writes the answer.
    private func answer(_ request: ServeRequest, keepAlive: Bool, context: ChannelHandlerContext) {
        let router = self.router
        let requestID = RequestID.next()
        let answer: EventLoopFuture<ServeResponse>
        if router.isImageWork(request) {
            guard
                let queued = shared.imagePool.submitRequest(on: context.eventLoop, { router.respond(to: request, requestID: requestID) })
            else {
                write(Self.busy, for: request, keepAlive: keepAlive, context: context)
                return
            }
            answer = queued
        } else {
            answer = shared.threadPool.runIfActive(eventLoop: context.eventLoop) {
                router.respond(to: request, requestID: requestID)
            }
        }
        answer.assumeIsolated().whenComplete { result in
            let response: ServeResponse
            switch result {
            case .success(let value): response = value
            case .failure(let error) where error is ImageWorkPool.Abandoned: response = Self.busy
            case .failure: response = .jsonMessage(500, "Internal Server Error")
            }
            self.write(response, for: request, keepAlive: keepAlive, context: context)
        }
    }

    /// Answers a parked request once the client has read enough of the earlier answers, and
    /// counts any draining as progress for the idle timer.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            if timer != nil { closeAfter(seconds: limits.idleTimeoutSeconds, context: context) }
            let waiting = parked
            parked = nil
            waiting?()
        }
        context.fireChannelWritabilityChanged()
    }

    /// Reserves `bytes` of the shared body budget for this request.
    private func reserveBody(_ bytes: Int) -> Bool {
        guard shared.bodies.reserve(bytes) else { return false }
        reserved += bytes
        return true
    }

    /// The answer when the bodies in memory would pass ``ServeLimits/bufferedBodyBytes``.
    static var bodiesBusy: ServeResponse { retryLater("Too many request bodies are being received") }

    /// The answer when the image queue is full (or the server stopped before the job began).
    static var busy: ServeResponse { retryLater("Too many images are being made") }

    /// `503` with `Retry-After` (RFC 9110 §10.2.3), as API Gateway answers a throttled route.
    private static func retryLater(_ reason: String) -> ServeResponse {
        var response = ServeResponse.jsonMessage(503, "\(reason); retry in \(retryAfterSeconds) seconds")
        response.headers.append(("retry-after", String(retryAfterSeconds)))
        return response
    }

    /// Answers 413 once the body passes the cap, then closes the connection (the rest of the
    /// body is not read), as a proxy would.
    private func reject(context: ChannelHandlerContext) {
        guard let requestHead = head else { return }
        let limit = limits.bodyLimit(forPath: requestHead.uri)
        reject(with: .jsonMessage(413, "Request body over the limit of \(limit) bytes"), context: context)
    }

    /// Answers `response` without reading the rest of the body, then closes the connection.
    private func reject(with response: ServeResponse, context: ChannelHandlerContext) {
        guard let requestHead = head, !rejected else { return }
        rejected = true
        body = nil
        let request = ServeRequest(
            method: requestHead.method.rawValue, target: requestHead.uri, headers: [], body: [],
            sourceIP: context.remoteAddress?.ipAddress ?? "127.0.0.1")
        write(response, for: request, keepAlive: false, context: context)
    }

    private func write(_ response: ServeResponse, for request: ServeRequest, keepAlive: Bool, context: ChannelHandlerContext) {
        releaseBody()
        var headers = HTTPHeaders()
        for (name, value) in response.headers where name != "content-length" && name != "connection" {
            headers.add(name: name, value: value)
        }
        headers.replaceOrAdd(name: "content-length", value: String(response.body.count))
        headers.replaceOrAdd(name: "connection", value: keepAlive ? "keep-alive" : "close")
        // Every answer, not only the page: a stored original or an error document must never be
        // sniffed into HTML by a browser (Fetch standard, "X-Content-Type-Options").
        headers.replaceOrAdd(name: "x-content-type-options", value: "nosniff")
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty, request.method != "HEAD" {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        // Logged before the last write, so the line exists by the time the client has the answer.
        log(
            AccessLog.line(
                request: request, status: response.status, bytes: response.body.count,
                milliseconds: HTTPTime.nowMilliseconds() - started))
        let closing = !keepAlive
        // Until the answer is flushed, a client that stops reading gets the idle timeout.
        closeAfter(seconds: limits.idleTimeoutSeconds, context: context)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if closing {
                context.close(promise: nil)
            } else if self.head == nil {
                self.shared.connections.setWaiting(context.channel, true)
                self.closeAfter(seconds: self.limits.idleTimeoutSeconds, context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
