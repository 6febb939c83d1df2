import Foundation
import Testing
import ThumbgenBasics

/// `FileIO.read` holds a file once: reading an image is the first allocation of every thumbnail,
/// and for a large baseline JPEG it can be the process's peak.
@Suite struct FileIOReadTests {
    @Test func fileIsReadWholeIntoOneBufferOfItsSize() throws {
        let size = 3 * 1024 * 1024 + 17
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fileio-read-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try FileIO.read(path)
        #expect(read == bytes)
        // The 64 KiB read that finds the end used to grow the buffer: Swift doubled it, copying
        // the whole file into a second allocation (capacity 6.3 MiB for this 3 MiB file).
        #expect(read.capacity <= size + 128 * 1024, "capacity \(read.capacity) for \(size) bytes")
    }
}
