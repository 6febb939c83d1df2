import Synchronization

/// User metadata of objects kept in folders, held in memory (a file has nowhere portable to
/// keep it: user extended attributes are missing on older tmpfs). Shared by every copy of the
/// store value that made it; bounded to ``capacity`` objects, the oldest forgotten first, so
/// a long-running `thumbgen serve` does not grow. An object whose metadata was forgotten reads
/// as having none, which at worst makes its thumbnails once more.
package final class MetadataMemory: Sendable {
    /// The most objects remembered.
    package let capacity: Int
    private let state = Mutex<(entries: [String: [String: String]], order: [String])>(([:], []))

    /// Creates an empty memory for at most `capacity` objects.
    package init(capacity: Int = 4096) { self.capacity = max(1, capacity) }

    /// The metadata of the object at `path`; setting an empty dictionary forgets it.
    package subscript(path: String) -> [String: String] {
        get { state.withLock { $0.entries[path] ?? [:] } }
        set {
            state.withLock { state in
                guard !newValue.isEmpty else {
                    state.entries[path] = nil
                    return
                }
                if state.entries.updateValue(newValue, forKey: path) == nil { state.order.append(path) }
                while state.entries.count > capacity, !state.order.isEmpty {
                    state.entries[state.order.removeFirst()] = nil
                }
                if state.order.count > 2 * capacity { state.order.removeAll { state.entries[$0] == nil } }
            }
        }
    }
}
