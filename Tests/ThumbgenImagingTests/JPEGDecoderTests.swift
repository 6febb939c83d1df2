import Testing

@testable import ThumbgenImaging

@Suite struct JPEGDecoderTests {
    /// The source all `kodim23-*.jpg` fixtures were encoded from (96 × 64 RGB).
    func reference() throws -> PixelBuffer {
        try CodecTestImages.decodeStored(try CodecTestImages.fixture("kodim23-96x64.png")).pixels
    }

    @Test(arguments: ["kodim23-baseline.jpg", "kodim23-progressive.jpg", "kodim23-arithmetic.jpg", "kodim23-restart.jpg"])
    func colourVariantsDecodeCloseToTheSource(file: String) throws {
        let decoded = try CodecTestImages.decodeStored(try CodecTestImages.fixture(file))
        #expect(decoded.pixels.size == PixelSize(width: 96, height: 64))
        #expect(decoded.pixels.layout == .rgb)
        #expect(CodecTestImages.psnr(decoded.pixels, try reference()) > 30)
    }

    @Test func progressiveAndArithmeticMatchBaselineClosely() throws {
        let baseline = try CodecTestImages.decodeStored(try CodecTestImages.fixture("kodim23-baseline.jpg")).pixels
        for file in ["kodim23-progressive.jpg", "kodim23-arithmetic.jpg", "kodim23-restart.jpg"] {
            let other = try CodecTestImages.decodeStored(try CodecTestImages.fixture(file)).pixels
            // Same quantisation tables: the entropy coding differs, the pixels (almost) do not.
            #expect(CodecTestImages.meanAbsoluteDifference(baseline, other) < 0.5, "\(file)")
        }
    }

    @Test func headerReportsProgressive() throws {
        #expect(try ImageDecoder.readHeader(try CodecTestImages.fixture("kodim23-progressive.jpg"), name: "p").isProgressive)
        #expect(try !ImageDecoder.readHeader(try CodecTestImages.fixture("kodim23-baseline.jpg"), name: "b").isProgressive)
    }

    @Test func grayscaleStaysGray() throws {
        let data = try CodecTestImages.fixture("kodim23-gray.jpg")
        let header = try ImageDecoder.readHeader(data, name: "gray.jpg")
        #expect(header.layout == .gray)
        let gray = try CodecTestImages.decodeStored(data).pixels
        #expect(gray.layout == .gray)
        #expect(gray.pixels.count == 96 * 64)
        // Luma of the reference (BT.601, as cjpeg -grayscale) within JPEG error.
        let rgb = try reference()
        var luma = [UInt8](repeating: 0, count: 96 * 64)
        for i in 0..<luma.count {
            let r = Double(rgb.pixels[i * 3]), g = Double(rgb.pixels[i * 3 + 1]), b = Double(rgb.pixels[i * 3 + 2])
            luma[i] = UInt8(min(255, (0.299 * r + 0.587 * g + 0.114 * b).rounded()))
        }
        #expect(CodecTestImages.psnr(gray, PixelBuffer(size: gray.size, layout: .gray, pixels: luma)) > 30)
    }

    @Test func adobeInvertedCMYKBecomesRGB() throws {
        let data = try CodecTestImages.fixture("kodim23-cmyk.jpg")
        let header = try ImageDecoder.readHeader(data, name: "cmyk.jpg")
        #expect(header.isCMYK)
        #expect(header.layout == .rgb)
        let decoded = try CodecTestImages.decodeStored(data).pixels
        #expect(decoded.layout == .rgb)
        #expect(CodecTestImages.psnr(decoded, try reference()) > 30)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func dctScalingGivesCeilingOfScaledSize(numerator: Int) throws {
        let decoded = try ImageDecoder.decode(try CodecTestImages.fixture("kodim23-baseline.jpg"), name: "s", maxPixels: 10_000) {
            _ throws(ImageError) in numerator
        }
        let expected = PixelSize(width: (96 * numerator + 7) / 8, height: (64 * numerator + 7) / 8)
        #expect(decoded.pixels.size == expected)
        #expect(decoded.header.storedSize == PixelSize(width: 96, height: 64))
    }

