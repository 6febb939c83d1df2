import Testing
import ThumbgenBasics
import ThumbgenImaging

@testable import ThumbgenCLI

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
        #expect(try settings(["-o", "x.webp"]).thumbnail.format == .webp)
        #expect(try settings(["-o", "x.AVIF"]).thumbnail.format == .avif)
        #expect(try settings(["-o", "x.png", "--format", "auto"]).thumbnail.format == .png)
        #expect(try settings(["-o", "x.png", "--format", "png"]).thumbnail.format == .png)
        #expect(throws: UsageError(.conflictingOptions, "--format jpeg contradicts -o/--output 'x.png' (a .png name); drop one", command: "resize")) {
            try settings(["-o", "x.png", "--format", "jpeg"])
        }
    }

    /// Found by a fresh-user trial: these wrote JPEG bytes into odd names or failed late.
    @Test(arguments: [
        (["-o", "x.gif"], "-o/--output: cannot tell the format from 'x.gif'; name it .avif, .jpeg, .jpg, .png, .webp, or add --format"),
        (["-o", ""], "-o/--output: the file name is empty"),
        (["-o", "newdir/"], "-o/--output: 'newdir/' is a folder; use --out-dir for a folder"),
        (["--out-dir", ""], "--out-dir: the folder name is empty"),
        (["--out-dir", "/etc/passwd"], "--out-dir: '/etc/passwd' is a file, not a folder"),
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

    @Test(arguments: [
        ("#FF8000", RGBColor(red: 255, green: 128, blue: 0)), ("black", RGBColor(red: 0, green: 0, blue: 0)),
        ("0a0b0c", RGBColor(red: 10, green: 11, blue: 12)), ("#F80", RGBColor(red: 255, green: 136, blue: 0)),
        ("Gray", RGBColor(red: 128, green: 128, blue: 128)),
    ])
    func colors(text: String, expected: RGBColor) {
        #expect(ResizeSettings.parseColor(text) == expected)
    }

    @Test func badColor() {
        #expect(ResizeSettings.parseColor("#12") == nil)
        #expect(ResizeSettings.parseColor("purpel") == nil)
        #expect(ResizeSettings.parseColor("#GGG") == nil)
    }
}

@Suite struct OutputNamerTests {
    private func settings(_ arguments: [String]) throws -> ResizeSettings {
        try ResizeSettings(ResizeCommand().parser.parse(arguments + ["in.jpg"]), processorCount: 1)
    }

    @Test func defaultNameIsBesideInputAndNeverTheInput() throws {
        let input = InputFile(path: "photos/cat.jpg", relativePath: "cat.jpg")
        let target = OutputNamer.Target(fileExtension: "jpg", size: "256")
        #expect(OutputNamer.outputPath(for: input, target: target, settings: try settings([])) == "photos/cat.thumb.jpg")
        let bare = InputFile(path: "cat.png", relativePath: "cat.png")
        #expect(OutputNamer.outputPath(for: bare, target: .init(fileExtension: "png", size: "256"), settings: try settings([])) == "cat.thumb.png")
        #expect(OutputNamer.outputPath(for: input, target: target, settings: try settings(["--size", "64,256"])) == "photos/cat-256.thumb.jpg")
    }

    @Test func outDirKeepsRelativeFolders() throws {
        let input = InputFile(path: "in/a/b.png", relativePath: "a/b.png")
        #expect(OutputNamer.outputPath(for: input, target: .init(fileExtension: "jpg", size: "256"), settings: try settings(["--out-dir", "out"])) == "out/a/b.jpg")
    }

    @Test func templatesExpandEveryPlaceholder() throws {
        let input = InputFile(path: "in/a/b.png", relativePath: "a/b.png")
        let target = OutputNamer.Target(fileExtension: "jpg", size: "256x100", width: "256", height: "90")
        let named = try settings(["--name", "{dir}/{name}-{inext}_{size}_{width}x{height}.{ext}", "--out-dir", "out"])
        #expect(OutputNamer.outputPath(for: input, target: target, settings: named) == "out/in/a/b-png_256x100_256x90.jpg")
        let flat = try settings(["--name", "{dir}/{name}.{ext}"])
        #expect(OutputNamer.outputPath(for: InputFile(path: "p.jpg", relativePath: "p.jpg"), target: target, settings: flat) == "p.jpg")
        #expect(OutputNamer.outputPath(for: InputFile(path: "/abs/p.jpg", relativePath: "p.jpg"), target: target, settings: flat) == "/abs/p.jpg")
        #expect(OutputNamer.outputPath(for: InputFile(path: "-", relativePath: "stdin"), target: target, settings: flat) == "stdin.jpg")
        // Found by a fresh-user trial: `{dir}` of `../tree/a/p.jpg` led out of --out-dir.
        let outside = InputFile(path: "../tree/./a/p.jpg", relativePath: "p.jpg")
        #expect(OutputNamer.outputPath(for: outside, target: target, settings: named) == "out/tree/a/p-jpg_256x100_256x90.jpg")
        #expect(OutputNamer.outputPath(for: outside, target: target, settings: flat) == "../tree/./a/p.jpg")
    }

    @Test(arguments: [
        ("256", [256, 256], "256"), ("256x128", [256, 128], "256x128"), ("x64", [0, 64], "x64"), ("64x", [64, 0], "64x"),
        ("300x200>", [300, 200], "300x200"),
    ])
    func sizeEntries(text: String, box: [Int], label: String) throws {
        let spec = try SizeSpec.parse(text, command: "resize")
        #expect([spec.box.width ?? 0, spec.box.height ?? 0] == box && spec.label == label)
    }

    @Test(arguments: ["0", "x", "256x256<", "axb", "256x0", "70000", "12,", "1x2x3"])
    func badSizeEntries(text: String) {
        #expect(throws: UsageError.self) { try SizeSpec.parseList(text, command: "resize") }
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
