/// Shrink-on-load arithmetic: JPEG DCT scaling and mapping a crop onto a reduced image.
enum ShrinkOnLoad {
    /// How many times larger than the output the decoded region must stay: 2.
    ///
    /// DCT scaling is a box-like reduction; leaving the last factor of two (or more) to the
    /// Lanczos-3 resampler is what keeps thumbnails sharp and alias-free (the same margin as
    /// ImageMagick's `-define jpeg:size=2W×2H`). Measured with `bench/resize_bench.py` on the 33
    /// corpus photos at 256 px against a float Lanczos-3 reference: margin 1 → mean SSIM 0.9935,
    /// 1.5 → 0.9969, 2 → 0.9982 (ImageMagick 0.9984, vipsthumbnail 0.9972), for about 1.8× the
    /// decode time of margin 1.
    static let minimumOversampling = 2

    /// The smallest JPEG scale numerator N (decode at N/8, libjpeg.txt "Decompression parameter
    /// selection", `scale_num`/`scale_denom`) that still leaves the cropped region at least
    /// ``minimumOversampling`` times as large as the output on both axes.
    ///
    /// libjpeg rounds a scaled dimension up (`ceil(width × N / 8)`); this uses the floor of the
    /// crop's scaled size, so the region is never smaller than required.
    /// - Parameters:
    ///   - crop: the region of the upright source to keep, in full-size pixels.
    ///   - output: the final thumbnail size, in pixels.
    /// - Returns: 1...8 (8 = no reduction: also when the source is under twice the output, or upscaling).
    static func jpegScaleNumerator(crop: PixelSize, output: PixelSize) -> Int {
        let needed = PixelSize(width: output.width * minimumOversampling, height: output.height * minimumOversampling)
        for numerator in 1...7
        where crop.width * numerator / 8 >= needed.width
            && crop.height * numerator / 8 >= needed.height
        {
            return numerator
        }
        return 8
    }

    /// Maps `rect`, given in pixels of a `full`-size image, onto the same picture reduced to
    /// `reduced`: both edges round to the nearest reduced pixel (so a centred crop stays
    /// centred within half a pixel), clamped to the reduced image.
    ///
    /// - Returns: a rectangle of at least 1 × 1 pixel inside `reduced`.
    static func scale(_ rect: PixelRect, from full: PixelSize, to reduced: PixelSize) -> PixelRect {
        if full == reduced { return rect }
        func axis(_ start: Int, _ length: Int, _ fullLength: Int, _ reducedLength: Int) -> (Int, Int) {
            guard fullLength > 0, reducedLength > 0 else { return (0, max(reducedLength, 1)) }
            let lower = min(reducedLength - 1, max(0, (2 * start * reducedLength + fullLength) / (2 * fullLength)))
            let end = (2 * (start + length) * reducedLength + fullLength) / (2 * fullLength)
            let upper = min(reducedLength, max(lower + 1, end))
            return (lower, upper - lower)
        }
        let (x, width) = axis(rect.x, rect.width, full.width, reduced.width)
        let (y, height) = axis(rect.y, rect.height, full.height, reduced.height)
        return PixelRect(x: x, y: y, width: width, height: height)
    }
}
