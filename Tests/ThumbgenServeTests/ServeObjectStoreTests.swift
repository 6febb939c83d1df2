import Foundation
import Testing
import ThumbgenBasics
import ThumbgenService

@testable import ThumbgenServe

/// The folder storage of `thumbgen serve`: atomic writes, exact round trips, keys that stay
/// inside, the originals bucket's notification, and local presigned URLs.
@Suite struct ServeObjectStoreTests {
    static let presigner = LocalPresigner(secret: "0123456789abcdef0123456789abcdef", baseURL: "http://127.0.0.1:8080/")

    private func withStore(_ body: (ServeObjectStore, URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try ServeObjectStore(
            root: root.path, buckets: ["originals", "thumbnails"], notifyingBucket: "originals",
            presigner: Self.presigner)
        try body(store, root)
    }

    private func files(under root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { !["originals", "thumbnails"].contains($0) }.sorted()
    }

    @Test(arguments: ["a.jpg", "photos/My Cat+1 (2).jpg", "ü/ñ=~#%.png", "deep/er/still/x.jpg"])
    func roundTripLeavesNoTemporaryFiles(key: String) throws {
        try withStore { store, root in
            let bytes = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try store.put(bucket: "thumbnails", key: key, bytes: bytes, contentType: "image/jpeg", cacheControl: nil)
            #expect(try store.get(bucket: "thumbnails", key: key) == bytes)
            #expect(try store.exists(bucket: "thumbnails", key: key))
            let inOriginals = try store.exists(bucket: "originals", key: key)
            #expect(!inOriginals)
            #expect(!files(under: root).contains { $0.contains(FileIO.temporaryMarker) })
            #expect(FileManager.default.fileExists(atPath: root.path + "/thumbnails/" + key))
        }
    }

    @Test func onlyTheOriginalsBucketNotifies() throws {
        try withStore { store, _ in
            let created = Box()
            var hooked = store
            hooked.onObjectCreated = { key, size in created.add("\(key) \(size)") }
            try hooked.put(bucket: "originals", key: "k.jpg", bytes: [1, 2, 3], contentType: "image/jpeg", cacheControl: nil)
            try hooked.put(bucket: "originals", key: "k.jpg", bytes: [4, 5], contentType: "image/jpeg", cacheControl: nil)
            try hooked.put(bucket: "thumbnails", key: "k.jpg", bytes: [6], contentType: "image/jpeg", cacheControl: nil)
            #expect(try store.get(bucket: "originals", key: "k.jpg") == [4, 5])
            #expect(created.values == ["k.jpg 3", "k.jpg 2"])
        }
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "a\u{0}b", "..", "."])
    func invalidKeysAreRefused(key: String) throws {
        try withStore { store, root in
            #expect { try store.put(bucket: "originals", key: key, bytes: [1], contentType: "image/jpeg", cacheControl: nil) } throws: {
                ($0 as? ServiceError)?.code == .badRequest
            }
            #expect(throws: ServiceError.self) { try store.presignedURL(method: "PUT", bucket: "originals", key: key, expires: 60) }
            let exists = try store.exists(bucket: "originals", key: key)
            #expect(!exists)
            #expect(files(under: root).isEmpty)
        }
    }

    @Test func unknownBucketAndMissingObjectAreNotFound() throws {
        try withStore { store, _ in
            #expect { try store.get(bucket: "originals", key: "nope.jpg") } throws: { ($0 as? ServiceError)?.code == .notFound }
            #expect { try store.put(bucket: "elsewhere", key: "a.jpg", bytes: [1], contentType: "image/jpeg", cacheControl: nil) } throws: {
                ($0 as? ServiceError)?.code == .notFound
            }
        }
    }

    @Test func presignedURLsVerifyOnlyUnchangedAndUnexpired() throws {
        let url = Self.presigner.url(method: "PUT", bucket: "originals", key: "a b/c+d.jpg", expires: 2000)
        #expect(url.hasPrefix("http://127.0.0.1:8080/_local/originals/a%20b/c%2Bd.jpg?expires=2000&signature="))
        let signature = String(url.suffix(64))
        #expect(signature.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // HMAC-SHA256 keyed by the secret's bytes, computed independently by Python's hmac module:
        // hmac.new(b"0123456789abcdef0123456789abcdef", b"PUT\noriginals\na b/c+d.jpg\n2000", hashlib.sha256).hexdigest()
        #expect(signature == "f5bf61f2ce772ebd03ed2dce13e2a9df282f4ff253993150635135d9112e7262")
        #expect(
            Self.presigner.refusal(
                method: "PUT", bucket: "originals", key: "a b/c+d.jpg", expires: "2000",
                signature: signature, now: 1999) == nil)
        let refusals: [(String, String, String, String, Int64)] = [
            ("GET", "originals", "a b/c+d.jpg", "2000", 1999), ("PUT", "originals", "a b/c+d.jpeg", "2000", 1999),
            ("PUT", "thumbnails", "a b/c+d.jpg", "2000", 1999), ("PUT", "originals", "a b/c+d.jpg", "2001", 1999),
            ("PUT", "originals", "a b/c+d.jpg", "2000", 2001), ("PUT", "originals", "a b/c+d.jpg", "x", 1),
        ]
        for (method, bucket, key, expires, now) in refusals {
            #expect(Self.presigner.refusal(method: method, bucket: bucket, key: key, expires: expires, signature: signature, now: now) != nil)
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
