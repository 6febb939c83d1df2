/// Shrink-on-load arithmetic: JPEG DCT scaling and mapping a crop onto a reduced image.
enum ShrinkOnLoad {
    /// The smallest JPEG scale numerator N (decode at N/8, libjpeg.txt "Decompression parameter
    /// selection", `scale_num`/`scale_denom`) that still leaves the cropped region at least as
    /// large as the output on both axes.
    ///
    /// libjpeg rounds a scaled dimension up (`ceil(width × N / 8)`); this uses the floor of the
    /// crop's scaled size, so the region is never smaller than `output`.
    /// - Parameters:
    ///   - crop: the region of the upright source to keep, in full-size pixels.
    ///   - output: the final thumbnail size, in pixels.
    /// - Returns: 1...8 (8 = no reduction, also when upscaling).
    static func jpegScaleNumerator(crop: PixelSize, output: PixelSize) -> Int {
        for numerator in 1...7 where crop.width * numerator / 8 >= output.width
            && crop.height * numerator / 8 >= output.height {
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
