import Foundation
import Testing

@testable import ThumbgenImaging

/// The AV1 Image File Format conformance samples (corpus `avif/`, AOMediaCodec/av1-avif
/// Link-U files: 8/10/12-bit, 4:2:0/4:2:2/4:4:4, monochrome, odd sizes, irot) against avifdec's
/// decode (`Fixtures/references/avif-avifdec.tsv`, made by `make_avif_references.py`): the
/// 8-bit RGBA pixels must be identical (the AV1 decode is bit-exact by specification, and the
/// YUV → RGB step is libavif's own with avifdec's defaults).
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct AVIFCorpusTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var file: String
        var size: PixelSize
        var hasAlpha: Bool
        var md5: String
        var testDescription: String { file }
    }

    static let references: [Reference] = ReferencePixels.tsvRows("references/avif-avifdec.tsv", columns: 5).compactMap { fields in
        guard let width = Int(fields[1]), let height = Int(fields[2]) else { return nil }
        return Reference(file: fields[0], size: PixelSize(width: width, height: height), hasAlpha: fields[3] == "1", md5: fields[4])
    }

    @Test func everyCorpusFileHasAReference() {
        let files = CodecTestImages.corpusFiles("avif").filter { $0.hasSuffix(".avif") }
        #expect(files.count > 60)
        #expect(Set(files) == Set(Self.references.map(\.file)))
    }

    @Test(arguments: references)
    func decodesToAvifdecPixels(reference: Reference) throws {
        let data = try CodecTestImages.corpus("avif/" + reference.file)
        #expect(ImageFormat.sniff(data) == .avif)
        let decoded = try CodecTestImages.decodeStored(data, name: reference.file)
        #expect(decoded.pixels.size == reference.size)
        #expect(decoded.pixels.layout.hasAlpha == reference.hasAlpha)
        #expect(ReferencePixels.md5(ReferencePixels.rgba(decoded.pixels)) == reference.md5)
    }

    /// kimono.rotate90.avif stores the picture turned 90° anti-clockwise and marks it `irot`
    /// 3 (270° anti-clockwise) for display (the sample's README): upright, it is kimono.avif.
    @Test func irotTurnsTheStoredPictureUpright() throws {
        let plain = try ImageDecoder.decodeUpright(try CodecTestImages.corpus("avif/kimono.avif"), name: "kimono")
        let rotated = try CodecTestImages.corpus("avif/kimono.rotate90.avif")
        let header = try ImageDecoder.readHeader(rotated, name: "rotated")
        #expect(header.orientation == .right)
        #expect(header.storedSize == plain.size.transposed)
        let upright = try ImageDecoder.decodeUpright(rotated, name: "rotated")
        #expect(upright.size == plain.size)
        // Both are lossy encodes of one picture; the wrong turn would score about 10 dB.
        #expect(CodecTestImages.psnr(upright, plain) > 30)
    }
}
