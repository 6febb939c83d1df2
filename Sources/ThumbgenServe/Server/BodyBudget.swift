import ThumbgenBasics

/// The bytes of request bodies all connections may hold in memory at once
/// (``ServeLimits/bufferedBodyBytes``). Each request reserves its body chunk by chunk as the
/// bytes arrive and gives them back once answered; a request whose declared `Content-Length`
/// does not fit in what is free when its head arrives is answered `503` at once, before its
/// body is read, and one whose next chunk does not fit gets `503` then, so many large uploads
/// in flight (each up to 100 MiB through a valid presigned URL) cannot exhaust memory. Bytes
/// are reserved only once received: reserving the declared length at the head let 52 heads
/// declaring 10 MiB, with no body ever sent, refuse every other upload.
final class BodyBudget: @unchecked Sendable {
    /// The bytes that may be reserved at once.
    let limit: Int
    private let lock = Lock()
    private var used = 0

    /// - Parameter limit: Bytes, at least 0.
    init(limit: Int) { self.limit = max(0, limit) }

    /// Reserves `bytes`, or returns false (reserving nothing) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        lock.withLock {
            guard bytes >= 0, used + bytes <= limit else { return false }
            used += bytes
            return true
        }
    }

    /// Whether `bytes` would fit now (reserving nothing).
    func fits(_ bytes: Int) -> Bool {
        lock.withLock { bytes >= 0 && used + bytes <= limit }
    }

    /// Gives back `bytes` reserved before.
    func release(_ bytes: Int) {
        lock.withLock { used = max(0, used - bytes) }
    }
}
