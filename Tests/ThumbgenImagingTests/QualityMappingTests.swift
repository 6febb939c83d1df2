import Foundation
import Testing

@testable import ThumbgenImaging

/// `--quality` means the same SSIM in every lossy format (``QualityMapping``): the corpus's Kodak
/// photos are resized once (thumbgen's Lanczos-3, PNG), encoded as JPEG, WebP and AVIF at the
/// same `--quality`, decoded again, and scored against the float Lanczos-3 made by numpy outside
/// the production code (`Fixtures/lanczos-kodimNN-256.png`, see ``LanczosReferenceTests``).
/// The table was measured on ten JPEG-sourced photos (`bench/formats_bench.py --modes mapping`).
/// On these uncompressed scans JPEG trails: measured mean SSIM at 60 / 80 / 90 — JPEG 0.9136 /
/// 0.9509 / 0.9764, WebP 0.9286 / 0.9608, AVIF 0.9298 / 0.9607 / 0.9825. So WebP and AVIF must
/// agree within 0.004 of each other, and each must be at least JPEG's and within 0.025 of it: a
/// change of encoder, speed or table that shifts one format's quality is caught.
@Suite(.enabled(if: CodecTestImages.hasCorpus, "THUMBGEN_CORPUS is not set: corpus tests skipped"))
struct QualityMappingTests {
    @Test(arguments: [60, 80, 90])
    func sameQualityGivesTheSameSSIMInEveryFormat(quality: Int) throws {
        var means: [ImageFormat: Double] = [:]
        for format in [ImageFormat.jpeg, .webp, .avif] {
            var scores: [Double] = []
            for photo in LanczosReferenceTests.photos {
                var options = ThumbnailOptions()
                options.format = .png
                let source = try CodecTestImages.corpus("png-photos/\(photo).png")
                let resized = try ImageDecoder.decodeUpright(try Thumbnailer.makeThumbnail(from: source, name: photo, options: options).data, name: photo)
                options.quality = quality
                let encoded = try ImageEncoder.encode(resized, as: format, options: options, name: photo)
                let decoded = try ImageDecoder.decodeUpright(encoded, name: photo)
                let reference = try ImageDecoder.decodeUpright(try CodecTestImages.fixture("lanczos-\(photo)-256.png"), name: "reference")
                scores.append(try #require(ImageQuality.ssim(decoded, reference)))
            }
            means[format] = scores.reduce(0, +) / Double(scores.count)
        }
        let jpeg = try #require(means[.jpeg]), webp = try #require(means[.webp]), avif = try #require(means[.avif])
        #expect(abs(webp - avif) <= 0.004, "quality \(quality): WebP SSIM \(webp) vs AVIF \(avif)")
        for (format, mean) in [("WebP", webp), ("AVIF", avif)] {
            #expect(mean >= jpeg && mean - jpeg <= 0.025, "quality \(quality): \(format) SSIM \(mean) vs JPEG \(jpeg)")
        }
    }
}
