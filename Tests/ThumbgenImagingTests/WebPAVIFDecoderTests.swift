import Foundation
import Testing

@testable import ThumbgenImaging

/// WebP and AVIF decoding on the small lossless fixtures made by
/// `Fixtures/references/make_format_fixtures.py` (expected upright pixels computed by Pillow),
/// plus sniffing and hostile input.
struct WebPAVIFDecoderTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var fixture: String
        var size: PixelSize
        var md5: String
        var testDescription: String { fixture }
    }

    static let expected: [Expected] = ReferencePixels.tsvRows("references/formats-upright.tsv", columns: 4).compactMap { fields in
        guard let width = Int(fields[1]), let height = Int(fields[2]) else { return nil }
        return Expected(fixture: fields[0], size: PixelSize(width: width, height: height), md5: fields[3])
    }

    @Test func everyFixtureIsListed() {
        #expect(Self.expected.count == 9)
    }

    /// Alpha kept, irot/imir in MIAF order, the WebP EXIF Orientation, an animation's first frame.
    @Test(arguments: expected)
    func decodesUprightToThePillowReference(expected: Expected) throws {
        let data = try CodecTestImages.fixture(expected.fixture)
        let upright = try ImageDecoder.decodeUpright(data, name: expected.fixture)
        #expect(upright.size == expected.size)
        #expect(ReferencePixels.md5(ReferencePixels.rgba(upright)) == expected.md5)
        #expect(try ImageDecoder.readHeader(data, name: "x").uprightSize == expected.size)
    }

    @Test func alphaIsDeclaredInTheHeader() throws {
        #expect(try ImageDecoder.readHeader(try CodecTestImages.fixture("avif-alpha.avif"), name: "a").hasAlpha)
        #expect(try ImageDecoder.readHeader(try CodecTestImages.fixture("webp-animated.webp"), name: "w").hasAlpha)
        #expect(try !ImageDecoder.readHeader(try CodecTestImages.fixture("webp-orient-6.webp"), name: "w").hasAlpha)
    }

    /// The ICCP chunk is converted to sRGB exactly as PNG's iCCP: same pixels, same profile.
    @Test func webpICCProfileIsConvertedLikePNG() throws {
        let webp = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("webp-p3.webp"), name: "p3.webp")
        let png = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("patches-p3.png"), name: "p3.png")
        #expect(try ImageDecoder.readHeader(try CodecTestImages.fixture("webp-p3.webp"), name: "p3").hasICCProfile)
        #expect(ReferencePixels.rgba(webp) == ReferencePixels.rgba(png))
    }

    @Test func sniffsByContent() {
        #expect(ImageFormat.sniff(Array("RIFF\u{10}\0\0\0WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("RIFF\u{10}\0\0\0WAVEfmt ".utf8)) == nil)
        let ftyp: (String, [String]) -> [UInt8] = { major, compatible in
            let size = 16 + 4 * compatible.count
            return [0, 0, 0, UInt8(size)] + Array("ftyp\(major)\0\0\0\0".utf8) + compatible.flatMap { Array($0.utf8) }
        }
        #expect(ImageFormat.sniff(ftyp("avif", ["mif1", "miaf"])) == .avif)
        #expect(ImageFormat.sniff(ftyp("avis", ["msf1"])) == .avif)
        #expect(ImageFormat.sniff(ftyp("mif1", ["avif", "miaf"])) == .avif)
        #expect(ImageFormat.sniff(ftyp("heic", ["mif1", "heic"])) == nil)
        #expect(ImageFormat.sniff(ftyp("isom", ["mp41"])) == nil)
    }

    @Test(arguments: ["webp-orient-6.webp", "webp-animated.webp", "avif-alpha.avif", "webp-p3.webp"])
    func everyTruncationFailsWithOneLine(fixture: String) throws {
        let data = try CodecTestImages.fixture(fixture)
        for length in stride(from: 1, to: data.count, by: max(1, data.count / 40)) {
            do {
                _ = try ImageDecoder.decodeUpright(Array(data.prefix(length)), name: "cut.bin")
            } catch {
                #expect(error.message.hasPrefix("cut.bin: "))
                #expect(!error.message.contains("\n"))
            }
        }
    }

    @Test(arguments: ["webp-orient-6.webp", "avif-alpha.avif"])
    func flippedBytesNeverCrash(fixture: String) throws {
        let data = try CodecTestImages.fixture(fixture)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var damaged = data
            for _ in 0..<4 { damaged[Int.random(in: 12..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator) }
            _ = try? ImageDecoder.decodeUpright(damaged, name: "damaged")
        }
    }

    @Test(arguments: ["webp-orient-6.webp", "avif-alpha.avif", "webp-animated.webp"])
    func pixelLimitIsCheckedBeforeDecoding(fixture: String) throws {
        let data = try CodecTestImages.fixture(fixture)
        let error = #expect(throws: ImageError.self) {
            _ = try ImageDecoder.decodeUpright(data, name: "big", maxPixels: 383)
        }
        #expect(error?.code == .tooManyPixels)
        #expect(
            error?.message == "big: 24x16 is 384 pixels, more than the limit of 383"
                || error?.message == "big: 16x24 is 384 pixels, more than the limit of 383")
    }

    /// Found by a fresh-user trial: a cut AVIF said "BMFF parsing failed (Exceeded avifIO's
    /// sizeHint, possibly truncated data)", libavif's internals; now the user's words.
    @Test func truncatedAVIFSaysSoPlainly() throws {
        let data = try CodecTestImages.fixture("avif-alpha.avif")
        let error = #expect(throws: ImageError.self) {
            _ = try ImageDecoder.decodeUpright(Array(data.prefix(data.count / 2)), name: "trunc.avif")
        }
        #expect(error?.message == "trunc.avif: corrupt AVIF data: truncated or damaged file")
    }

    @Test func webpClaimingAHugeCanvasFailsBeforeAllocating() throws {
        // A VP8X header declaring 16384 × 16384 (2^28 pixels) and nothing else.
        var data = Array("RIFF".utf8) + [22, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0]
        data += [0, 0, 0, 0] + [0xFF, 0x3F, 0x00] + [0xFF, 0x3F, 0x00]
        let error = #expect(throws: ImageError.self) {
            _ = try ImageDecoder.decodeUpright(data, name: "huge.webp", maxPixels: 100_000_000)
        }
        #expect(error?.code == .corrupt || error?.code == .tooManyPixels)
    }
}
