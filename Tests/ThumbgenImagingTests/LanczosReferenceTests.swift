import Foundation
import Testing

@testable import ThumbgenImaging

/// The resampling-quality floor against a float Lanczos-3 made outside the production code:
/// `Fixtures/lanczos-kodimNN-256.png`, computed in numpy by `references/make_lanczos_references.py`
/// from the corpus's Kodak photos. thumbgen's 256-px PNG thumbnails of the same photos must
/// reach a mean SSIM (``ImageQuality/ssim(_:_:)``) of at least 0.998, and no photo below 0.997.
/// Measured: SSIM 1.0000 for all four, PSNR ∞ for three and 99.3 dB for kodim04 (thumbgen's
/// float Lanczos-3 rounds to the same bytes), so a PSNR floor of 50 dB is asserted too.
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct LanczosReferenceTests {
    static let photos = ["kodim01", "kodim03", "kodim04", "kodim05"]

    @Test func meanSSIMAgainstTheNumpyReferenceIsAtLeast0998() throws {
        var scores: [Double] = []
        for photo in Self.photos {
            var options = ThumbnailOptions()
            options.format = .png
            let made = try Thumbnailer.makeThumbnail(from: try CodecTestImages.corpus("png-photos/\(photo).png"), name: photo, options: options)
            let ours = try ImageDecoder.decodeUpright(made.data, name: photo)
            let reference = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("lanczos-\(photo)-256.png"), name: "reference")
            #expect(ours.size == reference.size, "\(photo)")
            let ssim = try #require(ImageQuality.ssim(ours, reference))
            #expect(ssim >= 0.997, "\(photo): SSIM \(ssim)")
            #expect((ImageQuality.psnr(ours, reference) ?? 0) >= 50, "\(photo)")
            scores.append(ssim)
        }
        let mean = scores.reduce(0, +) / Double(scores.count)
        #expect(mean >= 0.998, "mean SSIM \(mean) of \(scores)")
    }
}
