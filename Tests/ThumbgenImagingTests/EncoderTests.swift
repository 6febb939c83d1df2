import Testing

@testable import ThumbgenImaging

@Suite struct EncoderTests {
    func source() throws -> PixelBuffer {
        try CodecTestImages.decodeStored(try CodecTestImages.fixture("kodim23-96x64.png")).pixels
    }

    @Test(arguments: [false, true])
    func jpegRoundTripsAndIsDeterministic(progressive: Bool) throws {
        let image = try source()
        let first = try JPEGCodec.encode(image, quality: 85, progressive: progressive, exif: nil, name: "t")
        let second = try JPEGCodec.encode(image, quality: 85, progressive: progressive, exif: nil, name: "t")
        #expect(first == second)
        #expect(Array(first.prefix(4)) == [0xFF, 0xD8, 0xFF, 0xE0]) // SOI then the JFIF APP0
        let header = try ImageDecoder.readHeader(first, name: "t")
        #expect(header.isProgressive == progressive)
        let psnr = CodecTestImages.psnr(try CodecTestImages.decodeStored(first).pixels, image)
        #expect(psnr > 28, "PSNR \(psnr) dB") // 96 × 64 of fine detail at q85 with 4:2:0
        let best = try JPEGCodec.encode(image, quality: 95, progressive: progressive, exif: nil, name: "t")
        #expect(CodecTestImages.psnr(try CodecTestImages.decodeStored(best).pixels, image) > psnr + 3) // 4:4:4 from q90
    }

    @Test func qualityChangesSizeMonotonically() throws {
        let image = try source()
        let low = try JPEGCodec.encode(image, quality: 30, progressive: false, exif: nil, name: "t")
        let high = try JPEGCodec.encode(image, quality: 95, progressive: false, exif: nil, name: "t")
        #expect(low.count < high.count)
    }

    @Test func grayStaysGray() throws {
        let gray = try CodecTestImages.decodeStored(try CodecTestImages.fixture("kodim23-gray.jpg")).pixels
        let encoded = try JPEGCodec.encode(gray, quality: 90, progressive: false, exif: nil, name: "g")
        #expect(try ImageDecoder.readHeader(encoded, name: "g").layout == .gray)
    }

    @Test func exifIsWrittenAsAPP1() throws {
        let exif = EXIFTests.app1(littleEndian: true, orientation: 1)
        let encoded = try JPEGCodec.encode(try source(), quality: 80, progressive: false, exif: exif, name: "e")
        #expect(try ImageDecoder.readHeader(encoded, name: "e").orientation == .up)
        #expect(encoded.count > 0)
        let decoded = try CodecTestImages.decodeStored(encoded)
        #expect(decoded.exif == exif)
    }

    @Test(arguments: ["basn6a08.png", "basn4a08.png", "basn0g01.png", "basn2c08.png"])
    func pngRoundTripsExactly(file: String) throws {
        let image = try CodecTestImages.decodeStored(try CodecTestImages.fixture(file)).pixels
        let encoded = try PNGCodec.encode(image, name: file)
        #expect(try PNGCodec.encode(image, name: file) == encoded)
        #expect(try CodecTestImages.decodeStored(encoded).pixels == image)
    }

    @Test func compositingUsesStraightAlpha() {
        let pixels: [UInt8] = [200, 100, 0, 255, 200, 100, 0, 0, 200, 100, 0, 128, 10, 20, 30, 64]
        let image = PixelBuffer(size: PixelSize(width: 4, height: 1), layout: .rgba, pixels: pixels)
        let flat = image.flattened(over: RGBColor(red: 0, green: 50, blue: 255))
        #expect(flat.layout == .rgb)
        // (c·a + bg·(255 − a) + 127) / 255 per channel.
        #expect(flat.pixels == [200, 100, 0, 0, 50, 255, 100, 75, 127, 3, 42, 199])
    }

    @Test func grayAlphaOverGrayStaysGray() {
        let image = PixelBuffer(size: PixelSize(width: 2, height: 1), layout: .grayAlpha, pixels: [0, 0, 100, 255])
        #expect(image.flattened(over: .white) == PixelBuffer(size: image.size, layout: .gray, pixels: [255, 100]))
        #expect(image.flattened(over: RGBColor(red: 255, green: 0, blue: 0)).layout == .rgb)
    }

    @Test func publicEncoderFlattensForJPEGAndKeepsAlphaForPNG() throws {
        let image = try CodecTestImages.decodeStored(try CodecTestImages.fixture("basn6a08.png")).pixels
        var options = ThumbnailOptions()
        options.background = RGBColor(red: 0, green: 0, blue: 0)
        let jpeg = try ImageEncoder.encode(image, as: .jpeg, options: options, name: "a")
        #expect(try ImageDecoder.readHeader(jpeg, name: "a").layout == .rgb)
        let png = try ImageEncoder.encode(image, as: .png, name: "a")
        #expect(try CodecTestImages.decodeStored(png).pixels == image)
        options.quality = 0
        let error = try #require(throws: ImageError.self) { try ImageEncoder.encode(image, as: .jpeg, options: options, name: "q") }
        #expect(error.code == .invalidOptions)
    }
}
