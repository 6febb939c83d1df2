import Testing

@testable import ThumbgenImaging

@Suite struct PNGDecoderTests {
    func decode(_ file: String) throws -> PixelBuffer {
        try CodecTestImages.decodeStored(try CodecTestImages.fixture(file), name: file).pixels
    }

    @Test func oneBitGrayExpandsToFullRange() throws {
        let image = try decode("basn0g01.png")
        #expect(image.size == PixelSize(width: 32, height: 32))
        #expect(image.layout == .gray)
        #expect(Set(image.pixels) == [0, 255])
        #expect(CodecTestImages.pixel(image, 0, 0) == [255])
    }

    @Test func sixteenBitGrayIsScaledWithRounding() throws {
        let image = try decode("basn0g16.png")
        #expect(image.layout == .gray)
        // Stored samples 0, 2304, 4608, 6912 → round(v × 255 / 65535) = 0, 9, 18, 27.
        #expect(Array(image.pixels.prefix(4)) == [0, 9, 18, 27])
    }

    @Test func interlacedDecodesToTheSamePixels() throws {
        #expect(try decode("basn2c08.png") == decode("basi2c08.png"))
    }

    @Test func paletteBecomesRGB() throws {
        let image = try decode("basn3p04.png")
        #expect(image.layout == .rgb)
        #expect(CodecTestImages.pixel(image, 0, 0) == [255, 0, 0])
    }

    @Test func paletteWithTRNSBecomesRGBA() throws {
        let image = try decode("tbbn3p08.png")
        #expect(image.layout == .rgba)
        #expect(CodecTestImages.pixel(image, 0, 0) == [255, 255, 255, 0])
        #expect(image.pixels.enumerated().contains { $0.offset % 4 == 3 && $0.element == 255 })
    }

    @Test func rgbWithTRNSBecomesRGBA() throws {
        let image = try decode("tbrn2c08.png")
        #expect(image.layout == .rgba)
        #expect(CodecTestImages.pixel(image, 0, 0) == [255, 255, 255, 0])
    }

    @Test func alphaLayoutsAreKept() throws {
        let rgba = try decode("basn6a08.png")
        #expect(rgba.layout == .rgba)
        #expect(Array(rgba.pixels.prefix(8)) == [255, 0, 8, 0, 255, 0, 8, 8])
        let grayAlpha = try decode("basn4a08.png")
        #expect(grayAlpha.layout == .grayAlpha)
        #expect(Array(grayAlpha.pixels.prefix(4)) == [255, 0, 255, 8])
        let sixteen = try decode("basi6a16.png")
        #expect(sixteen.layout == .rgba)
        #expect(sixteen.size == PixelSize(width: 32, height: 32))
    }

    @Test func headerIsReadWithoutPixels() throws {
        let header = try ImageDecoder.readHeader(try CodecTestImages.fixture("basn6a08.png"), name: "a.png")
        #expect(header.format == .png)
        #expect(header.storedSize == PixelSize(width: 32, height: 32))
        #expect(header.hasAlpha)
        #expect(header.orientation == .up)
    }

    @Test(arguments: [
        ("xc1n0g08.png", ImageError.Code.corrupt), ("xcsn0g01.png", .corrupt), ("xhdn0g08.png", .corrupt),
        ("xdtn0g01.png", .corrupt), ("xs1n0g01.png", .unsupportedFormat),
    ])
    func brokenFilesFailCleanly(file: String, code: ImageError.Code) throws {
        let data = try CodecTestImages.fixture(file)
        let error = try #require(throws: ImageError.self) { try CodecTestImages.decodeStored(data, name: file) }
        #expect(error.code == code)
        #expect(error.message.hasPrefix("\(file): "))
        #expect(!error.message.contains("\n"))
    }

    @Test func truncatedPNGIsCorrupt() throws {
        let data = Array(try CodecTestImages.fixture("basi6a16.png").prefix(2000))
        let error = try #require(throws: ImageError.self) { try CodecTestImages.decodeStored(data, name: "cut.png") }
        #expect(error.code == .corrupt)
        #expect(error.message.hasPrefix("cut.png: corrupt PNG data: "))
    }

    /// Found by the fuzzing smoke: an 82-byte PNG whose eXIf chunk declares 1 GiB made libpng
    /// 1.6.39 allocate that much before reading it (its eXIf handler ignores chunk_malloc_max).
    /// A chunk longer than the bytes left is now refused before libpng sees the file; the
    /// allocation itself is caught by the fuzz smoke's replay of
    /// `fuzz/corpus/png/regression-exif-1gib-declared.png` under `-malloc_limit_mb=256`.
    @Test func chunkLongerThanTheFileIsTruncated() throws {
        let data: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFF, 0xCE, 0xEF,
            0x38, 0x40, 0x00, 0x00, 0x1A, 0x65, 0x58, 0x49, 0x66, 0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00,
            0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0xD6, 0xF7, 0x4B, 0x69, 0x00, 0x00, 0x00, 0x5D, 0x49, 0x44, 0x41, 0x54, 0x78,
            0x9C, 0x63,
        ]
        let error = try #require(throws: ImageError.self) { try CodecTestImages.decodeStored(data, name: "exif.png") }
        #expect(error.code == .corrupt)
        #expect(error.message == "exif.png: corrupt PNG data: Read beyond end of data (file is truncated)")
    }

    @Test func pixelLimitIsCheckedBeforeDecoding() throws {
        let error = try #require(throws: ImageError.self) {
            try ImageDecoder.decode(try CodecTestImages.fixture("basn2c08.png"), name: "p.png", maxPixels: 1023) { _ throws(ImageError) in 8 }
        }
        #expect(error.code == .tooManyPixels)
    }
}
