import Foundation
import Testing

@testable import ThumbgenImaging

/// Every valid PngSuite file against Pillow's decode (`Fixtures/references/pngsuite-pillow.tsv`
/// and `pngsuite-16bit.rgba`, made by `make_pngsuite_references.py`): exact for 8-bit and
/// smaller depths, within 1 per sample for 16-bit (Pillow keeps colour samples' high byte,
/// thumbgen rounds v × 255 / 65535).
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct PngSuiteReferenceTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var file: String
        var size: PixelSize
        var depth: Int
        var md5: String
        /// Offset of the file's RGBA rows in pngsuite-16bit.rgba (16-bit files only).
        var rawOffset: Int
        var testDescription: String { file }
    }

    static let references: [Reference] = {
        var offset = 0
        return ReferencePixels.tsvRows("references/pngsuite-pillow.tsv", columns: 5).compactMap { fields in
            guard let width = Int(fields[1]), let height = Int(fields[2]), let depth = Int(fields[3]) else { return nil }
            let reference = Reference(file: fields[0], size: PixelSize(width: width, height: height), depth: depth, md5: fields[4], rawOffset: offset)
            if depth == 16 { offset += width * height * 4 }
            return reference
        }
    }()

    @Test func everyValidFileHasAReference() {
        let valid = CodecTestImages.corpusFiles("pngsuite").filter { !$0.hasPrefix("x") && $0.hasSuffix(".png") }
        #expect(valid.count > 150)
        #expect(Set(valid) == Set(Self.references.map(\.file)))
    }

    @Test(arguments: references)
    func decodesToPillowPixels(reference: Reference) throws {
        let decoded = try CodecTestImages.decodeStored(try CodecTestImages.corpus("pngsuite/" + reference.file), name: reference.file)
        #expect(decoded.pixels.size == reference.size)
        let ours = ReferencePixels.rgba(decoded.pixels)
        if reference.depth < 16 {
            #expect(ReferencePixels.md5(ours) == reference.md5)
            return
        }
        let raw = try CodecTestImages.fixture("references/pngsuite-16bit.rgba")
        let theirs = Array(raw[reference.rawOffset..<(reference.rawOffset + reference.size.area * 4)])
        let worst = zip(ours, theirs).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(worst <= 1, "largest difference \(worst)")
    }
}
