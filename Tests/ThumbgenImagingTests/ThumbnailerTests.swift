import Testing

@testable import ThumbgenImaging

@Suite struct ThumbnailerTests {
    func options(_ side: Int = 32, _ configure: (inout ThumbnailOptions) -> Void = { _ in }) -> ThumbnailOptions {
        var options = ThumbnailOptions()
        options.box = ThumbnailBox(width: side, height: side)
        configure(&options)
        return options
    }

    func failure(_ data: [UInt8], name: String, options: ThumbnailOptions = ThumbnailOptions()) throws -> ImageError {
        try #require(throws: ImageError.self) { try Thumbnailer.makeThumbnail(from: data, name: name, options: options) }
    }

    @Test func emptyInput() throws {
        let error = try failure([], name: "empty.jpg")
        #expect(error.code == .empty)
        #expect(error.message == "empty.jpg: empty file (0 bytes)")
    }

    @Test func unknownFormatNamesTheFirstBytes() throws {
        let error = try failure(Array("<html><body>".utf8), name: "photo.txt")
        #expect(error.code == .unsupportedFormat)
        #expect(error.message == "photo.txt: not a JPEG, PNG, WebP or AVIF file (starts with 3C 68 74 6D)")
        #expect(try failure([0xFF], name: "one").message == "one: not a JPEG, PNG, WebP or AVIF file (starts with FF)")
    }

    @Test func damagedPNGSignatureIsCorrupt() throws {
        var data = try CodecTestImages.fixture("basn2c08.png")
        data.replaceSubrange(4..<8, with: [0x0D, 0x0D, 0x0A, 0x1A]) // CR/LF-converted, like PngSuite xcrn0g04
        let error = try failure(data, name: "crlf.png")
        #expect(error.code == .corrupt)
        #expect(error.message == "crlf.png: corrupt PNG data: damaged signature (starts with 89 50 4E 47 0D 0D 0A 1A)")
    }

    @Test func truncatedJPEG() throws {
        let error = try failure(try CodecTestImages.fixture("kodim23-truncated.jpg"), name: "broken.jpg")
        #expect(error.code == .corrupt)
        #expect(error.message == "broken.jpg: corrupt JPEG data: Premature end of JPEG file")
    }

    @Test func invalidOptionsAndLimits() throws {
        let data = try CodecTestImages.fixture("kodim23-baseline.jpg")
        #expect(try failure(data, name: "q.jpg", options: options { $0.quality = 0 }).code == .invalidOptions)
        #expect(try failure(data, name: "q.jpg", options: options { $0.quality = 101 }).code == .invalidOptions)
        let limit = try failure(data, name: "l.jpg", options: options { $0.maxPixels = 1000 })
        #expect(limit.code == .tooManyPixels)
        #expect(limit.message.hasPrefix("l.jpg: 96x64 is 6144 pixels"))
        let upscaled = options(4000) {
            $0.upscale = true; $0.fit = .fill; $0.maxPixels = 10_000_000
        }
        if try ResizePlan.make(source: PixelSize(width: 96, height: 64), box: upscaled.box, fit: .fill, upscale: true).output.area > 10_000_000 {
            let output = try failure(data, name: "u.jpg", options: upscaled)
            #expect(output.code == .tooManyPixels)
            #expect(output.message.hasPrefix("u.jpg: a 4000x4000 thumbnail is 16000000 pixels"))
        }
    }

