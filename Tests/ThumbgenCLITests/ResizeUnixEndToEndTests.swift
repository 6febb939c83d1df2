import Foundation
import Testing
import ThumbgenTestSupport

/// `thumbgen resize` in pipelines and on special paths, run through `bash -c` as scripts run it
/// (found by a trial beside vipsthumbnail, ImageMagick and `aws s3 cp`: issue 15).
@Suite(.serialized) struct ResizeUnixEndToEndTests {
    private func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    private func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func fifoOutputIsWrittenNotReplaced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        #expect(mkfifo(folder.path("out.fifo"), 0o644) == 0)
        // The reader gives up after 20 s, so a thumbgen that renames over the FIFO cannot hang the test.
        let result = try BinaryRunner.shell(
            #"timeout -s KILL 20 cat out.fifo > got.jpg & "$THUMBGEN" resize photo.jpg -o out.fifo --format jpeg; status=$?; wait; exit $status"#,
            in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        var status = stat()
        #expect(lstat(folder.path("out.fifo"), &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        let dimensions = try #require(EncodedDimensions.of(folder.path("got.jpg")), "the reader got no JPEG")
        #expect(dimensions.format == "jpeg" && dimensions.width == 256 && dimensions.height == 192)
        #expect(try folder.contents() == ["got.jpg", "out.fifo", "photo.jpg"])
    }

