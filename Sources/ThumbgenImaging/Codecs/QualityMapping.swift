/// Maps `--quality` (JPEG's 1...100 scale) to each lossy format's own control so that the same
/// number gives about the same SSIM against the float reference thumbnail.
///
/// Measured with `bench/formats_bench.py --modes mapping --count 10` (10 corpus photos, 256-px
/// thumbnails; SSIM on luma, Gaussian 11×11 σ 1.5, the definition of `ImageQuality.ssim`,
/// against a float Lanczos-3 reference of the full decode): for each JPEG quality, the WebP
/// quality factor (cwebp -m 4, as ``WebPCodec``) and AV1 quantizer (aom speed 6, 4:2:0, as
/// ``AVIFCodec``) whose mean SSIM equals JPEG's. Between the measured points the values are
/// interpolated linearly; 1 and 100 are the scales' ends.
///
///     JPEG q  SSIM    bytes | WebP  bytes  saved | AVIF q  bytes  saved
///       50   0.9354   6018  | 39.2  4162  30.8 % |  36.6   3639  39.5 %
///       60   0.9442   6848  | 49.0  4753  30.6 % |  34.2   4139  39.6 %
///       70   0.9543   8106  | 62.9  5587  31.1 % |  31.3   4825  40.5 %
///       80   0.9660  10122  | 77.4  7092  29.9 % |  26.9   6036  40.4 %
///       90   0.9810  18976  | 86.9 10534  44.5 % |  16.5   9005  52.5 %
///       95   0.9898  27448  | 93.8 15677  42.9 % |   8.5  13222  51.8 %
///
/// Halves round to the lower (finer) quantizer.
enum QualityMapping {
    /// (JPEG quality, WebP quality factor, AVIF quantizer) at the measured points.
    static let points: [(jpeg: Int, webp: Float, avif: Int)] = [
        (1, 0, 63),
        (50, 39, 37),
        (60, 49, 34),
        (70, 63, 31),
        (80, 77, 27),
        (90, 87, 16),
        (95, 94, 8),
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