    @Test(arguments: [
        "kodim23-baseline.jpg", "kodim23-progressive.jpg", "kodim23-gray.jpg", "kodim23-cmyk.jpg",
        "orient-6.jpg", "orient-6.png", "basn6a08.png", "basn2c08.png", "tbbn3p08.png", "basn4a08.png",
    ])
    func sizeFollowsThePlanOnTheUprightSource(file: String) throws {
        let data = try CodecTestImages.fixture(file)
        let header = try ImageDecoder.readHeader(data, name: file)
        for fit in FitMode.allCases {
            let options = options(20) { $0.fit = fit }
            let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: file, options: options)
            let plan = try ResizePlan.make(source: header.uprightSize, box: options.box, fit: fit, upscale: false)
            #expect(thumbnail.size == plan.output)
            #expect(thumbnail.sourceSize == header.uprightSize)
            let encoded = try ImageDecoder.readHeader(thumbnail.data, name: "out")
            #expect(encoded.storedSize == plan.output)
            #expect(encoded.format == thumbnail.format)
        }
    }

    @Test func autoFormatKeepsAlphaPNGsOnly() throws {
        func format(_ file: String, _ requested: OutputFormat = .auto) throws -> ImageFormat {
            try Thumbnailer.makeThumbnail(from: try CodecTestImages.fixture(file), name: file, options: options { $0.format = requested }).format
        }
        #expect(try format("basn6a08.png") == .png)
        #expect(try format("tbbn3p08.png") == .png)
        #expect(try format("basn2c08.png") == .jpeg)
        #expect(try format("kodim23-baseline.jpg") == .jpeg)
        #expect(try format("kodim23-baseline.jpg", .png) == .png)
        #expect(try format("basn6a08.png", .jpeg) == .jpeg)
        #expect(Thumbnailer.outputFormat(.auto, input: .png, hasAlpha: true) == .png)
        #expect(Thumbnailer.outputFormat(.auto, input: .jpeg, hasAlpha: false) == .jpeg)
    }

    @Test(arguments: ["kodim23-baseline.jpg", "basn6a08.png", "orient-7.jpg"])
    func sameInputGivesSameBytes(file: String) throws {
        let data = try CodecTestImages.fixture(file)
        let options = options(24) { $0.progressive = true }
        let first = try Thumbnailer.makeThumbnail(from: data, name: file, options: options)
        let second = try Thumbnailer.makeThumbnail(from: data, name: file, options: options)
        #expect(first.data == second.data)
    }

    @Test func concurrentCallsGiveTheSameBytesAsSerialOnes() async throws {
        let files = ["kodim23-baseline.jpg", "kodim23-cmyk.jpg", "basi6a16.png", "orient-8.jpg", "kodim23-truncated.jpg"]
        let inputs = try files.map { try CodecTestImages.fixture($0) }
        let options = options(24)
        let serial = inputs.map { try? Thumbnailer.makeThumbnail(from: $0, name: "c", options: options).data }
        #expect(serial.compactMap { $0 }.count == files.count - 1)
        let parallel = await withTaskGroup(of: (Int, [UInt8]?).self) { group in
            for _ in 0..<4 {
                for (index, data) in inputs.enumerated() {
                    group.addTask { (index, try? Thumbnailer.makeThumbnail(from: data, name: "c", options: options).data) }
                }
            }
            var results: [(Int, [UInt8]?)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(parallel.count == 4 * files.count)
        for (index, data) in parallel { #expect(data == serial[index], "\(files[index])") }
    }

    @Test func metadataIsStrippedUnlessKept() throws {
        let data = try CodecTestImages.fixture("orient-6.jpg")
        let stripped = try Thumbnailer.makeThumbnail(from: data, name: "o", options: options())
        #expect(try CodecTestImages.decodeStored(stripped.data).exif == nil)
        let kept = try Thumbnailer.makeThumbnail(from: data, name: "o", options: options { $0.keepMetadata = true })
        let exif = try #require(try CodecTestImages.decodeStored(kept.data).exif)
        #expect(exif.withUnsafeBufferPointer { EXIF.orientation(inAPP1: $0) } == .up)
        #expect(try ImageDecoder.readHeader(kept.data, name: "o").orientation == .up)
    }

    @Test(arguments: 1...8)
    func orientationFixturesDecodeUpright(value: Int) throws {
        let reference = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("orient-1.jpg"), name: "1")
        let upright = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("orient-\(value).jpg"), name: "\(value)")
        #expect(upright.size == PixelSize(width: 48, height: 32))
        #expect(CodecTestImages.meanAbsoluteDifference(upright, reference) < 2)
        #expect(CodecTestImages.pixel(upright, 2, 2).allSatisfy { $0 > 240 }) // the white block is top-left
    }

    @Test
    func pngEXIfOrientationIsApplied() throws {
        let reference = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("orient-1.jpg"), name: "1")
        let upright = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("orient-6.png"), name: "6")
        #expect(upright.size == reference.size)
        #expect(CodecTestImages.meanAbsoluteDifference(upright, reference) < 2)
    }

    @Test
    func thumbnailPixelsMatchAFullDecodeResampled() throws {
        let data = try CodecTestImages.fixture("kodim23-baseline.jpg")
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: "k", options: options(48) { $0.quality = 95 })
        let reference = try ImageDecoder.decodeUpright(data, name: "k").resampled(to: thumbnail.size)
        #expect(CodecTestImages.psnr(try CodecTestImages.decodeStored(thumbnail.data).pixels, reference) > 28)
    }

    @Test func transparentPixelsGetTheBackground() throws {
        // tbbn3p08's corner pixels are fully transparent.
        let data = try CodecTestImages.fixture("tbbn3p08.png")
        let options = options(32) {
            $0.format = .jpeg; $0.quality = 100; $0.background = RGBColor(red: 0, green: 0, blue: 255)
        }
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: "t", options: options)
        let pixels = try CodecTestImages.decodeStored(thumbnail.data).pixels
        let corner = CodecTestImages.pixel(pixels, 0, 0)
        #expect(corner[0] < 10 && corner[1] < 10 && corner[2] > 245, "\(corner)")
    }
}

