import ThumbgenBasics

/// The keys of originals whose `ObjectCreated` event waits in the image pool, so that a key
/// stored again before its event has begun is not queued a second time: the waiting event
/// reads the object when it runs, so it already makes the thumbnails of the newest bytes.
///
/// Without it, one presigned URL (valid 15 minutes, free from `POST /uploads`) replayed 200
/// times with a 3.9 KB lossless WebP declaring 100 megapixels queued 200 full decodes in 3 s,
/// and every `POST /thumbnails` got `503` until they were done. With it a key has at most one
/// event waiting and one running.
final class WaitingEventKeys: @unchecked Sendable {
    private let lock = Lock()
    private var keys: Set<String> = []

    init() {}

    /// Marks `key` as waiting; false when it already was (the new event is not needed).
    func insert(_ key: String) -> Bool {
        lock.withLock { keys.insert(key).inserted }
    }

    /// Marks `key`'s event as begun: a later put of the key queues a new one.
    func begin(_ key: String) {
        lock.withLock { _ = keys.remove(key) }
    }
}
