import Dispatch
import NIOCore
import NIOPosix
import ThumbgenBasics

/// The one pool every image job of `thumbgen serve` runs in: `POST /thumbnails` requests and
/// the simulated S3 `ObjectCreated` events alike, at most ``workers`` at a time (default: the
/// number of cores), so peak memory is bounded by `workers` decodes under `--max-pixels`
/// whatever arrives.
///
/// Requests wait in a bounded queue (``queueLimit`` beyond the running ones); when it is full
/// a request is refused at once (the server answers `503` with `Retry-After`). Events are never
/// refused: they wait their turn (an event is a key, its bytes are already on disk), and they
/// count against the queue, so a backlog of events turns new requests away too. Everything
/// else the server answers (the page, storage URLs, `GET /thumbnails/{key}`) runs elsewhere
/// and never waits behind an image.
final class ImageWorkPool: @unchecked Sendable {
    /// Jobs running at once.
    let workers: Int
    /// Requests that may wait beyond the running jobs.
    let queueLimit: Int
    private let threads: NIOThreadPool
    private let lock = Lock()
    private var admitted = 0
    private var stopping = false

    /// The error a request's future fails with when the server stopped before its job began.
    struct Abandoned: Error {}

    /// Starts `workers` threads.
    ///
    /// - Parameters:
    ///   - workers: Image jobs at once, at least 1.
    ///   - queueLimit: Requests waiting beyond them, at least 0.
    init(workers: Int, queueLimit: Int) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
        threads = NIOThreadPool(numberOfThreads: self.workers)
        threads.start()
    }

    /// Runs `job` for a request, or returns nil at once when ``workers`` jobs run and
    /// ``queueLimit`` wait already (or the server is stopping).
    ///
    /// - Returns: The job's result on `eventLoop`; it fails with ``Abandoned`` when the server
    ///   stopped before the job began.
    func submitRequest<T: Sendable>(on eventLoop: any EventLoop, _ job: @escaping @Sendable () -> T) -> EventLoopFuture<T>? {
        let accepted = lock.withLock {
            guard !stopping, admitted < workers + queueLimit else { return false }
            admitted += 1
            return true
        }
        guard accepted else { return nil }
        let promise = eventLoop.makePromise(of: T.self)
        threads.submit { state in
            defer { self.finished() }
            guard state == .active, !self.isStopping else { return promise.fail(Abandoned()) }
            promise.succeed(job())
        }
        return promise.futureResult
    }

    /// Queues `job` for an event; it always waits its turn. `job` gets `false` instead of
    /// running the work when the server stopped first (the event is abandoned).
    func submitEvent(_ job: @escaping @Sendable (_ run: Bool) -> Void) {
        lock.withLock { admitted += 1 }
        threads.submit { state in
            defer { self.finished() }
            job(state == .active && !self.isStopping)
        }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func finished() { lock.withLock { admitted -= 1 } }

    /// Stops taking jobs: waiting ones are abandoned, running ones may finish within
    /// `seconds`; returns when they did or the time is up (a job still running then is left
    /// to the process's exit).
    ///
    /// - Parameter seconds: The longest wait, seconds.
    /// - Returns: Whether every running job finished in time.
    @discardableResult
    func stop(waitingAtMost seconds: Int) -> Bool {
        lock.withLock { stopping = true }
        let done = DispatchSemaphore(value: 0)
        threads.shutdownGracefully { _ in done.signal() }
        return done.wait(timeout: .now() + .seconds(seconds)) == .success
    }
}
