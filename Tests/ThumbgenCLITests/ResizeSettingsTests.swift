import Testing
import ThumbgenImaging
@testable import ThumbgenCLI
import ThumbgenBasics

@Suite struct ResizeSettingsTests {
    func settings(_ arguments: [String]) throws -> ResizeSettings {
        try ResizeSettings(ResizeCommand().parser.parse(arguments + ["in.jpg"]), processorCount: 3)
    }

    @Test func defaults() throws {
        let value = try settings([])
        #expect(value.thumbnail.box == ThumbnailBox(width: 256, height: 256))
        #expect(value.thumbnail.fit == .contain)
        #expect(value.thumbnail.quality == 80)
        #expect(value.thumbnail.format == .auto)
        #expect(value.thumbnail.maxPixels == 100_000_000)
        #expect(value.thumbnail.background == .white)
        #expect(value.jobs == 3)
    }

    @Test func widthAndHeightMakeTheBox() throws {
        let value = try settings(["--width", "300", "--height=200", "--fit", "COVER"])
        #expect(value.thumbnail.box == ThumbnailBox(width: 300, height: 200))
        #expect(value.thumbnail.fit == .cover)
    }

    @Test func sizeConflictsWithWidth() {
        #expect(throws: UsageError.self) { try settings(["--size", "100", "--width", "50"]) }
    }

    @Test func outputExtensionDecidesAutoFormat() throws {
        #expect(try settings(["-o", "x.PNG"]).thumbnail.format == .png)
        #expect(try settings(["-o", "x.jpeg"]).thumbnail.format == .jpeg)
        #expect(try settings(["-o", "x.png", "--format", "jpeg"]).thumbnail.format == .jpeg)
    }

    /// Found by a fresh-user trial: these wrote JPEG bytes into odd names or failed late.
    @Test(arguments: [
        (["-o", "x.webp"], "-o/--output: cannot tell the format from 'x.webp'; name it .jpg, .jpeg or .png, or add --format"),
        (["-o", ""], "-o/--output: the file name is empty"),
        (["-o", "newdir/"], "-o/--output: 'newdir/' is a folder; use --out-dir for a folder"),
        (["--out-dir", ""], "--out-dir: the folder name is empty"),
        (["--size", "-5"], "--size: '-5' is not a whole number 1 to 65535"),
    ])
    func outputMistakesAreUsageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(.invalidValue, message, command: "resize")) { try settings(arguments) }
    }

    @Test func explicitFormatAllowsAnyOutputName() throws {
        #expect(try settings(["-o", "noext", "--format", "png"]).thumbnail.format == .png)
    }

    @Test func badFitSuggests() {
        #expect {
            try settings(["--fit", "covr"])
        } throws: { ($0 as? UsageError)?.suggestion == "cover" }
    }

    @Test(arguments: [("#FF8000", RGBColor(red: 255, green: 128, blue: 0)), ("black", RGBColor(red: 0, green: 0, blue: 0)),
                      ("0a0b0c", RGBColor(red: 10, green: 11, blue: 12))])
    func colors(text: String, expected: RGBColor) {
        #expect(ResizeSettings.parseColor(text) == expected)
    }

    @Test func badColor() {
        #expect(ResizeSettings.parseColor("#12") == nil)
        #expect(ResizeSettings.parseColor("purple") == nil)
    }
}

@Suite struct OutputNamerTests {
    @Test func defaultNameIsBesideInputAndNeverTheInput() {
        let input = InputFile(path: "photos/cat.jpg", relativePath: "cat.jpg")
        #expect(OutputNamer.outputPath(for: input, fileExtension: "jpg", output: nil, outDirectory: nil) == "photos/cat.thumb.jpg")
        let bare = InputFile(path: "cat.png", relativePath: "cat.png")
        #expect(OutputNamer.outputPath(for: bare, fileExtension: "png", output: nil, outDirectory: nil) == "cat.thumb.png")
    }

    @Test func outDirKeepsRelativeFolders() {
        let input = InputFile(path: "in/a/b.png", relativePath: "a/b.png")
        #expect(OutputNamer.outputPath(for: input, fileExtension: "jpg", output: nil, outDirectory: "out") == "out/a/b.jpg")
    }

    @Test func thumbnailsAreRecognised() {
        #expect(OutputNamer.isThumbnailName("cat.thumb.jpg"))
        #expect(OutputNamer.isThumbnailName("CAT.THUMB.PNG"))
        #expect(!OutputNamer.isThumbnailName("thumb.jpg"))
    }
}

@Suite struct PathTests {
    @Test func components() {
        #expect(Path.directory(of: "a/b/c.jpg") == "a/b")
        #expect(Path.directory(of: "c.jpg") == ".")
        #expect(Path.directory(of: "/c.jpg") == "/")
        #expect(Path.lastComponent(of: "a/b/") == "b")
        #expect(Path.stem(of: "x/c.tar.jpg") == "c.tar")
        #expect(Path.stem(of: ".hidden") == ".hidden")
        #expect(Path.fileExtension(of: "A.JPG") == "jpg")
        #expect(Path.join("a/", "b") == "a/b")
    }

    @Test func byteCounts() {
        #expect(ByteCount.format(512) == "512 B")
        #expect(ByteCount.format(1_500) == "1.5 KB")
        #expect(ByteCount.format(24_100_000) == "24.1 MB")
    }
}
