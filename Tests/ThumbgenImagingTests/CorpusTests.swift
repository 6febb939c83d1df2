import Foundation
import Testing

@testable import ThumbgenImaging

/// Tests over the shared corpus (`THUMBGEN_CORPUS`, see its MANIFEST.tsv); skipped when unset.
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct CorpusTests {
    /// PngSuite names encode the size: `sNN...` is NN × NN, the cd*n pHYs tests are 8 × 32,
    /// 32 × 8 and 8 × 8, everything else 32 × 32.
    static func pngSuiteSize(_ file: String) -> PixelSize {
        let special = [
            "cdfn2c08.png": PixelSize(width: 8, height: 32), "cdhn2c08.png": PixelSize(width: 32, height: 8),
            "cdsn2c08.png": PixelSize(width: 8, height: 8),
        ]
        if let size = special[file] { return size }
        if file.hasPrefix("s"), let side = Int(file.dropFirst().prefix(2)) { return PixelSize(width: side, height: side) }
        return PixelSize(width: 32, height: 32)
    }

    /// Rows of MANIFEST.tsv: file → (width, height) as stored.
    static func manifest() throws -> [String: PixelSize] {
        let text = String(decoding: try CodecTestImages.corpus("MANIFEST.tsv"), as: UTF8.self)
        var sizes: [String: PixelSize] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count > 5, let width = Int(fields[4]), let height = Int(fields[5]) {
                sizes[String(fields[0])] = PixelSize(width: width, height: height)
            }
        }
        return sizes
    }

    static let validPNGs = CodecTestImages.corpusFiles("pngsuite").filter { !$0.hasPrefix("x") && $0.hasSuffix(".png") }
    static let brokenPNGs = CodecTestImages.corpusFiles("pngsuite").filter { $0.hasPrefix("x") }
    static let jpegs = ["photos-jpeg", "large-jpeg", "special-jpeg", "exif-orientation"].flatMap { folder in
        CodecTestImages.corpusFiles(folder).filter { $0.hasSuffix(".jpg") }.map { "\(folder)/\($0)" }
    }

    @Test func corpusListsAreNotEmpty() {
        #expect(Self.validPNGs.count > 100)
        #expect(Self.brokenPNGs.count >= 10)
        #expect(Self.jpegs.count > 40)
    }

    @Test(arguments: validPNGs)
    func everyValidPngSuiteFileDecodes(file: String) throws {
        let image = try CodecTestImages.decodeStored(try CodecTestImages.corpus("pngsuite/" + file), name: file).pixels
        #expect(image.size == Self.pngSuiteSize(file))
    }

    @Test(arguments: validPNGs.filter { $0.hasPrefix("basn") })
    func interlacedTwinsHaveIdenticalPixels(file: String) throws {
        let twin = "basi" + file.dropFirst(4)
        guard Self.validPNGs.contains(twin) else { return }
        let plain = try CodecTestImages.decodeStored(try CodecTestImages.corpus("pngsuite/" + file)).pixels
        let interlaced = try CodecTestImages.decodeStored(try CodecTestImages.corpus("pngsuite/" + twin)).pixels
        #expect(plain == interlaced)
    }

    @Test func chunkSplitsDecodeToTheSamePixels() throws {
        // oi1/oi2/oi4/oi9: one picture with its IDAT split into 1, 2, 4 or many chunks.
        for stem in ["n0g16", "n2c16"] {
            let images = try ["oi1", "oi2", "oi4", "oi9"].map { prefix in
                try CodecTestImages.decodeStored(try CodecTestImages.corpus("pngsuite/\(prefix)\(stem).png")).pixels
            }
            #expect(images.allSatisfy { $0 == images[0] })
        }
    }

    @Test(arguments: brokenPNGs)
    func everyBrokenPngSuiteFileFailsCleanly(file: String) throws {
        let error = try #require(throws: ImageError.self) {
            try Thumbnailer.makeThumbnail(from: try CodecTestImages.corpus("pngsuite/" + file), name: file, options: ThumbnailOptions())
        }
        #expect(error.code == .corrupt || error.code == .unsupportedFormat)
        #expect(error.message.hasPrefix(file + ": "))
        #expect(!error.message.contains("\n"))
    }

    @Test(arguments: jpegs)
    func everyJPEGMakesAThumbnailOfThePlannedSize(file: String) throws {
        let data = try CodecTestImages.corpus(file)
        let header = try ImageDecoder.readHeader(data, name: file)
        #expect(header.storedSize == (try Self.manifest())[file])
        let options = ThumbnailOptions()
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: file, options: options)
        let plan = try ResizePlan.make(source: header.uprightSize, box: options.box, fit: options.fit, upscale: false)
        #expect(thumbnail.size == plan.output)
        #expect(thumbnail.sourceSize == header.uprightSize)
        #expect(try ImageDecoder.readHeader(thumbnail.data, name: "out").storedSize == plan.output)
    }

    @Test func hugeImageIsRejectedBeforeAllocation() throws {
        let data = try CodecTestImages.corpus("huge/giant_20000x14000_gray.jpg")
        let header = try ImageDecoder.readHeader(data, name: "giant.jpg")
        #expect(header.storedSize == PixelSize(width: 20000, height: 14000))
        let error = try #require(throws: ImageError.self) {
            try Thumbnailer.makeThumbnail(from: data, name: "giant.jpg", options: ThumbnailOptions())
        }
        #expect(error.code == .tooManyPixels)
        #expect(error.message == "giant.jpg: 20000x14000 is 280000000 pixels, more than the limit of 100000000")
    }

    @Test func hugeImageWithARaisedLimitShrinksOnLoad() throws {
        var options = ThumbnailOptions()
        options.maxPixels = 300_000_000
        let data = try CodecTestImages.corpus("huge/giant_20000x14000_gray.jpg")
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: "giant.jpg", options: options)
        #expect(thumbnail.sourceSize == PixelSize(width: 20000, height: 14000))
        // Decoded at 1/8 (2500 × 1750 gray, 4.4 MB) rather than 280 MB.
        let decoded = try ImageDecoder.decode(data, name: "giant.jpg", maxPixels: 300_000_000) { _ throws(ImageError) in 1 }
        #expect(decoded.pixels.size == PixelSize(width: 2500, height: 1750))
        #expect(decoded.pixels.layout == .gray)
    }

    /// 5760 × 3840 at 4:4:4: a whole decode keeps 127 MiB of coefficients; the thumbnail's 1/8
    /// decode keeps each block's DC and nonzero mask (10 MiB) and stops after the DC scans.
    @Test func progressive22MPThumbnailNeedsOnlyTheDCCoefficients() throws {
        let data = try CodecTestImages.corpus("special-jpeg/derived_progressive_22mp.jpg")
        var options = ThumbnailOptions()
        options.maxDecoderMemory = 16 * 1024 * 1024
        #expect(try Thumbnailer.makeThumbnail(from: data, name: "p.jpg", options: options).sourceSize.area == 5760 * 3840)
        let error = try #require(throws: ImageError.self) {
            try ImageDecoder.decode(data, name: "p.jpg", maxPixels: 30_000_000, maxDecoderMemory: 64 * 1024 * 1024) { _ throws(ImageError) in 8 }
        }
        #expect(error.code == .tooManyPixels)
    }

    @Test func cmykWithAndWithoutProfileArePlausibleRGB() throws {
        let naive = try CodecTestImages.decodeStored(try CodecTestImages.corpus("special-jpeg/cmyk_no_profile.jpg")).pixels
        let managed = try CodecTestImages.decodeStored(try CodecTestImages.corpus("special-jpeg/cmyk_swop_icc.jpg")).pixels
        #expect(naive.layout == .rgb && managed.layout == .rgb)
        #expect(naive.size == PixelSize(width: 500, height: 333))
        // Both files hold the same photo; the SWOP-managed and naive conversions agree roughly.
        let psnr = CodecTestImages.psnr(naive, managed)
        #expect(psnr > 15, "PSNR \(psnr) dB")
    }

    @Test(arguments: ["Landscape", "Portrait"], 2...8)
    func exifOrientationSetDecodesUpright(stem: String, value: Int) throws {
        let reference = try ImageDecoder.decodeUpright(try CodecTestImages.corpus("exif-orientation/\(stem)_1.jpg"), name: "1")
        let image = try ImageDecoder.decodeUpright(try CodecTestImages.corpus("exif-orientation/\(stem)_\(value).jpg"), name: "\(value)")
        #expect(image.size == reference.size)
        let difference = CodecTestImages.meanAbsoluteDifference(image, reference)
        // The set was re-encoded after rotating, so a few levels of JPEG noise remain; a wrong
        // orientation differs by tens of levels.
        #expect(difference < 5, "mean abs diff \(difference)")
        let mirrored = CodecTestImages.meanAbsoluteDifference(image.oriented(.upMirrored), reference)
        #expect(mirrored > difference * 4, "mirrored: \(mirrored)")
    }

    @Test(
        arguments: [
            "photos-jpeg/canon_a70.jpg", "photos-jpeg/canon_sx60_hdr_orient6.jpg", "photos-jpeg/issue242_progressive.jpg",
            "special-jpeg/adobergb_canon7d.jpg", "special-jpeg/cmyk_swop_icc.jpg", "special-jpeg/gray_concert.jpg",
            "png-photos/derived_rgba_stonehenge.png", "png-photos/vips_sample_rgb16.png",
        ],
        [FitMode.contain, .cover])
    func shrinkOnLoadThumbnailMatchesAFullResolutionReference(file: String, fit: FitMode) throws {
        let data = try CodecTestImages.corpus(file)
        var options = ThumbnailOptions()
        options.fit = fit
        options.quality = 95
        options.format = .png
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: file, options: options)
        let full = try ImageDecoder.decodeUpright(data, name: file)
        let plan = try ResizePlan.make(source: full.size, box: options.box, fit: fit, upscale: false)
        let reference = full.cropped(to: plan.sourceCrop).resampled(to: plan.output)
        let decoded = try CodecTestImages.decodeStored(thumbnail.data).pixels
        #expect(decoded.size == reference.size)
        // Compared on 4 × 4 block means: the two paths alias fine detail differently, but a wrong
        // crop, orientation, scale or colour conversion moves the low frequencies by far more.
        let psnr = CodecTestImages.psnr(CodecTestImages.blockAverage(decoded, 4), CodecTestImages.blockAverage(reference, 4))
        #expect(psnr > 32, "\(file) \(fit): \(psnr) dB")
    }

    @Test func photoThumbnailIsDeterministic() throws {
        let data = try CodecTestImages.corpus("large-jpeg/leica_t_16mp_orient8.jpg")
        let first = try Thumbnailer.makeThumbnail(from: data, name: "leica", options: ThumbnailOptions())
        let second = try Thumbnailer.makeThumbnail(from: data, name: "leica", options: ThumbnailOptions())
        #expect(first.data == second.data)
        #expect(first.sourceSize == PixelSize(width: 3264, height: 4928))
    }
}
