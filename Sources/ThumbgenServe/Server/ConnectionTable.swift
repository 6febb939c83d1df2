import NIOCore
import ThumbgenBasics

/// The open connections of the local server and the bound on their number
/// (``ServeLimits/maxConnections``).
///
/// A connection is *waiting* from its opening until its request head has arrived, and again
/// between an answer and the next head of a keep-alive connection; otherwise it is busy (its
/// request is being read or answered). At the bound, a new connection replaces the connection
/// that has been waiting longest, so idle or never-finished ("slowloris") connections can never
/// keep a real client out; when none is waiting, the new connection is refused (closed at once,
/// never queued).
final class ConnectionTable: @unchecked Sendable {
    /// What happens to a connection that just opened.
    enum Admission {
        /// It may stay; the connection that had waited longest, if any, must be closed.
        case admitted(evicting: (any Channel)?)
        /// Every connection is busy: close this one.
        case refused
    }

    private struct Entry {
        let channel: any Channel
        /// The order in which it started waiting (smaller waited longer), nil while busy.
        var waitingSince: UInt64?
    }

    private let lock = Lock()
    private let limit: Int
    private var entries: [ObjectIdentifier: Entry] = [:]
    private var clock: UInt64 = 0

    /// - Parameter limit: Most connections open at once, at least 1.
    init(limit: Int) { self.limit = max(1, limit) }

    /// Registers `channel`, just opened (waiting for its first request head).
    func open(_ channel: any Channel) -> Admission {
        lock.withLock {
            var evicted: (any Channel)?
            if entries.count >= limit {
                guard let oldest = entries.filter({ $0.value.waitingSince != nil }).min(by: { $0.value.waitingSince! < $1.value.waitingSince! })
                else { return .refused }
                evicted = oldest.value.channel
                entries[oldest.key] = nil
            }
            clock += 1
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, waitingSince: clock)
            return .admitted(evicting: evicted)
        }
    }

    /// Marks `channel` as waiting for a request head (`true`) or busy with a request (`false`).
    func setWaiting(_ channel: any Channel, _ waiting: Bool) {
        lock.withLock {
            let id = ObjectIdentifier(channel)
            guard entries[id] != nil else { return }
            if waiting {
                clock += 1
                entries[id]?.waitingSince = clock
            } else {
                entries[id]?.waitingSince = nil
            }
        }
    }

    /// Forgets `channel` (closed).
    func close(_ channel: any Channel) {
        lock.withLock { entries[ObjectIdentifier(channel)] = nil }
    }
}
