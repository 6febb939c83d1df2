import NIOCore

/// `thumbgen serve`'s options, checked.
package struct ServeSettings: Sendable, Equatable {
    /// Where storage lives.
    package enum Storage: Sendable, Equatable {
        /// Two folders under `data`: `originals/` and `thumbnails/`.
        case folders(data: String)
        /// Two real S3 buckets, optionally at a custom endpoint (SeaweedFS, MinIO, LocalStack).
        case s3(originals: String, thumbnails: String, endpointURL: String?)
    }

    /// Address to listen on. Default `127.0.0.1` (this machine only).
    package var host = "127.0.0.1"
    /// TCP port; 0 picks a free one. Default 8080.
    package var port = 8080
    package var storage = Storage.folders(data: "./thumbgen-data")
    /// Largest body of a request to the function, bytes.
    package var maxBodyBytes = ServeLimits().functionBodyBytes
    /// Image jobs (`POST /thumbnails` and S3 events) made at once. Default: the number of cores.
    package var imageJobs = System.coreCount
    /// `POST /thumbnails` requests that may wait beyond ``imageJobs``; more get `503`. Default:
    /// twice the number of cores.
    package var imageQueue = 2 * System.coreCount
    /// Seconds a connection has to send its request head. Default 10.
    package var headerTimeoutSeconds = ServeLimits().headerTimeoutSeconds
    /// Seconds a keep-alive connection may idle between requests. Default 60.
    package var idleTimeoutSeconds = ServeLimits().idleTimeoutSeconds
    /// Most connections open at once. Default 512 (fewer under a low open-file limit).
    package var maxConnections = ServeLimits().maxConnections

    /// The defaults: 127.0.0.1:8080, folders under `./thumbgen-data`.
    package init() {}
}
