import NIOCore
import NIOHTTP1
import NIOPosix
import ThumbgenBasics

/// The HTTP/1.1 server of `thumbgen serve`, on SwiftNIO (`NIOPosix` sockets, `NIOHTTP1`
/// parsing): one event-loop thread for I/O, a small thread pool for cheap routes, and the
/// bounded ``ImageWorkPool`` for image jobs (requests and S3 events alike).
///
/// The router is handed over after binding (``start(_:)``), because the presigned URLs it
/// makes must name the port actually bound (port 0 picks a free one).
final class LocalHTTPServer: @unchecked Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let threadPool: NIOThreadPool
    /// Where every image job runs (``ServeSession`` queues S3 events here too).
    let imagePool: ImageWorkPool
    private let slot = RouterSlot()
    private var channel: (any Channel)?
    /// The address actually bound, e.g. `127.0.0.1`.
    let host: String
    /// The port actually bound.
    private(set) var port = 0

    /// Binds `host:port` and starts accepting connections (requests wait for ``start(_:)``).
    ///
    /// - Parameters:
    ///   - host: The address to listen on, e.g. `127.0.0.1`.
    ///   - port: The TCP port; 0 picks a free one.
    ///   - limits: Request-body caps, timeouts, the connection bound.
    ///   - imageJobs: Image jobs at once, at least 1.
    ///   - imageQueue: Image requests that may wait beyond them.
    ///   - log: Receives one access-log line per request.
    /// - Throws: ``ServeError`` `.bindFailed` naming the address.
    init(
        host: String, port: Int, limits: ServeLimits, imageJobs: Int, imageQueue: Int,
        log: @escaping @Sendable (String) -> Void
    ) throws(ServeError) {
        self.host = host
        threadPool = NIOThreadPool(numberOfThreads: Self.cheapRouteThreads)
        threadPool.start()
        imagePool = ImageWorkPool(workers: imageJobs, queueLimit: imageQueue)
        let slot = self.slot
        let shared = ServeHTTPHandler.Shared(
            limits: limits, threadPool: threadPool, imagePool: imagePool,
            connections: ConnectionTable(limit: ServeLimits.fileLimitedConnections(limits.maxConnections)),
            bodies: BodyBudget(limit: limits.bufferedBodyBytes), log: log)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        ServeHTTPHandler(router: slot.router, shared: shared))
                }
            }
        do {
            let bound = try bootstrap.bind(host: host, port: port).wait()
            channel = bound
            self.port = bound.localAddress?.port ?? port
        } catch {
            shutdown()
            throw ServeError(.bindFailed, "cannot listen on \(host):\(port): \(Self.reason(error))")
        }
    }

    /// One plain line for a failed bind: the system's reason without NIO's function names,
    /// with the way out for a busy port.
    static func reason(_ error: any Error) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        switch io.errnoCode {
        case EADDRINUSE: return "the port is in use (--port 0 picks a free one)"
        case EACCES: return "permission denied (ports below 1024 need root; --port 0 picks a free one)"
        case EADDRNOTAVAIL: return "no such address on this machine"
        default: return String(cString: strerror(io.errnoCode)).lowercased()
        }
    }

    /// The base URL clients on this machine reach the server at, e.g. `http://127.0.0.1:8080`
    /// (a wildcard address is shown as the loopback one).
    var baseURL: String {
        let shown = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : host)
        return "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)"
    }

    /// Whether the server listens on every address (`0.0.0.0` or `::`), so clients may reach
    /// it under names this process cannot know.
    var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

    /// Hands requests to `router` from now on.
    func start(_ router: ServeRouter) { slot.router = router }

    /// Blocks until the listening socket is closed (by ``stop()``).
    func waitUntilStopped() {
        try? channel?.closeFuture.wait()
    }

    /// Stops accepting connections; ``waitUntilStopped()`` then returns. Safe from any thread.
    func stop() {
        channel?.close(promise: nil)
    }

    /// Threads answering cheap routes (page, storage URLs, presigning, redirects).
    static let cheapRouteThreads = 4

    /// Seconds image jobs already running get to finish when the server stops; jobs still
    /// waiting are abandoned at once (requests get `503`). Under the 10 s a service manager
    /// commonly allows between SIGTERM and SIGKILL (Docker's `stop` default).
    static let stopGraceSeconds = 7

    /// Lets image jobs already running finish (their answers are written) for up to
    /// ``stopGraceSeconds``, abandons the waiting ones, then closes every connection and stops
    /// the threads.
    func shutdown() {
        imagePool.stop(waitingAtMost: Self.stopGraceSeconds)
        try? threadPool.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }
}

/// Holds the router, set once after binding; read per connection.
final class RouterSlot: @unchecked Sendable {
    private let lock = Lock()
    private var value = ServeRouter(function: { _ in nil })

    var router: ServeRouter {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
