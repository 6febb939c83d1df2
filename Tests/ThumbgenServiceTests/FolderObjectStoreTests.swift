import Dispatch
import Foundation
import Testing
import ThumbgenService

@Suite struct FolderObjectStoreTests {
    /// Threads of one process writing the same key at once each get their own temporary file:
    /// every put succeeds, the object is one whole write, and no temporary file is left. (With a
    /// temporary name made from the process id only, writers overwrote each other's temporary
    /// file and the later rename failed.)
    @Test func concurrentPutsOfOneKeyAllSucceedAndLeaveOneWholeObject() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FolderObjectStore(root: folder.path)
        let writers = 8, rounds = 40
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let bytes = [UInt8](repeating: UInt8(writer), count: 64 << 10)
            for _ in 0..<rounds {
                do { try store.put(bucket: "b", key: "same.jpg", bytes: bytes, contentType: "image/jpeg", cacheControl: nil) } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        let stored = try store.get(bucket: "b", key: "same.jpg")
        #expect(stored.count == 64 << 10)
        #expect(Set(stored).count == 1, "one writer's bytes, whole")
        #expect(folder.files() == ["b/same.jpg"])
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
