import NIOCore
import ThumbgenBasics

/// The open connections of the local server and the bound on their number
/// (``ServeLimits/maxConnections``).
///
/// A connection is *waiting* from its opening until its request head has arrived, and again
/// between an answer and the next head of a keep-alive connection; then *receiving* its
/// request body until the body has ended; otherwise it is *answering*. At the bound, a new
/// connection replaces the connection that has been waiting longest, so idle or never-finished
/// ("slowloris") connections can never keep a real client out; when none is waiting, it
/// replaces the one whose body arrives slowest (a body trickled a byte at a time held every
/// connection forever before, since each byte restarted the idle timer); when every connection
/// is answering, the new connection is refused (closed at once, never queued).
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
        /// While its body is being received: when the head arrived (milliseconds since the
        /// epoch) and the body bytes received since.
        var receiving: (sinceMilliseconds: Int64, bytes: Int)?

        /// Body bytes per second, counting ``ConnectionTable/bodyHeadStartBytes`` as received
        /// and at least one second as elapsed, so a body that has just begun never looks slower
        /// than one that has trickled for a minute.
        func bodyRate(now: Int64) -> Double? {
            guard let receiving else { return nil }
            let seconds = max(1, Double(now - receiving.sinceMilliseconds) / 1000)
            return Double(receiving.bytes + ConnectionTable.bodyHeadStartBytes) / seconds
        }
    }

    /// Body bytes a receiving connection is credited with when rates are compared (64 KiB,
    /// about what a client sends in its first round trip).
    static let bodyHeadStartBytes = 64 * 1024

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
                guard let victim = longestWaiting() ?? slowestBody(), let entry = entries[victim] else { return .refused }
                evicted = entry.channel
                entries[victim] = nil
            }
            clock += 1
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, waitingSince: clock)
            return .admitted(evicting: evicted)
        }
    }

    /// The connection that has waited longest for a request head, if any waits (under `lock`).
    private func longestWaiting() -> ObjectIdentifier? {
        entries.compactMap { entry in entry.value.waitingSince.map { (entry.key, $0) } }.min(by: { $0.1 < $1.1 })?.0
    }

    /// The connection whose request body arrives slowest, if any is receiving one (under `lock`).
    private func slowestBody() -> ObjectIdentifier? {
        let now = HTTPTime.nowMilliseconds()
        return entries.compactMap { entry in entry.value.bodyRate(now: now).map { (entry.key, $0) } }.min(by: { $0.1 < $1.1 })?.0
    }

    /// Marks `channel` as waiting for a request head (`true`) or busy with a request (`false`).
    func setWaiting(_ channel: any Channel, _ waiting: Bool) {
        lock.withLock {
            let id = ObjectIdentifier(channel)
            guard entries[id] != nil else { return }
            entries[id]?.receiving = nil
            if waiting {
                clock += 1
                entries[id]?.waitingSince = clock
            } else {
                entries[id]?.waitingSince = nil
            }
        }
    }

    /// Marks `channel` as receiving its request body, `bytes` of it so far (0 when its head
    /// has just arrived).
    func setReceiving(_ channel: any Channel, bytes: Int) {
        lock.withLock {
            let id = ObjectIdentifier(channel)
            guard entries[id] != nil else { return }
            entries[id]?.waitingSince = nil
            let since = entries[id]?.receiving?.sinceMilliseconds ?? HTTPTime.nowMilliseconds()
            entries[id]?.receiving = (since, bytes)
        }
    }

    /// Forgets `channel` (closed).
    func close(_ channel: any Channel) {
        lock.withLock { entries[ObjectIdentifier(channel)] = nil }
    }
}
