import ThumbgenService

/// Request-body caps of the local server.
struct ServeLimits: Sendable {
    /// Largest body of a request to the function, bytes. Default 10 MiB, API Gateway HTTP
    /// APIs' payload limit ("Quotas for HTTP APIs", API Gateway Developer Guide); the event
    /// it becomes must also fit Lambda's 6 MB synchronous payload (see ``ServeRouter``).
    var functionBodyBytes = 10 * 1024 * 1024
    /// Largest body of a `PUT` to a local presigned URL, bytes. Default 100 MiB, the upload
    /// page's own limit.
    var uploadBodyBytes = 100 * 1024 * 1024

    /// The cap for a request to `uri` (path and query).
    func bodyLimit(forPath uri: String) -> Int {
        uri.hasPrefix(LocalPresigner.pathPrefix) ? uploadBodyBytes : functionBodyBytes
    }
}
