import Foundation
import Testing

@testable import ThumbgenImaging

/// libwebp's conformance files (corpus `webp/`, webmproject/libwebp-test-data) against the MD5s
/// of dwebp's own output shipped with them (`libwebp_tests.md5`): thumbgen's decode must give
/// the very bytes `dwebp -pam` writes. VP8 (lossy) decoding is bit-exact by specification (RFC
/// 6386 §1), and VP8L lossless, so the tolerance for both is zero.
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct WebPCorpusTests {
    static let files = CodecTestImages.corpusFiles("webp").filter { $0.hasSuffix(".webp") }
    static var references: [String: String] {
        guard let bytes = try? CodecTestImages.corpus("webp/libwebp_tests.md5") else { return [:] }
        return ReferencePixels.md5sums(String(decoding: bytes, as: UTF8.self))
    }

    @Test func theCorpusHasReferencesForMostFiles() {
        #expect(Self.files.count > 100)
        #expect(Self.files.filter { Self.references[$0 + ".pam"] != nil }.count > 90)
    }

    @Test(arguments: files)
    func decodesToDwebpPixelsOrFailsCleanly(file: String) throws {
        let data = try CodecTestImages.corpus("webp/" + file)
        #expect(ImageFormat.sniff(data) == .webp)
        guard let expectedRGBA = Self.references[file + ".pam"], let expectedRGB = Self.references[file + ".ppm"] else {
            // No reference: a file libwebp's own tests use for failure paths. Either outcome is
            // fine as long as it is an ImageError, not a crash.
            do { _ = try CodecTestImages.decodeStored(data, name: file) } catch let error as ImageError {
                #expect(error.message.hasPrefix(file + ": "))
            }
            return
        }
        let decoded = try CodecTestImages.decodeStored(data, name: file)
        #expect(decoded.header.orientation == .up)
        // Files whose header declares alpha are compared as RGBA (dwebp -pam); the others as RGB
        // (dwebp -ppm), because thumbgen then decodes without alpha: bad_palette_index.webp's
        // out-of-range palette entries are transparent black in dwebp's RGBA, but the file says
        // it uses no alpha (VP8L alpha_is_used = 0), so only its colours are defined.
        if decoded.pixels.layout.hasAlpha {
            #expect(ReferencePixels.md5(ReferencePixels.pam(decoded.pixels)) == expectedRGBA, "\(file)")
        } else {
            #expect(ReferencePixels.md5(ReferencePixels.ppm(decoded.pixels)) == expectedRGB, "\(file)")
        }
    }
}
