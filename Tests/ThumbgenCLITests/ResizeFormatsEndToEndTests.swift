import Foundation
import Testing
import ThumbgenImaging
import ThumbgenTestSupport

/// `thumbgen resize` with WebP and AVIF, run as a process: inputs found and decoded, outputs
/// chosen by --format or -o's extension, alpha kept.
@Suite(.serialized) struct ResizeFormatsEndToEndTests {
    func header(_ path: String) throws -> ImageHeader {
        try ImageDecoder.readHeader([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), name: path)
    }

    @Test func webpInputToAVIFOutputAndBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let webp = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", folder.path("photo.webp"), "--size", "400"])
        #expect(webp.status == 0, "stderr: \(webp.stderr)")
        #expect(try header(folder.path("photo.webp")).format == .webp)
        #expect(try header(folder.path("photo.webp")).storedSize == PixelSize(width: 400, height: 300))

        let avif = try BinaryRunner.run(["resize", "photo.webp", "--format", "avif"], in: folder.url)
        #expect(avif.status == 0, "stderr: \(avif.stderr)")
        #expect(avif.stdout.contains("photo.webp -> photo.thumb.avif (256x192"))
        let made = try header(folder.path("photo.thumb.avif"))
        #expect(made.format == .avif && made.storedSize == PixelSize(width: 256, height: 192) && !made.hasAlpha)
        // The AVIF thumbnail looks like the JPEG route's (same pixels before encoding).
        let fromAVIF = try ImageDecoder.decodeUpright([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path("photo.thumb.avif")))), name: "a")
        let jpeg = try BinaryRunner.run(["resize", "photo.webp", "-o", "direct.png"], in: folder.url)
        #expect(jpeg.status == 0)
        let direct = try ImageDecoder.decodeUpright([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path("direct.png")))), name: "p")
        #expect((ImageQuality.psnr(fromAVIF, direct) ?? 0) > 30)
    }

    @Test func folderBatchTakesWebPAndAVIFAndSkipsItsOwnOutputs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["a.webp", "b.avif"] {
            let made = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", folder.path("in/" + name), "--size", "300"])
            #expect(made.status == 0, "stderr: \(made.stderr)")
        }
        let batch = try BinaryRunner.run(["resize", "in", "--format", "webp", "--size", "64"], in: folder.url)
        #expect(batch.status == 0, "stderr: \(batch.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("in")).sorted() == ["a.thumb.webp", "a.webp", "b.avif", "b.thumb.webp"])
        let again = try BinaryRunner.run(["resize", "in", "--format", "webp", "--size", "64", "--quiet"], in: folder.url)
        #expect(again.status == 0, "a second run must not take a.thumb.webp as an input: \(again.stderr)")
    }

    @Test(arguments: ["webp", "avif"])
    func alphaIsKept(format: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("parrots-alpha.png").path, "-o", folder.path("t." + format), "--size", "96"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let made = try header(folder.path("t." + format))
        #expect(made.format.rawValue == format && made.hasAlpha && made.storedSize == PixelSize(width: 96, height: 64))
        let pixels = try ImageDecoder.decodeUpright([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path("t." + format)))), name: "t")
        let alphas = stride(from: 3, to: pixels.pixels.count, by: 4).map { pixels.pixels[$0] }
        #expect(alphas.contains { $0 < 128 } && alphas.contains { $0 > 250 }, "parrots-alpha has clear and opaque parts")
    }

    @Test func unknownOutputExtensionNamesTheNewOnes() throws {
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", "/tmp/x.gif"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("name it .avif, .jpeg, .jpg, .png, .webp, or add --format"))
    }
}