@Suite struct ShrinkOnLoadTests {
    @Test(arguments: [
        (PixelSize(width: 5760, height: 3840), PixelSize(width: 256, height: 171), 1),
        // 1000 px to 256 needs at least 512 decoded: 5/8 gives 625, 4/8 only 500.
        (PixelSize(width: 1000, height: 1000), PixelSize(width: 256, height: 256), 5),
        (PixelSize(width: 1000, height: 1000), PixelSize(width: 250, height: 250), 4),
        (PixelSize(width: 1000, height: 1000), PixelSize(width: 125, height: 125), 2),
        (PixelSize(width: 1000, height: 1000), PixelSize(width: 62, height: 62), 1),
        (PixelSize(width: 1000, height: 1000), PixelSize(width: 900, height: 900), 8),
        (PixelSize(width: 100, height: 100), PixelSize(width: 400, height: 400), 8),
        (PixelSize(width: 4000, height: 100), PixelSize(width: 256, height: 100), 8),
    ])
    func scaleKeepsTheCropAtLeastTwiceTheOutputSize(crop: PixelSize, output: PixelSize, expected: Int) {
        #expect(ShrinkOnLoad.jpegScaleNumerator(crop: crop, output: output) == expected)
    }

    @Test func cropIsMappedOntoTheReducedImage() {
        let full = PixelSize(width: 800, height: 600), reduced = PixelSize(width: 100, height: 75)
        #expect(
            ShrinkOnLoad.scale(PixelRect(x: 100, y: 0, width: 600, height: 600), from: full, to: reduced)
                == PixelRect(x: 13, y: 0, width: 75, height: 75))
        #expect(
            ShrinkOnLoad.scale(PixelRect(x: 0, y: 0, width: 800, height: 600), from: full, to: reduced)
                == PixelRect(x: 0, y: 0, width: 100, height: 75))
        #expect(
            ShrinkOnLoad.scale(PixelRect(x: 799, y: 599, width: 1, height: 1), from: full, to: reduced)
                == PixelRect(x: 99, y: 74, width: 1, height: 1))
    }

    /// `--format auto` keys on the pixels (issue 15): RGBA that is opaque everywhere becomes
    /// JPEG, one translucent pixel keeps PNG; `autoKeepsPNG` (upload's prediction) agrees.
    @Test func autoFormatKeysOnAlphaValuesNotTheLayout() throws {
        var pixels = [UInt8](repeating: 255, count: 32 * 24 * 4)
        for index in stride(from: 0, to: pixels.count, by: 4) { pixels[index] = UInt8(index / 4 % 256) }
        let opaque = try ImageEncoder.encode(PixelBuffer(size: PixelSize(width: 32, height: 24), layout: .rgba, pixels: pixels), as: .png, exif: nil, name: "opaque")
        pixels[3] = 254
        let translucent = try ImageEncoder.encode(PixelBuffer(size: PixelSize(width: 32, height: 24), layout: .rgba, pixels: pixels), as: .png, exif: nil, name: "translucent")
        #expect(try ImageDecoder.readHeader(opaque, name: "opaque").hasAlpha, "the file must declare alpha for this test to mean anything")
        #expect(try Thumbnailer.makeThumbnail(from: opaque, name: "opaque", options: ThumbnailOptions()).format == .jpeg)
        #expect(try Thumbnailer.makeThumbnail(from: translucent, name: "translucent", options: ThumbnailOptions()).format == .png)
        #expect(try !Thumbnailer.autoKeepsPNG(opaque, name: "opaque", maxPixels: 1_000_000))
        #expect(try Thumbnailer.autoKeepsPNG(translucent, name: "translucent", maxPixels: 1_000_000))
    }

}
