import Foundation
import Testing

@testable import ThumbgenImaging

/// Every corpus JPEG with an ICC profile or CMYK/YCCK data against LittleCMS's own conversion
/// of the full image (Pillow ImageCms, `Fixtures/references/make_icc_jpeg_references.py`),
/// both reduced by the same block means: within 1 per channel (8-bit sRGB values) everywhere
/// (measured: 0 on all 13 files, 9 of them stored, Debian 12 libjpeg-turbo 2.1.5 + lcms2 2.14 vs Pillow 13.0).
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct ICCJPEGReferenceTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var file: String
        var size: PixelSize
        var block: Int
        var reduced: PixelSize
        var offset: Int
        var testDescription: String { file }
    }

    static let references: [Reference] = {
        var offset = 0
        return ReferencePixels.tsvRows("references/icc-jpeg-littlecms.tsv", columns: 6).compactMap { f in
            guard let w = Int(f[1]), let h = Int(f[2]), let block = Int(f[3]), let rw = Int(f[4]), let rh = Int(f[5]) else { return nil }
            defer { offset += rw * rh * 3 }
            return Reference(
                file: f[0], size: PixelSize(width: w, height: h), block: block,
                reduced: PixelSize(width: rw, height: rh), offset: offset)
        }
    }()

    /// The corpus's two CMYK files and two ICC samples have no known image licence
    /// (`MANIFEST.tsv`), so nothing derived from them is stored; the other 9 are listed.
    @Test func theProfileFilesWithAKnownLicenceAreAllListed() {
        #expect(Self.references.count >= 9)
        #expect(Self.references.contains { $0.file == "special-jpeg/adobergb_canon7d.jpg" })
        #expect(Self.references.contains { $0.file == "special-jpeg/derived_prophoto_flower.jpg" })
    }

    @Test(arguments: references)
    func convertsLikeLittleCMS(reference: Reference) throws {
        let decoded = try CodecTestImages.decodeStored(try CodecTestImages.corpus(reference.file), name: reference.file).pixels
        #expect(decoded.size == reference.size)
        let rgba = ReferencePixels.rgba(decoded)
        let raw = try CodecTestImages.fixture("references/icc-jpeg-littlecms.rgb")
        var worst = 0
        let b = reference.block
        for by in 0..<reference.reduced.height {
            for bx in 0..<reference.reduced.width {
                for channel in 0..<3 {
                    var sum = 0
                    for y in (by * b)..<(by * b + b) {
                        for x in (bx * b)..<(bx * b + b) { sum += Int(rgba[(y * decoded.size.width + x) * 4 + channel]) }
                    }
                    let ours = Int((Double(sum) / Double(b * b) + 0.5).rounded(.down))
                    let theirs = Int(raw[reference.offset + (by * reference.reduced.width + bx) * 3 + channel])
                    worst = max(worst, abs(ours - theirs))
                }
            }
        }
        #expect(worst <= 1, "\(reference.file): largest block difference \(worst)")
    }
}