    @Test func symlinkOutputWritesItsTargetAndKeepsTheLink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        try FileManager.default.createDirectory(atPath: folder.path("real"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.path("real/old.jpg"), contents: Data("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.jpg"), withDestinationPath: "real/old.jpg")
        try FileManager.default.createSymbolicLink(atPath: folder.path("dangling.jpg"), withDestinationPath: "real/new.jpg")
        for (link, target) in [("link.jpg", "real/old.jpg"), ("dangling.jpg", "real/new.jpg")] {
            let result = try BinaryRunner.run(["resize", "photo.jpg", "-o", link, "--size", "64"], in: folder.url)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path(link)) == target, "\(link) is no longer the link")
            #expect(EncodedDimensions.of(folder.path(target))?.width == 64, "\(target) did not get the thumbnail")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("real")).sorted() == ["new.jpg", "old.jpg"])
    }

    @Test func devNullAndDevStdoutAreWrittenNotReplaced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let null = try BinaryRunner.run(["resize", "photo.jpg", "-o", "/dev/null", "--format", "jpeg"], in: folder.url)
        #expect(null.status == 0, "stderr: \(null.stderr)")
        // A device has no extension to tell the format: JPEG, as for -o -.
        let noFormat = try BinaryRunner.run(["resize", "photo.jpg", "-o", "/dev/null"], in: folder.url)
        #expect(noFormat.status == 0, "stderr: \(noFormat.stderr)")
        #expect(fileType("/dev/null") == .typeCharacterSpecial)
        let piped = try BinaryRunner.shell(#""$THUMBGEN" resize photo.jpg -o /dev/stdout --format jpeg --size 100 | cat > piped.jpg"#, in: folder.url)
        #expect(piped.status == 0, "stderr: \(piped.stderr)")
        #expect(EncodedDimensions.of(folder.path("piped.jpg"))?.width == 100)
        #expect(fileType("/dev/stdout") == .typeSymbolicLink)
    }

    /// Found by a fresh-user trial: `-o /dev/stdout` got the "photo.jpg -> /dev/stdout" line
    /// written into the image (over its start when redirected to a file, after it in a pipe).
    @Test func devStdoutCarriesTheImageAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let result = try BinaryRunner.shell(
            """
            set -e
            "$THUMBGEN" resize photo.jpg -o /dev/stdout --size 100 > redirected.jpg
            "$THUMBGEN" resize photo.jpg -o /dev/fd/1 --size 100 | cat > piped.jpg
            """, in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for name in ["redirected.jpg", "piped.jpg"] {
            let data = bytes(folder.path(name))
            #expect(Array(data.prefix(2)) == [0xFF, 0xD8] && Array(data.suffix(2)) == [0xFF, 0xD9], "\(name) is not the JPEG alone")
            #expect(EncodedDimensions.of(folder.path(name))?.width == 100)
        }
        let json = try BinaryRunner.shell(#""$THUMBGEN" resize photo.jpg -o /dev/stdout --json > j.jpg"#, in: folder.url)
        #expect(json.status == 2)
        #expect(json.stderr.contains("--json and -o /dev/stdout both want standard output"), "\(json.stderr)")
    }

    /// Found by a fresh-user trial: `resize /dev/stdin` named its output `/dev/stdin.thumb.jpg`
    /// (a new file in /dev, as root); a kernel path's thumbnail goes in the current folder.
    @Test func devStdinInputIsNamedInTheCurrentFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let result = try BinaryRunner.shell(#""$THUMBGEN" resize /dev/stdin --size 64 < photo.jpg"#, in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("/dev/stdin -> stdin.thumb.jpg"), "\(result.stdout)")
        #expect(EncodedDimensions.of(folder.path("stdin.thumb.jpg"))?.width == 64)
        #expect(!FileManager.default.fileExists(atPath: "/dev/stdin.thumb.jpg"))
    }

    @Test func standardInputAndOutputArePipes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        _ = try folder.copy(BinaryRunner.example("parrots-alpha.png"), as: "p.png")
        let result = try BinaryRunner.shell(
            """
            set -e
            cat photo.jpg | "$THUMBGEN" resize - > filter.jpg
            cat photo.jpg | "$THUMBGEN" resize - -o - --size 100 > dash.jpg
            "$THUMBGEN" resize photo.jpg -o file.jpg --size 100 --quiet
            cat p.png | "$THUMBGEN" resize - -o - --format png > alpha.png
            cat photo.jpg | "$THUMBGEN" resize /dev/stdin -o devstdin.jpg --size 100 --quiet
            """, in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(EncodedDimensions.of(folder.path("filter.jpg")).map { [$0.width, $0.height] } == [256, 192])
        // Nothing but the thumbnail on stdout: the same bytes as the file output.
        #expect(!bytes(folder.path("dash.jpg")).isEmpty && bytes(folder.path("dash.jpg")) == bytes(folder.path("file.jpg")))
        #expect(bytes(folder.path("devstdin.jpg")) == bytes(folder.path("file.jpg")))
        #expect(EncodedDimensions.of(folder.path("alpha.png"))?.format == "png")
    }

    @Test func streamsKeepThePixelLimitAndNameTheFlag() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        // thumbgen stops reading once the header is refused, so cat may see a broken pipe: its
        // complaint is not thumbgen's output.
        let result = try BinaryRunner.shell(#"cat photo.jpg 2>/dev/null | "$THUMBGEN" resize - -o out.jpg --max-pixels 1000"#, in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "thumbgen: standard input: 1136x852 is 967872 pixels, more than the limit of 1000 (raise it with --max-pixels)\n")
        #expect(try folder.contents() == ["photo.jpg"])
    }

    @Test func namedFIFOInputIsReadAsAStream() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        #expect(mkfifo(folder.path("in.jpg"), 0o644) == 0)
        let result = try BinaryRunner.shell(
            #"timeout -s KILL 20 cat photo.jpg > in.jpg & "$THUMBGEN" resize in.jpg -o f.jpg --size 50; s=$?; wait; exit $s"#,
            in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(EncodedDimensions.of(folder.path("f.jpg"))?.width == 50)
    }

    @Test func outDirInsideTheInputTreeIsNeverWalked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("photos/sub"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photos/a.jpg")
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photos/sub/b.jpg")
        for run in 1...2 {
            let result = try BinaryRunner.run(["resize", "photos", "-r", "--out-dir", "photos/thumbs", "--size", "32", "--json"], in: folder.url)
            #expect(result.status == 0, "run \(run): \(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 2, "run \(run): \(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("photos/thumbs/thumbs")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("photos/thumbs")).sorted() == ["a.jpg", "sub"])
    }

    @Test func formatContradictingTheExtensionIsAUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "--format", "png", "-o", "x.jpg"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("thumbgen: --format png contradicts -o/--output 'x.jpg' (a .jpg name); drop one\n"))
        #expect(try folder.contents().isEmpty)
    }
}
