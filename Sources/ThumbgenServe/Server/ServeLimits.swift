import ThumbgenService

#if canImport(Glibc)
import Glibc
#endif

/// Request-body caps, timeouts and the connection bound of the local server.
///
/// Defaults follow what reverse proxies ship with: nginx's `client_header_timeout` (60 s),
/// `keepalive_timeout` (75 s) and `worker_connections` (512); Envoy's `max_connections`
/// (unbounded by default) and `idle_timeout` (1 h) show how far apart they can be. A local
/// server with a public page in mind takes the careful end: a request head must arrive within
/// 10 s, a keep-alive connection may idle 60 s, and 512 connections are open at most (fewer
/// when the process may open fewer files).
struct ServeLimits: Sendable {
    /// Largest body of a request to the function, bytes. Default 10 MiB, API Gateway HTTP
    /// APIs' payload limit ("Quotas for HTTP APIs", API Gateway Developer Guide); the event
    /// it becomes must also fit Lambda's 6 MB synchronous payload (see ``ServeRouter``).
    var functionBodyBytes = 10 * 1024 * 1024
    /// Largest body of a `PUT` to a local presigned URL, bytes. Default 100 MiB, the upload
    /// page's own limit.
    var uploadBodyBytes = 100 * 1024 * 1024
    /// Bytes of request bodies held in memory at once, all connections together (see
    /// ``BodyBudget``). Default 512 MiB: five of the largest uploads (100 MiB) at once.
    var bufferedBodyBytes = 512 * 1024 * 1024
    /// Seconds a connection may take to send a whole request head (request line and header
    /// fields), counted from its opening; then it is closed unanswered (a "slowloris" client
    /// never finishes its head). Default 10.
    var headerTimeoutSeconds = 10
    /// Seconds a keep-alive connection may wait between an answer and the next request head;
    /// then it is closed. Default 60.
    var idleTimeoutSeconds = 60
    /// Most connections open at once. At the bound a new connection replaces the oldest one
    /// still waiting for its request head (or idle between requests); when every connection is
    /// busy with a request, the new one is closed at once. Default 512, lowered to the
    /// process's open-file limit less 64 (``fileLimitedConnections(_:)``).
    var maxConnections = 512

    /// Files kept free under `RLIMIT_NOFILE` for the store, libraries and the listener, so
    /// accepting a connection never fails with `EMFILE`.
    static let reservedFiles = 64

    /// `requested`, lowered so that connections plus ``reservedFiles`` fit the process's
    /// soft open-file limit (`getrlimit(RLIMIT_NOFILE)`), at least 1.
    static func fileLimitedConnections(_ requested: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return requested }
        return max(1, min(requested, Int(limit.rlim_cur) - reservedFiles))
    }

    /// The cap for a request to `uri` (path and query).
    func bodyLimit(forPath uri: String) -> Int {
        uri.hasPrefix(LocalPresigner.pathPrefix) ? uploadBodyBytes : functionBodyBytes
    }
}
