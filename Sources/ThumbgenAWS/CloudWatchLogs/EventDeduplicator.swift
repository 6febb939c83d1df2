/// Remembers which events were already shown, over a bounded window of time and count, so
/// overlapping polls print each event once, including events that share a millisecond.
///
/// An event is identified by its stream and `eventId` (``FilteredLogEvent/identity``). Ids
/// are kept while their timestamp is within ``windowMilliseconds`` of the newest timestamp
/// seen, and at most ``capacity`` of them (the oldest go first).
public struct EventDeduplicator: Sendable {
    /// How far behind the newest timestamp ids are kept, in milliseconds.
    public let windowMilliseconds: Int64
    /// The most ids kept.
    public let capacity: Int
    /// The newest event timestamp seen, in milliseconds since the epoch; nil before the first event.
    public private(set) var newestTimestamp: Int64?
    private var seen: [String: Int64] = [:]
    private var oldestKept: Int64 = .max

    /// Creates an empty deduplicator.
    ///
    /// - Parameters:
    ///   - windowMilliseconds: The time window, in milliseconds (at least 0).
    ///   - capacity: The most ids kept (at least 1).
    public init(windowMilliseconds: Int64, capacity: Int = 100_000) {
        self.windowMilliseconds = max(0, windowMilliseconds)
        self.capacity = max(1, capacity)
    }

    /// The number of ids currently remembered.
    public var count: Int { seen.count }

    /// Records `event` and says whether it is new.
    ///
    /// - Parameter event: An event from a page.
    /// - Returns: True the first time the event is offered, false for a repeat.
    public mutating func admit(_ event: FilteredLogEvent) -> Bool {
        let key = event.identity
        guard seen[key] == nil else { return false }
        seen[key] = event.timestamp
        oldestKept = min(oldestKept, event.timestamp)
        if event.timestamp > (newestTimestamp ?? .min) {
            newestTimestamp = event.timestamp
            prune()
        } else if seen.count > capacity {
            prune()
        }
        return true
    }

    /// Drops ids older than the window, then the oldest beyond ``capacity``.
    private mutating func prune() {
        guard let newest = newestTimestamp else { return }
        let floor = newest - windowMilliseconds
        var changed = false
        if oldestKept < floor {
            seen = seen.filter { $0.value >= floor }
            changed = true
        }
        if seen.count > capacity {
            let keep = seen.sorted { $0.value > $1.value }.prefix(capacity)
            seen = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            changed = true
        }
        if changed { oldestKept = seen.values.min() ?? .max }
    }
}
