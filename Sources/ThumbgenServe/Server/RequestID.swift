import ThumbgenBasics

/// Request ids for events: `local-` plus a process-wide counter.
enum RequestID {
    nonisolated(unsafe) private static var counter = 0
    private static let lock = Lock()

    /// The next id, e.g. `local-000042`.
    static func next() -> String {
        let value = lock.withLock {
            counter += 1; return counter
        }
        let digits = String(value)
        return "local-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
