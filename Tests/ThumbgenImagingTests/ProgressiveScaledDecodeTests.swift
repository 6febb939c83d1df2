import Testing

@testable import ThumbgenImaging

/// Progressive JPEGs decoded at 1/8, 2/8 and 8/8 against `djpeg`'s pixels
/// (`Fixtures/references/make_progressive_fixtures.sh`): the 1/8 decodes go through the DC-only
/// coefficient store and may stop before the last scans (`CThumbgenJPEG/shim.c`, "DC-only
/// coefficient store"); djpeg reads every scan into libjpeg's whole coefficient arrays.
struct ProgressiveScaledDecodeTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var fixture: String
        var scale: Int
        /// Width, height and MD5 of the pixel rows, or djpeg's error message.
        var result: Result
        enum Result: Sendable, Equatable {
            case pixels(PixelSize, md5: String)
            case error(String)
        }
        var testDescription: String { "\(fixture) at \(scale)/8" }
    }

    static let expected: [Expected] = ReferencePixels.tsvRows("references/progressive-djpeg.tsv", columns: 5).compactMap { fields in
        guard let scale = Int(fields[1]) else { return nil }
        if fields[4].hasPrefix("error: ") {
            return Expected(fixture: fields[0], scale: scale, result: .error(String(fields[4].dropFirst("error: ".count))))
        }
        guard let width = Int(fields[2]), let height = Int(fields[3]) else { return nil }
        return Expected(fixture: fields[0], scale: scale, result: .pixels(PixelSize(width: width, height: height), md5: fields[4]))
    }

    @Test func everyFixtureIsListed() {
        #expect(Self.expected.count == 48)
    }

    @Test(arguments: expected)
    func decodesToDjpegsPixels(expected: Expected) throws {
        let data = try CodecTestImages.fixture(expected.fixture)
        let decode = { () throws(ImageError) -> DecodedImage in
            try ImageDecoder.decode(data, name: expected.fixture, maxPixels: 1_000_000) { _ throws(ImageError) in expected.scale }
        }
        switch expected.result {
        case .pixels(let size, let md5):
            let decoded = try decode()
            #expect(decoded.pixels.size == size)
            #expect(ReferencePixels.md5(decoded.pixels.pixels) == md5)
        case .error(let message):
            let error = try #require(throws: ImageError.self) { try decode() }
            #expect(error.code == .corrupt)
            #expect(error.message == "\(expected.fixture): corrupt JPEG data: \(message)")
        }
    }

    /// The store holds 10 bytes per 8 × 8 block and component instead of libjpeg's 128. Whole,
    /// these 384 × 256 files need 590 KB of coefficients at 4:4:4 (3 × 1,536 blocks × 128 bytes),
    /// 295 KB at 4:2:0 and 197 KB gray; at 1/8 they decode within 200 KB, which a whole
    /// decode (8/8) is refused with. Before the store, 1/8 needed the whole arrays too.
    @Test(arguments: ["progressive-444.jpg", "progressive-444-dclast.jpg", "progressive-420.jpg", "progressive-gray.jpg"])
    func scaledDecodeFitsBelowTheWholeCoefficientMemory(fixture: String) throws {
        let data = try CodecTestImages.fixture(fixture)
        let limit = 200_000
        let error = try #require(throws: ImageError.self) {
            try ImageDecoder.decode(data, name: fixture, maxPixels: 1_000_000, maxDecoderMemory: limit) { _ throws(ImageError) in 8 }
        }
        #expect(error.code == .tooManyPixels)
        let decoded = try ImageDecoder.decode(data, name: fixture, maxPixels: 1_000_000, maxDecoderMemory: limit) { _ throws(ImageError) in 1 }
        #expect(decoded.pixels.size == PixelSize(width: 48, height: 32))
    }
}