    @Test func truncatedFileIsCorruptWithLibjpegMessage() throws {
        #expect {
            try CodecTestImages.decodeStored(try CodecTestImages.fixture("kodim23-truncated.jpg"), name: "broken.jpg")
        } throws: { error in
            guard let error = error as? ImageError else { return false }
            return error.code == .corrupt && error.message == "broken.jpg: corrupt JPEG data: Premature end of JPEG file"
        }
    }

    /// libjpeg's damaged-data warnings ("Corrupt JPEG data: premature end of data segment",
    /// jerror.h JWRN_HIT_MARKER) are not prefixed twice.
    @Test func libjpegDataWarningIsOneClause() throws {
        var data = try CodecTestImages.fixture("kodim23-baseline.jpg")
        // An EOI marker in the middle of the entropy-coded data.
        data.replaceSubrange(data.count - 400..<data.count - 398, with: [0xFF, 0xD9])
        let error = try #require(throws: ImageError.self) { try CodecTestImages.decodeStored(data, name: "m.jpg") }
        #expect(error.code == .corrupt)
        #expect(error.message == "m.jpg: corrupt JPEG data: premature end of data segment")
    }

    @Test func headerOnlyIsCorrupt() throws {
        let data = Array(try CodecTestImages.fixture("kodim23-baseline.jpg").prefix(20))
        let error = try #require(throws: ImageError.self) { try CodecTestImages.decodeStored(data, name: "h.jpg") }
        #expect(error.code == .corrupt)
        #expect(error.message.hasPrefix("h.jpg: corrupt JPEG data: "))
        #expect(!error.message.contains("\n"))
    }

    @Test func pixelLimitIsCheckedBeforeDecoding() throws {
        let data = try CodecTestImages.fixture("kodim23-baseline.jpg")
        let error = try #require(throws: ImageError.self) {
            try ImageDecoder.decode(data, name: "big.jpg", maxPixels: 96 * 64 - 1) { _ throws(ImageError) in 8 }
        }
        #expect(error.code == .tooManyPixels)
        #expect(error.message == "big.jpg: 96x64 is 6144 pixels, more than the limit of 6143")
        #expect(try ImageDecoder.decode(data, name: "ok.jpg", maxPixels: 96 * 64) { _ throws(ImageError) in 8 }.pixels.size.area == 6144)
    }

    @Test func progressiveCoefficientMemoryIsLimited() throws {
        let progressive = try CodecTestImages.fixture("gradient-1024-progressive.jpg")
        // 1024 × 1024 gray: 16,384 blocks × 128 bytes = 2 MiB of coefficients for a whole decode;
        // at 1/8 the DC-only store needs 10 bytes a block (ProgressiveScaledDecodeTests).
        let error = try #require(throws: ImageError.self) {
            try ImageDecoder.decode(progressive, name: "p.jpg", maxPixels: 2_000_000, maxDecoderMemory: 1_000_000) {
                _ throws(ImageError) in 8
            }
        }
        #expect(error.code == .tooManyPixels)
        #expect(error.message == "p.jpg: decoding this 1024x1024 progressive JPEG needs more than the memory limit of 1000000 bytes")
        let whole = try ImageDecoder.decode(progressive, name: "p.jpg", maxPixels: 2_000_000, maxDecoderMemory: 3_000_000) {
            _ throws(ImageError) in 8
        }
        #expect(whole.pixels.size == PixelSize(width: 1024, height: 1024))
        let scaled = try ImageDecoder.decode(progressive, name: "p.jpg", maxPixels: 2_000_000, maxDecoderMemory: 1_000_000) {
            _ throws(ImageError) in 1
        }
        #expect(scaled.pixels.size == PixelSize(width: 128, height: 128))
        // A baseline file streams: a limit far below its size is enough.
        let baseline = try CodecTestImages.fixture("kodim23-baseline.jpg")
        #expect(
            try ImageDecoder.decode(baseline, name: "b.jpg", maxPixels: 10_000, maxDecoderMemory: 1_000) {
                _ throws(ImageError) in 8
            }.pixels.size.area == 6144)
    }
}
