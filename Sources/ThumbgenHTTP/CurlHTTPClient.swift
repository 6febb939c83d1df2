import FoundationEssentials
import Synchronization

/// The HTTP transport over libcurl easy handles: HTTP/1.1, connections kept alive and
/// reused through a small pool of handles, bodies streamed from and to files, an explicit
/// CA bundle. Thread-safe: each `send` takes a handle from the pool for its duration.
package final class CurlHTTPClient: HTTPClient {
    /// The PEM CA bundle passed to libcurl (CURLOPT_CAINFO), or nil when none was found.
    package let caFile: String?
    /// Handles kept for reuse; at most this many idle handles are kept.
    package let maximumIdleHandles: Int
    private let pool = Mutex<[CurlEasyHandle]>([])

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - sslCertFile: The value of `SSL_CERT_FILE` from the caller's environment, if any;
    ///     the library never reads the environment itself.
    ///   - maximumIdleHandles: Idle handles (each with its live connections) to keep (default 8).
    ///   - fileExists: How to test for a file (injectable for tests).
    package init(
        sslCertFile: String? = nil, maximumIdleHandles: Int = 8,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) {
        self.caFile = Self.caBundle(sslCertFile: sslCertFile, fileExists: fileExists)
        self.maximumIdleHandles = maximumIdleHandles
    }

    /// The CA bundle to use: the first existing of `sslCertFile`,
    /// `/etc/ssl/certs/ca-certificates.crt` (Debian, Ubuntu, Alpine) and
    /// `/etc/pki/tls/certs/ca-bundle.crt` (Amazon Linux, the Lambda `provided.al2023` runtime).
    ///
    /// - Parameters:
    ///   - sslCertFile: An explicit bundle path, tried first.
    ///   - fileExists: How to test for a file.
    /// - Returns: The path, or nil when none exists.
    package static func caBundle(sslCertFile: String?, fileExists: (String) -> Bool) -> String? {
        let candidates = [sslCertFile, "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"]
        return candidates.compactMap { $0 }.first { !$0.isEmpty && fileExists($0) }
    }

    /// Performs `request` on a pooled libcurl handle.
    ///
    /// - Parameter request: The request.
    /// - Returns: The response, whatever its status.
    /// - Throws: ``HTTPError`` when no response arrives.
    package func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let idle = pool.withLock { $0.popLast() }
        let handle: CurlEasyHandle
        if let idle { handle = idle } else { handle = try CurlEasyHandle() }
        let response: HTTPResponse
        do {
            response = try handle.perform(request, caFile: caFile)
        } catch {
            recycle(handle)
            throw error
        }
        recycle(handle)
        return response
    }

    private func recycle(_ handle: CurlEasyHandle) {
        pool.withLock { idle in
            if idle.count < maximumIdleHandles { idle.append(handle) }
        }
    }
}
