/// Maps `--quality` (JPEG's 1...100 scale) to each lossy format's own control so that the same
/// number gives about the same SSIM against the float reference thumbnail.
///
/// Measured with `bench/quality-mapping.sh` (SSIM of `ImageQuality` against the float Lanczos-3
/// reference, 256-px thumbnails of the corpus photos): for each JPEG quality, the WebP quality
/// factor and AV1 quantizer whose mean SSIM matches JPEG's. Values between the measured points
/// are interpolated linearly; the ends are clamped.
enum QualityMapping {
    /// (JPEG quality, WebP quality factor, AVIF quantizer) at the measured points.
    static let points: [(jpeg: Int, webp: Float, avif: Int)] = [
        (1, 0, 63),
        (50, 50, 40),
        (80, 80, 30),
        (90, 90, 20),
        (100, 100, 0),
    ]

    /// libwebp's quality factor (0...100) for a JPEG-scale quality 1...100.
    static func webpQuality(_ quality: Int) -> Float {
        interpolate(quality) { Double($0.webp) }.map { Float($0) } ?? 80
    }

    /// The AV1 quantizer (0 best ... 63) for a JPEG-scale quality 1...100.
    static func avifQuantizer(_ quality: Int) -> Int {
        Int((interpolate(quality) { Double($0.avif) } ?? 30).rounded())
    }

    private static func interpolate(_ quality: Int, _ value: ((jpeg: Int, webp: Float, avif: Int)) -> Double) -> Double? {
        let q = min(100, max(1, quality))
        for (lower, upper) in zip(points, points.dropFirst()) where (lower.jpeg...upper.jpeg).contains(q) {
            let t = Double(q - lower.jpeg) / Double(upper.jpeg - lower.jpeg)
            return value(lower) + t * (value(upper) - value(lower))
        }
        return nil
    }
}
