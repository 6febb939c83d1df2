import Testing

@testable import ThumbgenImaging

@Suite struct ColorConverterTests {
    /// Patch centres of `patches-p3.*` and their sRGB values per LittleCMS (Pillow ImageCms,
    /// perceptual intent) for the embedded test profile: P3 primaries, D65, sRGB tone curve.
    static let patches: [(x: Int, y: Int, stored: [UInt8], srgb: [UInt8])] = [
        (8, 8, [200, 100, 50], [215, 93, 31]),
        (24, 8, [60, 180, 90], [0, 183, 78]),
        (8, 24, [40, 80, 200], [22, 81, 208]),
        (24, 24, [128, 128, 128], [128, 128, 128]),
    ]

    @Test(arguments: [("patches-p3.png", 1), ("patches-p3.jpg", 3)])
    func embeddedProfileIsConvertedToSRGB(file: String, tolerance: Int) throws {
        let data = try CodecTestImages.fixture(file)
        #expect(try ImageDecoder.readHeader(data, name: file).hasICCProfile)
        let image = try CodecTestImages.decodeStored(data, name: file).pixels
        for patch in Self.patches {
            let pixel = CodecTestImages.pixel(image, patch.x, patch.y)
            let off = zip(pixel, patch.srgb).map { abs(Int($0) - Int($1)) }.max() ?? 255
            #expect(off <= tolerance, "\(file) at \(patch.x),\(patch.y): \(pixel) vs \(patch.srgb)")
        }
    }

    @Test func profileForAnotherColourSpaceIsIgnored() throws {
        // The RGB profile of patches-p3.png does not describe gray pixels: they pass unchanged.
        let profile = try #require(try profileBytes())
        let gray = PixelBuffer(size: PixelSize(width: 2, height: 1), layout: .gray, pixels: [10, 200])
        #expect(ColorConverter.toSRGB(gray, profile: profile) == gray)
        let rgb = PixelBuffer(size: PixelSize(width: 1, height: 1), layout: .rgb, pixels: [200, 100, 50])
        #expect(ColorConverter.toSRGB(rgb, profile: profile).pixels == [215, 93, 31])
        #expect(ColorConverter.toSRGB(rgb, profile: [1, 2, 3]) == rgb)
        #expect(ColorConverter.toSRGB(rgb, profile: nil) == rgb)
    }

    @Test func naiveCMYKConversion() {
        // Normal CMYK: R = (255 − C)(255 − K)/255; Adobe-inverted stores 255 − ink.
        let normal = ColorConverter.cmykToSRGB([0, 255, 128, 51], size: PixelSize(width: 1, height: 1), inverted: false, profile: nil)
        #expect(normal.pixels == [204, 0, 102])
        let inverted = ColorConverter.cmykToSRGB([255, 0, 127, 204], size: PixelSize(width: 1, height: 1), inverted: true, profile: nil)
        #expect(inverted.pixels == [204, 0, 102])
    }

    /// The ICC profile embedded in `patches-p3.jpg`, cut out of its single APP2 segment:
    /// "ICC_PROFILE\0", sequence number, count, then the profile (ICC.1:2022 §B.4); the segment
    /// length sits in the two bytes before the identifier.
    func profileBytes() throws -> [UInt8]? {
        let jpeg = try CodecTestImages.fixture("patches-p3.jpg")
        let identifier = Array("ICC_PROFILE\0".utf8)
        guard let start = jpeg.indices.first(where: { jpeg[$0...].starts(with: identifier) }), start >= 2 else { return nil }
        let length = Int(jpeg[start - 2]) << 8 | Int(jpeg[start - 1])
        return Array(jpeg[(start + 14)..<(start - 2 + length)])
    }
}
