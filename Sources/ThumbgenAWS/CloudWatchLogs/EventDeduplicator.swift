/// Remembers which events were already shown, over a bounded window of time and count, so
/// overlapping polls print each event once, including events that share a millisecond.
///
/// An event is identified by its stream and `eventId`, or without an id by its stream,
/// timestamp and message (``FilteredLogEvent/identity``); an event without a timestamp counts
/// as at the newest timestamp seen. Ids
/// are kept while their timestamp is within ``windowMilliseconds`` of the newest timestamp
/// seen, and at most ``capacity`` of them (the first admitted go first). Ids leave in the
/// order they were admitted, so each `admit` costs O(1) amortised; an id admitted late with an
/// older timestamp may be kept a little longer than the window, never shorter.
package struct EventDeduplicator: Sendable {
    /// How far behind the newest timestamp ids are kept, in milliseconds.
    package let windowMilliseconds: Int64
    /// The most ids kept.
    package let capacity: Int
    /// The newest event timestamp seen, in milliseconds since the epoch; nil before the first event.
    public private(set) var newestTimestamp: Int64?
    private var seen: Set<String> = []
    /// Admitted ids in admission order; entries before `head` have been forgotten.
    private var queue: [(key: String, timestamp: Int64)] = []
    private var head = 0

    /// Creates an empty deduplicator.
    ///
    /// - Parameters:
    ///   - windowMilliseconds: The time window, in milliseconds (at least 0).
    ///   - capacity: The most ids kept (at least 1).
    package init(windowMilliseconds: Int64, capacity: Int = 100_000) {
        self.windowMilliseconds = max(0, windowMilliseconds)
        self.capacity = max(1, capacity)
    }

    /// The number of ids currently remembered.
    package var count: Int { seen.count }

    /// Records `event` and says whether it is new.
    ///
    /// - Parameter event: An event from a page.
    /// - Returns: True the first time the event is offered (within the window), false for a repeat.
    package mutating func admit(_ event: FilteredLogEvent) -> Bool {
        let key = event.identity
        guard seen.insert(key).inserted else { return false }
        let timestamp = event.timestamp ?? newestTimestamp ?? 0
        queue.append((key, timestamp))
        newestTimestamp = max(newestTimestamp ?? timestamp, timestamp)
        forget()
        return true
    }

    /// Drops ids from the front of the queue while they are older than the window or beyond ``capacity``.
    private mutating func forget() {
        let (difference, overflow) = (newestTimestamp ?? .min).subtractingReportingOverflow(windowMilliseconds)
        let floor = overflow ? Int64.min : difference
        while head < queue.count, queue[head].timestamp < floor || seen.count > capacity {
            seen.remove(queue[head].key)
            head += 1
        }
        if head > 1024, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
