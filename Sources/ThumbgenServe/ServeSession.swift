import Dispatch
import ThumbgenBasics
import ThumbgenService

#if canImport(Glibc)
import Glibc
#endif

/// One running `thumbgen serve`: the bound server, the storage, and the function wired
/// together. Separate from the command so tests can run it in-process on a free port.
package final class ServeSession: Sendable {
    private let server: LocalHTTPServer
    /// e.g. `http://127.0.0.1:8080`.
    package let baseURL: String
    /// e.g. `folders under ./thumbgen-data` or `S3 buckets originals → thumbnails`.
    package let storageDescription: String
    /// The folder-backed buckets (nil with S3 storage).
    let store: ServeObjectStore?

    /// Bucket names of folder storage (also the folder names under `--data`).
    package static let originalsBucket = "originals", thumbnailsBucket = "thumbnails"

    /// Binds the server, prepares storage and the function, and starts answering requests.
    ///
    /// - Parameters:
    ///   - settings: The checked options.
    ///   - environment: The process environment (`THUMBGEN_*` function settings; AWS
    ///     configuration for S3 storage).
    ///   - log: Receives access-log lines and S3-event lines.
    /// - Throws: ``ServeError`` when the address cannot be bound, the data folder cannot be
    ///   made, or the function cannot be set up.
    package init(settings: ServeSettings, environment: [String: String], log: @escaping @Sendable (String) -> Void) throws(ServeError) {
        var limits = ServeLimits()
        limits.functionBodyBytes = settings.maxBodyBytes
        limits.headerTimeoutSeconds = settings.headerTimeoutSeconds
        limits.idleTimeoutSeconds = settings.idleTimeoutSeconds
        limits.maxConnections = settings.maxConnections
        server = try LocalHTTPServer(
            host: settings.host, port: settings.port, limits: limits, imageJobs: settings.imageJobs,
            imageQueue: settings.imageQueue, log: log)
        baseURL = server.baseURL
        let functionSlot = FunctionSlot()
        var router = ServeRouter(function: { functionSlot.function($0) })
        do throws(ServeError) {
            switch settings.storage {
            case .folders(let data):
                var store: ServeObjectStore
                do {
                    store = try ServeObjectStore(
                        root: data, buckets: [Self.originalsBucket, Self.thumbnailsBucket],
                        notifyingBucket: Self.originalsBucket,
                        presigner: LocalPresigner(
                            secret: Self.randomSecret(),
                            baseURL: server.isWildcard ? "" : baseURL))
                } catch {
                    throw ServeError(.storage, error.message)
                }
                // S3 → Lambda is an asynchronous invocation: run it off the request thread, in
                // the same bounded pool as every other image job (it waits its turn there).
                let bucket = Self.originalsBucket
                let pool = server.imagePool
                store.onObjectCreated = { key, size in
                    let queued = HTTPTime.nowMilliseconds()
                    pool.submitEvent { run in
                        let started = HTTPTime.nowMilliseconds()
                        let outcome: String
                        if run {
                            let event = S3EventNotification.objectCreated(bucket: bucket, key: key, size: size, nowMilliseconds: queued)
                            outcome = S3EventNotification.outcome(of: functionSlot.function(event))
                        } else {
                            outcome = "abandoned"
                        }
                        log(
                            "\(HTTPTime.iso8601(started / 1000)) s3-event ObjectCreated:Put \(bucket)/\(LogText.escaped(key)) \(size) \(outcome) \(HTTPTime.nowMilliseconds() - started)ms"
                        )
                    }
                }
                self.store = store
                router.store = store
                storageDescription = "folders under \(data)"
                functionSlot.function = try ServeFunction.make(storage: .folders(store), environment: environment, log: log)
            case .s3(let originals, let thumbnails, let endpointURL):
                store = nil
                storageDescription = "S3 buckets \(originals) → \(thumbnails)" + (endpointURL.map { " at \($0)" } ?? "")
                functionSlot.function = try ServeFunction.make(
                    storage: .s3(originals: originals, thumbnails: thumbnails, endpointURL: endpointURL),
                    environment: environment, log: log)
            }
        } catch {
            server.stop()
            server.shutdown()
            throw error
        }
        server.start(router)
    }

    /// Stops accepting connections (from any thread, e.g. a signal handler).
    package func stop() { server.stop() }

    /// Blocks until ``stop()``, then closes connections and stops the threads.
    package func waitUntilStopped() {
        server.waitUntilStopped()
        server.shutdown()
    }

    /// 32 random bytes as hex, from `SystemRandomNumberGenerator` (`getrandom(2)` on Linux):
    /// the key of this process's local presigned URLs.
    package static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}

/// The function, set once it is built (the originals bucket's hook needs it before).
final class FunctionSlot: @unchecked Sendable {
    private let lock = Lock()
    private var value: ServeRouter.Function = { _ in nil }

    var function: ServeRouter.Function {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
