import Foundation
import Testing
import ThumbgenAWS
import ThumbgenDeploy
import ThumbgenImaging
import ThumbgenService
import ThumbgenTestSupport

@testable import ThumbgenCLI

/// The pieces `upload` and `fetch` share, in process: durations, bucket resolution order,
/// thumbnail key formats and names, and the byte progress bar.
@Suite struct UploadSupportTests {
    @Test(arguments: [("90", 90_000), ("90s", 90_000), ("500ms", 500), ("5m", 300_000), ("1H", 3_600_000), ("7d", 604_800_000), ("0", 0)])
    func durations(text: String, milliseconds: Int) {
        #expect(DurationArgument.milliseconds(text) == milliseconds)
    }

    @Test(arguments: ["", "s", "ms", "-5s", "1.5h", "5 m", "1w", "99999999999999999999d"])
    func notDurations(text: String) {
        #expect(DurationArgument.milliseconds(text) == nil)
    }

    @Test func durationsAreDescribedInTheLargestExactUnit() {
        #expect([3_600_000, 90_000, 1500, 0, 86_400_000].map(DurationArgument.describe) == ["1h", "90s", "1500ms", "0ms", "1d"])
    }

    @Test func bucketsFlagThenEnvironmentThenStack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outputs = StackOutputs(
            originalsBucket: "stack-in", thumbnailsBucket: "stack-out", apiURL: "https://x/",
            functionName: "thumbgen", logGroupName: "/aws/lambda/thumbgen", region: "eu-west-3")
        try outputs.save(to: folder.path("sub/.thumbgen/stack.json"))
        try FileManager.default.createDirectory(atPath: folder.path("sub/deeper"), withIntermediateDirectories: true)
        var arguments = ParsedArguments(command: "upload")
        var environment: [String: String] = [:]
        func resolver() -> BucketResolver {
            BucketResolver(arguments, environment: environment, currentDirectory: folder.path("sub/deeper"))
        }
        // The stack file is found in a parent folder.
        #expect(resolver().bucket(.originals) == "stack-in")
        #expect(resolver().bucket(.thumbnails) == "stack-out")
        #expect(resolver().stackRegion == "eu-west-3")
        environment["THUMBGEN_ORIGINALS_BUCKET"] = "env-in"
        #expect(resolver().bucket(.originals) == "env-in")
        #expect(resolver().bucket(.thumbnails) == "stack-out")
        arguments.values["bucket"] = ["flag-in"]
        #expect(try resolver().require(.originals) == "flag-in")
    }

    @Test func noBucketErrorNamesEveryPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder.path("bad.json")))
        let missing = BucketResolver(ParsedArguments(command: "fetch"), environment: [:], currentDirectory: folder.url.path)
        #expect(
            throws: UsageError(
                .missingArgument,
                "no thumbnails bucket: looked in --thumbnails-bucket, THUMBGEN_THUMBNAILS_BUCKET and "
                    + "\(folder.url.path)/.thumbgen/stack.json (no such file or folder; run 'thumbgen deploy' or pass --stack FILE)", command: "fetch")
        ) {
            try missing.require(.thumbnails)
        }
        let invalid = BucketResolver(
            ParsedArguments(command: "fetch"), environment: ["THUMBGEN_STACK": folder.path("bad.json")],
            currentDirectory: folder.url.path)
        #expect(
            throws: UsageError(
                .missingArgument,
                "no originals bucket: looked in --bucket, THUMBGEN_ORIGINALS_BUCKET and "
                    + "\(folder.path("bad.json")) (\(folder.path("bad.json")): not a thumbgen stack file)", command: "fetch")
        ) {
            try invalid.require(.originals)
        }
    }

    @Test func thumbnailFormatFollowsTheFunctionsAutoRule() throws {
        let photo = BinaryRunner.example("photo.jpg").path, parrots = BinaryRunner.example("parrots-alpha.png").path
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let opaqueRGBA = fixtures.appendingPathComponent("opaque-rgba.png").path
        let translucent = fixtures.appendingPathComponent("one-translucent-pixel.png").path
        func format(_ requested: OutputFormat, _ input: ImageFormat, _ path: String) throws -> ThumbnailKeyFormat {
            ThumbnailTargets.format(requested: requested, input: input, head: Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4096)), path: path)
        }
        #expect(try format(.auto, .jpeg, photo) == .jpeg)
        #expect(try format(.auto, .png, parrots) == .png)
        // The header says RGBA for both; only the pixels tell them apart, as in the function.
        #expect(try format(.auto, .png, opaqueRGBA) == .jpeg)
        #expect(try format(.auto, .png, translucent) == .png)
        for path in [opaqueRGBA, translucent, parrots] {
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let made = try Thumbnailer.makeThumbnail(from: data, name: path, options: ThumbnailOptions()).format
            #expect((made == .png ? ThumbnailKeyFormat.png : .jpeg) == (try format(.auto, .png, path)), "\(path)")
        }
        #expect(try format(.png, .jpeg, photo) == .png)
        #expect(try format(.jpeg, .png, parrots) == .jpeg)
        #expect(ThumbnailTargets.candidateFormats(.auto) == [.jpeg, .png])
    }

    /// WebP/AVIF originals and outputs follow the same rule and key scheme as the function's.
    @Test func webpAndAVIFFollowTheSameKeyScheme() throws {
        let alpha = Array(try Data(contentsOf: BinaryRunner.example("parrots-alpha.png")))
        let jpeg = Array(try Data(contentsOf: BinaryRunner.example("photo.jpg")))
        var options = ThumbnailOptions()
        options.format = .webp
        let alphaWebP = try Thumbnailer.makeThumbnail(from: alpha, name: "a", options: options).data
        let opaqueWebP = try Thumbnailer.makeThumbnail(from: jpeg, name: "p", options: options).data
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alphaPath = folder.appendingPathComponent("a.webp").path, opaquePath = folder.appendingPathComponent("o.webp").path
        try Data(alphaWebP).write(to: URL(fileURLWithPath: alphaPath))
        try Data(opaqueWebP).write(to: URL(fileURLWithPath: opaquePath))
        #expect(ThumbnailTargets.format(requested: .auto, input: .webp, head: alphaWebP, path: alphaPath) == .png)
        #expect(ThumbnailTargets.format(requested: .auto, input: .webp, head: opaqueWebP, path: opaquePath) == .jpeg)
        #expect(ThumbnailTargets.format(requested: .avif, input: .webp, head: alphaWebP, path: alphaPath) == .avif)
        #expect(ThumbnailTargets.format(requested: .webp, input: .jpeg, head: jpeg, path: BinaryRunner.example("photo.jpg").path) == .webp)
        #expect(ThumbnailTargets.candidateFormats(.webp) == [.webp])
        #expect(ThumbnailTargets.candidateFormats(.avif) == [.avif])
        #expect(ThumbnailKey.thumbnailKey(originalKey: "photos/cat.webp", size: 256, format: .avif) == "thumbnails/256/photos/cat.webp.avif")
        #expect(ThumbnailKey.parse("thumbnails/256/photos/cat.jpg.webp")?.format == .webp)
    }

    /// `upload` predicts every key the function writes, for each format of
    /// `--format auto,jpeg,webp,avif` (`THUMBGEN_FORMATS`), also for WebP and AVIF originals with
    /// transparency larger than the 1 MiB head it reads first (whose headers libwebp and libavif
    /// read only from the whole file): the keys are compared with the function's own
    /// (`ThumbnailMaker`, the code the Lambda runs).
    @Test(arguments: [ImageFormat.webp, .avif])
    func keysOfLargeTranslucentOriginalsAreTheFunctionsKeys(input: ImageFormat) throws {
        // Noise does not compress: 1024 × 1024 RGBA at quality 100 is several MiB.
        var pixels = PixelBuffer(size: PixelSize(width: 1024, height: 1024), layout: .rgba)
        var state: UInt32 = 12345
        for index in pixels.pixels.indices {
            state = state &* 1_664_525 &+ 1_013_904_223 // Numerical Recipes' LCG: repeatable noise
            pixels.pixels[index] = index % 4 == 3 ? UInt8(128 + index % 100) : UInt8(truncatingIfNeeded: state >> 24)
        }
        var options = ThumbnailOptions()
        options.quality = 100
        let original = try ImageEncoder.encode(pixels, as: input, options: options, name: "noise")
        try #require(original.count > UploadItem.headBytes, "the original must be larger than the head upload reads (\(original.count) bytes)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("noise.\(input.fileExtension)")
        try Data(original).write(to: URL(fileURLWithPath: path))

        for formats in [[OutputFormat.auto], [.auto, .png, .webp, .avif], [.jpeg, .webp, .avif]] {
            let arguments = try UploadCommand().parser.parse(["--sizes", "32,64", "--format", formats.map(\.rawValue).joined(separator: ","), path])
            let item = try UploadItem.inspect(path, index: 0, settings: try UploadSettings(arguments))
            let configuration = try ServiceConfiguration(originalsBucket: "o", thumbnailsBucket: "t", sizes: [32, 64], formats: formats)
            let made = try ThumbnailMaker(configuration: configuration).make(from: original, originalKey: item.key, subject: path)
            #expect(item.thumbnails.map(\.key) == made.map(\.key), "\(formats)")
            #expect(item.thumbnails.map(\.size) == made.map(\.size), "\(formats)")
        }
    }

    /// After `deploy --formats jpeg,webp,avif`, `upload` predicts the three keys with no flag;
    /// a flag given still wins.
    @Test func stackFormatsAndSizesAreTheDefaults() throws {
        let stack = StackOutputs(
            originalsBucket: "o", thumbnailsBucket: "t", apiURL: "https://x/", functionName: "f", logGroupName: "g", region: "r",
            thumbnailFormats: "jpeg,webp,avif", thumbnailSizes: "128,256")
        func settings(_ flags: [String], _ stack: StackOutputs?) throws -> UploadSettings {
            let arguments = try UploadCommand().parser.parse(flags + ["a.jpg"])
            var settings = try UploadSettings(arguments)
            settings.adopt(stack, arguments: arguments)
            return settings
        }
        #expect(try settings([], stack).formats == [.jpeg, .webp, .avif])
        #expect(try settings([], stack).sizes == [128, 256])
        #expect(try settings(["--format", "png", "--sizes", "64"], stack).formats == [.png])
        #expect(try settings(["--format", "png", "--sizes", "64"], stack).sizes == [64])
        #expect(try settings([], nil).formats == [.auto])
        var broken = stack
        broken.thumbnailFormats = "gif"
        #expect(try settings([], broken).formats == [.auto])
    }

    @Test func formatListIsReadAsTheFunctionReadsThumbgenFormats() throws {
        func formats(_ text: String) throws -> [OutputFormat] {
            let arguments = try UploadCommand().parser.parse(["--format", text, "a.jpg"])
            return try UploadSettings(arguments).formats
        }
        #expect(try formats("jpeg,webp,avif") == [.jpeg, .webp, .avif])
        #expect(try formats("JPEG, webp,webp") == [.jpeg, .webp])
        #expect(try formats("auto") == [.auto])
        #expect(throws: UsageError.self) { try formats("jpeg,gif") }
        #expect(throws: UsageError.self) { try formats("jpeg,,webp") }
    }

    @Test func localNames() {
        #expect(
            ThumbnailTargets.localPath(
                name: "photos/My Cat.jpg", size: 256, multipleSizes: false, fileExtension: "jpg",
                folder: ".", outDirectory: nil) == "My Cat.thumb.jpg")
        #expect(
            ThumbnailTargets.localPath(
                name: "a/b.png", size: 128, multipleSizes: true, fileExtension: "png",
                folder: "a", outDirectory: nil) == "a/b-128.thumb.png")
        #expect(
            ThumbnailTargets.localPath(
                name: "dir/", size: 256, multipleSizes: false, fileExtension: "jpg",
                folder: ".", outDirectory: "out") == "out/dir.jpg")
        #expect(
            ThumbnailTargets.localPath(
                name: "..", size: 256, multipleSizes: false, fileExtension: "jpg",
                folder: ".", outDirectory: "out") == "out/thumbnail.jpg")
    }

    @Test func progressBarCountsBytesAndFiles() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        let console = Console(output: descriptors[1], error: descriptors[1])
        let bar = TransferProgress(totalBytes: 200_000_000, totalFiles: 2, console: console)
        bar.update(file: 0, bytes: 50_000_000)
        bar.finish(file: 1, bytes: 100_000_000)
        bar.close()
        close(descriptors[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(descriptors[0], &buffer, buffer.count), count > 0 { bytes += buffer.prefix(count) }
        close(descriptors[0])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\r[#######-----------------------] 50.0 MB / 200.0 MB  0/2 files"))
        #expect(text.contains("\r[######################--------] 150.0 MB / 200.0 MB  1/2 files"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
        #expect(TransferProgress.isWorthShowing(files: 1, bytes: 7_999_999) == false)
        #expect(TransferProgress.isWorthShowing(files: 1, bytes: 8_000_000))
        #expect(TransferProgress.isWorthShowing(files: 2, bytes: 10))
    }
}
