import ThumbgenBasics

/// The bytes of request bodies all connections may hold in memory at once
/// (``ServeLimits/bufferedBodyBytes``). Each request reserves its declared `Content-Length` when
/// its head arrives (a chunked body: chunk by chunk) and gives it back once answered; a request
/// that does not fit is answered `503` at once, before its body is read, so many large
/// uploads in flight (each up to 100 MiB through a valid presigned URL) cannot exhaust memory.
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

    /// Gives back `bytes` reserved before.
    func release(_ bytes: Int) {
        lock.withLock { used = max(0, used - bytes) }
    }
}
