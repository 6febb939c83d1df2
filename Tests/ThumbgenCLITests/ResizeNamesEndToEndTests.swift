import Foundation
import Testing
import ThumbgenTestSupport

/// `thumbgen resize` names, sizes, re-runs and the options people bring from vips and
/// ImageMagick (issue 15), run as a user runs the binary.
@Suite(.serialized) struct ResizeNamesEndToEndTests {
    @Test func nameTemplateResolvesClashes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path("b"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "a/p.jpg")
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "b/p.jpg")
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        _ = try folder.copy(BinaryRunner.example("parrots-alpha.png"), as: "photo.png")

        let clash = try BinaryRunner.run(["resize", "a/p.jpg", "b/p.jpg", "--out-dir", "out", "--size", "32"], in: folder.url)
        #expect(clash.status == 1)
        #expect(
            clash.stderr.contains(
                "thumbgen: b/p.jpg: output out/p.* is already the thumbnail of a/p.jpg (the default name '{name}.{ext}' in --out-dir); tell them apart with --name"),
            "stderr: \(clash.stderr)")
        let byFolder = try BinaryRunner.run(["resize", "a/p.jpg", "b/p.jpg", "--out-dir", "out", "--size", "32", "--name", "{dir}/{name}.{ext}"], in: folder.url)
        #expect(byFolder.status == 0, "stderr: \(byFolder.stderr)")
        #expect(EncodedDimensions.of(folder.path("out/a/p.jpg"))?.width == 32 && EncodedDimensions.of(folder.path("out/b/p.jpg"))?.width == 32)

        let sameStem = try BinaryRunner.run(["resize", "photo.jpg", "photo.png", "--size", "40", "--name", "{name}_{inext}_{width}x{height}.{ext}"], in: folder.url)
        #expect(sameStem.status == 0, "stderr: \(sameStem.stderr)")
        #expect(EncodedDimensions.of(folder.path("photo_jpg_40x30.jpg"))?.format == "jpeg")
        #expect(EncodedDimensions.of(folder.path("photo_png_40x27.png"))?.format == "png")

        let unknown = try BinaryRunner.run(["resize", "photo.jpg", "--name", "{nmae}.{ext}"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.hasPrefix(
                "thumbgen: --name: unknown placeholder {nmae} in '{nmae}.{ext}'; use {name} {ext} {size} {width} {height} {dir} {inext} (did you mean '{name}'?)"))
    }

    @Test func severalSizesInOneRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let beside = try BinaryRunner.run(["resize", "photo.jpg", "--size", "32,64"], in: folder.url)
        #expect(beside.status == 0, "stderr: \(beside.stderr)")
        #expect(EncodedDimensions.of(folder.path("photo-32.thumb.jpg"))?.width == 32)
        #expect(EncodedDimensions.of(folder.path("photo-64.thumb.jpg"))?.width == 64)
        let templated = try BinaryRunner.run(["resize", "photo.jpg", "--size", "128,256x100", "--out-dir", "t", "--name", "{size}/{name}.{ext}"], in: folder.url)
        #expect(templated.status == 0, "stderr: \(templated.stderr)")
        #expect(EncodedDimensions.of(folder.path("t/128/photo.jpg")).map { [$0.width, $0.height] } == [128, 96])
        #expect(EncodedDimensions.of(folder.path("t/256x100/photo.jpg")).map { [$0.width, $0.height] } == [133, 100])
        let noSize = try BinaryRunner.run(["resize", "photo.jpg", "--size", "32,64", "--name", "{name}.{ext}"], in: folder.url)
        #expect(noSize.status == 2)
        #expect(noSize.stderr.hasPrefix("thumbgen: --name: '{name}.{ext}' needs {size} (or {width}/{height}) when --size lists several sizes"))
    }

    @Test func skipExistingKeepsNewerOutputsAndCountsThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in"), withIntermediateDirectories: true)
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/a.jpg")
        _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/b.jpg")
        _ = try folder.copy(BinaryRunner.example("parrots-alpha.png"), as: "in/c.png")
        let first = try BinaryRunner.run(["resize", "in", "--out-dir", "out", "--size", "32", "--skip-existing"], in: folder.url)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("3 files: 3 done, 0 failed, 0 skipped;"), "stderr: \(first.stderr)")
        // b.jpg changes after its thumbnail was made: only it is redone.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: folder.path("in/b.jpg"))
        let second = try BinaryRunner.run(["resize", "in", "--out-dir", "out", "--size", "32", "--skip-existing"], in: folder.url)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(
            second.stdout.hasPrefix("in/b.jpg -> out/b.jpg (32x24, ") && second.stdout.split(separator: "\n").count == 1,
            "stdout: \(second.stdout)")
        #expect(second.stderr.contains("3 files: 1 done, 0 failed, 2 skipped;"), "stderr: \(second.stderr)")
    }

    @Test(arguments: [
        (["--size", "100x100"], [100, 75]),
        (["--size", "100x100>"], [100, 75]),
        (["--size", "x30"], [40, 30]),
        (["--size", "50x50^"], [50, 50]),
        (["--size", "50x20!"], [50, 20]),
    ])
    func geometryAsVipsAndImageMagickWriteIt(arguments: [String], expected: [Int]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", "g.png"] + arguments, in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(EncodedDimensions.of(folder.path("g.png")).map { [$0.width, $0.height] } == expected)
    }

    @Test func backgroundTakesShortHexAndNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for color in ["#F00", "red", "#ff0000"] {
            let result = try BinaryRunner.run(
                ["resize", BinaryRunner.example("parrots-alpha.png").path, "-o", "bg.jpg", "--background", color, "--size", "16"],
                in: folder.url)
            #expect(result.status == 0, "\(color): \(result.stderr)")
        }
        let bad = try BinaryRunner.run(["resize", BinaryRunner.example("parrots-alpha.png").path, "-o", "bg.jpg", "--background", "whte"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--background: 'whte' is not #RGB, #RRGGBB or a colour name") && bad.stderr.contains("(did you mean 'white'?)"))
    }

    @Test func unknownOptionsGetSuggestionsAndPointers() throws {
        let cases: [([String], String)] = [
            (["--versoin"], "thumbgen: unknown option '--versoin' (did you mean '--version'?)"),
            (["resize", "--versoin"], "thumbgen: unknown option '--versoin' for 'resize' (did you mean 'thumbgen --version'?)"),
            (["resize", "--strip", "x.jpg"], "thumbgen: '--strip' is not a thumbgen option: metadata is stripped by default (--keep-metadata keeps it)"),
            (["resize", "-strip", "x.jpg"], "thumbgen: '-strip' is not a thumbgen option: metadata is stripped by default (--keep-metadata keeps it)"),
            (["resize", "--crop", "x.jpg"], "thumbgen: '--crop' is not a thumbgen option: use --fit cover (fills the box and centre-crops)"),
            (["resize", "-resize", "50%", "x.jpg"], "thumbgen: '-resize' is not a thumbgen option: use --size N or --size WxH"),
            (["resize", "-quality", "80", "x.jpg"], "thumbgen: unknown option '-quality' for 'resize' (did you mean '--quality'?)"),
        ]
        for (arguments, first) in cases {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").first.map(String.init) == first, "\(arguments): \(result.stderr)")
        }
    }
}
