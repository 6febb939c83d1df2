import Foundation
import Testing
import ThumbgenTestSupport

/// `thumbgen resize` run as a process on real files, as a user runs it.
@Suite(.serialized) struct ResizeEndToEndTests {
    @Test func examplePhotoGivesThumbnailBesideIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let result = try BinaryRunner.run(["resize", "photo.jpg"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try folder.contents() == ["photo.jpg", "photo.thumb.jpg"])
        let dimensions = try #require(EncodedDimensions.of(folder.path("photo.thumb.jpg")))
        // 1136x852 scaled so the longest side is 256: 852 * 256 / 1136 = 191.99 -> 192.
        #expect(dimensions.format == "jpeg" && dimensions.width == 256 && dimensions.height == 192)
        #expect(!EncodedDimensions.hasAPP1(folder.path("photo.thumb.jpg")), "metadata must be stripped by default")
        #expect(result.stdout.contains("photo.jpg -> photo.thumb.jpg (256x192"))
    }

    @Test func pngWithAlphaStaysPNG() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path("out/t.png")
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("parrots-alpha.png").path, "--out-dir", folder.path("out"), "--size", "100"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let dimensions = try #require(EncodedDimensions.of(folder.path("out/parrots-alpha.png")))
        // 384x256 -> longest side 100: 256 * 100 / 384 = 66.67 -> 67.
        #expect(dimensions.format == "png" && dimensions.width == 100 && dimensions.height == 67)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func jsonLinesDescribeEachOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run([
            "resize", BinaryRunner.example("photo.jpg").path, "-o", folder.path("small.jpg"),
            "--width", "100", "--height", "100", "--fit", "cover", "--json",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["width"] as? Int == 100)
        #expect(object["height"] as? Int == 100)
        #expect(object["output"] as? String == folder.path("small.jpg"))
        let size = try FileManager.default.attributesOfItem(atPath: folder.path("small.jpg"))[.size] as? Int
        #expect(object["bytes"] as? Int == size)
        #expect(object["milliseconds"] is Int)
    }

    @Test func fillStretchesToTheBox() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run([
            "resize", BinaryRunner.example("photo.jpg").path, "-o", folder.path("f.png"),
            "--width", "50", "--height", "120", "--fit", "fill",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let dimensions = try #require(EncodedDimensions.of(folder.path("f.png")))
        #expect(dimensions.format == "png" && dimensions.width == 50 && dimensions.height == 120)
    }

    @Test func badInputsFailCleanlyAndLeaveNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.path("empty.jpg"), contents: Data())
        FileManager.default.createFile(atPath: folder.path("notes.jpg"), contents: Data("<html>hello</html>".utf8))
        let photo = try Data(contentsOf: BinaryRunner.example("photo.jpg"))
        FileManager.default.createFile(atPath: folder.path("truncated.jpg"), contents: photo.prefix(photo.count / 3))
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "good.jpg")
        let result = try BinaryRunner.run(["resize", "empty.jpg", "notes.jpg", "truncated.jpg", "good.jpg", "--jobs", "2"], in: folder.url)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("thumbgen: ") }
        #expect(errors.count == 3, "stderr: \(result.stderr)")
        for name in ["empty.jpg", "notes.jpg", "truncated.jpg"] {
            #expect(errors.contains { $0.hasPrefix("thumbgen: \(name): ") }, "no one-line error naming \(name): \(result.stderr)")
        }
        #expect(result.stderr.contains("4 files: 1 done, 3 failed"))
        // Only the good file got a thumbnail; no temporary files are left behind.
        #expect(try folder.contents() == ["empty.jpg", "good.jpg", "good.thumb.jpg", "notes.jpg", "truncated.jpg"])
    }

    @Test func neverOverwritesTheOriginal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try folder.copy(BinaryRunner.example("parrots-alpha.png"), as: "p.png")
        let before = try Data(contentsOf: URL(fileURLWithPath: original))
        let viaOutput = try BinaryRunner.run(["resize", "p.png", "-o", "p.png"], in: folder.url)
        #expect(viaOutput.status == 1)
        #expect(viaOutput.stderr.contains("refusing to overwrite"))
        let viaOutDir = try BinaryRunner.run(["resize", "p.png", "--out-dir", "."], in: folder.url)
        #expect(viaOutDir.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == before)
        #expect(try folder.contents() == ["p.png"])
    }

    @Test func foldersAndRecursion() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in/sub"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/a.jpg")
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/sub/b.JPG")
        FileManager.default.createFile(atPath: folder.path("in/readme.txt"), contents: Data("x".utf8))
        let flat = try BinaryRunner.run(["resize", "in", "--out-dir", "flat", "--size", "64", "--quiet"], in: folder.url)
        #expect(flat.status == 0, "stderr: \(flat.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("flat")) == ["a.jpg"])
        let deep = try BinaryRunner.run(["resize", "in", "-r", "--out-dir", "deep", "--size", "64", "--json"], in: folder.url)
        #expect(deep.status == 0, "stderr: \(deep.stderr)")
        #expect(deep.stdout.split(separator: "\n").count == 2)
        #expect(EncodedDimensions.of(folder.path("deep/sub/b.jpg"))?.width == 64)
    }

    @Test func usageMistakesExitTwoNamingTheFlag() throws {
        let result = try BinaryRunner.run(["resize", "--qualty", "50", "x.jpg"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("thumbgen: unknown option '--qualty' for 'resize' (did you mean '--quality'?)"))
        let badNumber = try BinaryRunner.run(["resize", "--size", "big", "x.jpg"])
        #expect(badNumber.status == 2)
        #expect(badNumber.stderr.contains("--size: 'big' is not a whole number"))
        let noCommand = try BinaryRunner.run(["resise"])
        #expect(noCommand.status == 2)
        #expect(noCommand.stderr.contains("did you mean 'resize'?"))
    }

    @Test func helpIsTheSameEveryWay() throws {
        let long = try BinaryRunner.run(["resize", "--help"])
        let short = try BinaryRunner.run(["resize", "-h"])
        let word = try BinaryRunner.run(["help", "resize"])
        #expect(long.status == 0 && short.status == 0 && word.status == 0)
        #expect(long.stdout == short.stdout && long.stdout == word.stdout)
        #expect(long.stdout.hasPrefix("Usage: thumbgen resize [options] INPUT..."))
        let top = try BinaryRunner.run(["--help"])
        #expect(top.status == 0 && top.stdout.contains("resize"))
        let version = try BinaryRunner.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("thumbgen "))
    }

    // The cases below were found by a fresh-user trial of the built binary.

    @Test func symlinkLoopsAreWalkedOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in/sub"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/sub/a.jpg")
        try FileManager.default.createSymbolicLink(atPath: folder.path("in/sub/up"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.path("in/self"), withDestinationPath: ".")
        let result = try BinaryRunner.run(["resize", "-r", "in", "--out-dir", "out", "--size", "32", "--json"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1, "one image, walked once: \(result.stdout)")
    }

    @Test func fifoInAFolderIsNotAnInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/a.jpg")
        #expect(mkfifo(folder.path("in/fifo.jpg"), 0o644) == 0)
        let inFolder = try BinaryRunner.run(["resize", "in", "--out-dir", "out", "--size", "32", "--quiet"], in: folder.url)
        #expect(inFolder.status == 0, "a FIFO in a folder is not an input: \(inFolder.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == ["a.jpg"])
    }

    @Test func outputNameClashesAreDecidedInInputOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/x.jpeg")
        _ = try folder.copy(BinaryRunner.example("parrots-alpha.png"), as: "in/x.jpg")
        for _ in 0..<3 {
            let result = try BinaryRunner.run(["resize", "in", "--out-dir", "out", "--format", "jpeg", "--size", "64", "--json", "-j", "2"], in: folder.url)
            #expect(result.status == 1)
            // Sorted by name, x.jpeg comes first and owns out/x.jpg every time.
            #expect(result.stdout.contains(#""input":"in/x.jpeg""#) && result.stdout.contains(#""output":"out/x.jpg""#))
            #expect(
                result.stderr.contains(
                    "thumbgen: in/x.jpg: output out/x.* is already the thumbnail of in/x.jpeg "
                        + "(the default name '{name}.{ext}' in --out-dir); tell them apart with --name"))
            #expect(EncodedDimensions.of(folder.path("out/x.jpg"))?.height == 48, "photo.jpg is 4:3: 64x48")
        }
    }

    @Test func aMissingPathDoesNotStopTheBatchAndDuplicatesRunOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "good.jpg")
        let result = try BinaryRunner.run(["resize", "good.jpg", "missing.jpg", "./good.jpg", "--size", "32"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("thumbgen: missing.jpg: no such file or folder"))
        #expect(result.stderr.contains("2 files: 1 done, 1 failed"))
        #expect(try folder.contents() == ["good.jpg", "good.thumb.jpg"])
    }
}
