import Foundation
import Testing
@testable import ThumbgenService

/// The folder-backed bucket: atomic writes, exact round trips, keys that stay inside, and
/// local presigned URLs.
@Suite struct FolderObjectStoreTests {
    private func withStore(_ body: (FolderObjectStore, URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try body(try FolderObjectStore(root: root.path + "/originals", bucket: "originals"), root)
    }

    @Test(arguments: ["a.jpg", "photos/My Cat+1 (2).jpg", "ü/ñ=~#%.png", "deep/er/still/x.jpg"])
    func roundTripLeavesNoTemporaryFiles(key: String) throws {
        try withStore { store, root in
            let bytes = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try store.put(bytes, key: key)
            #expect(try store.get(key: key) == bytes)
            #expect(store.exists(key: key))
            let files = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
            #expect(!files.contains { $0.contains(".tmp-thumbgen") })
            #expect(FileManager.default.fileExists(atPath: root.path + "/originals/" + key))
        }
    }

    @Test func putReplacesAndReportsTheNewObject() throws {
        try withStore { store, _ in
            let created = Box()
            var hooked = store
            hooked.onObjectCreated = { key, size in created.add("\(key) \(size)") }
            try hooked.put([1, 2, 3], key: "k.jpg")
            try hooked.put([4, 5], key: "k.jpg")
            #expect(try store.get(key: "k.jpg") == [4, 5])
            #expect(created.values == ["k.jpg 3", "k.jpg 2"])
        }
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "a\u{0}b", "..", "."])
    func invalidKeysAreRefused(key: String) throws {
        try withStore { store, root in
            #expect(throws: StorageError.self) { try store.put([1], key: key) }
            #expect(!store.exists(key: key))
            #expect((FileManager.default.enumerator(atPath: root.path + "/originals")?.allObjects ?? []).isEmpty)
        }
    }

    @Test func missingObjectIsNotFound() throws {
        try withStore { store, _ in
            #expect { try store.get(key: "nope.jpg") } throws: { ($0 as? StorageError)?.code == .notFound }
        }
    }

    @Test func presignedURLsVerifyOnlyUnchangedAndUnexpired() throws {
        let presigner = LocalPresigner(secret: "0123456789abcdef0123456789abcdef", baseURL: "http://127.0.0.1:8080/")
        let url = presigner.url(method: "PUT", bucket: "originals", key: "a b/c+d.jpg", expires: 2000)
        #expect(url.hasPrefix("http://127.0.0.1:8080/_local/originals/a%20b/c%2Bd.jpg?expires=2000&signature="))
        let signature = String(url.suffix(64))
        #expect(signature.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        try presigner.verify(method: "PUT", bucket: "originals", key: "a b/c+d.jpg", expires: "2000", signature: signature, now: 1999)
        let refusals: [(String, String, String, Int64)] = [
            ("GET", "a b/c+d.jpg", "2000", 1999), ("PUT", "a b/c+d.jpeg", "2000", 1999),
            ("PUT", "a b/c+d.jpg", "2001", 1999), ("PUT", "a b/c+d.jpg", "2000", 2001),
        ]
        for (method, key, expires, now) in refusals {
            #expect { try presigner.verify(method: method, bucket: "originals", key: key, expires: expires, signature: signature, now: now) }
                throws: { ($0 as? StorageError)?.code == .badSignature }
        }
        let other = LocalPresigner(secret: "another secret, another process", baseURL: "http://127.0.0.1:8080")
        #expect(other.url(method: "PUT", bucket: "originals", key: "a b/c+d.jpg", expires: 2000) != url)
    }
}

final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
