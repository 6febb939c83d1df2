extension PixelBuffer {
    /// Applies an EXIF orientation so that the result is upright.
    ///
    /// The tag value says where the stored row 0 and column 0 belong in the upright picture
    /// (TIFF 6.0 tag 274 / EXIF 2.32 §4.6.4 A "Orientation", tag 0x0112):
    ///
    /// | value | row 0 is | column 0 is | transform applied here |
    /// |---|---|---|---|
    /// | 1 | top | left | none (the pixels are copied as they are) |
    /// | 2 | top | right | mirror left to right |
    /// | 3 | bottom | right | rotate 180° |
    /// | 4 | bottom | left | mirror top to bottom |
    /// | 5 | left | top | transpose (upright(x, y) = stored(y, x)) |
    /// | 6 | right | top | rotate 90° clockwise |
    /// | 7 | right | bottom | transverse (upright(x, y) = stored(W−1−y, H−1−x)) |
    /// | 8 | left | bottom | rotate 90° counter-clockwise |
    ///
    /// - Parameter orientation: the stored picture's EXIF orientation.
    /// - Returns: the upright picture, same layout; width and height exchanged for 5 to 8.
    public func oriented(_ orientation: Orientation) -> PixelBuffer {
        if orientation == .up { return self }
        let (w, h) = (size.width, size.height)
        let outSize = orientation.swapsDimensions ? size.transposed : size
        // upright(x, y) = stored(sx, sy) with sx, sy affine in x and y:
        // sx = sx0 + x·sxPerX + y·sxPerY, sy likewise.
        let (sx0, sxPerX, sxPerY, sy0, syPerX, syPerY): (Int, Int, Int, Int, Int, Int) = switch orientation {
        case .up: (0, 1, 0, 0, 0, 1)
        case .upMirrored: (w - 1, -1, 0, 0, 0, 1)
        case .down: (w - 1, -1, 0, h - 1, 0, -1)
        case .downMirrored: (0, 1, 0, h - 1, 0, -1)
        case .leftMirrored: (0, 0, 1, 0, 1, 0)
        case .right: (0, 0, 1, h - 1, -1, 0)
        case .rightMirrored: (w - 1, 0, -1, h - 1, -1, 0)
        case .left: (w - 1, 0, -1, 0, 1, 0)
        }
        let channels = layout.channels
        // Byte offsets in the stored buffer per step of x and of y in the upright one.
        let stepX = (syPerX * w + sxPerX) * channels
        let stepY = (syPerY * w + sxPerY) * channels
        let origin = (sy0 * w + sx0) * channels
        var result = PixelBuffer(size: outSize, layout: layout)
        if outSize.area == 0 { return result }
        pixels.withUnsafeBufferPointer { src in
            result.pixels.withUnsafeMutableBufferPointer { dst in
                var out = 0
                for y in 0..<outSize.height {
                    var inOffset = origin + y * stepY
                    for _ in 0..<outSize.width {
                        for c in 0..<channels { dst[out + c] = src[inOffset + c] }
                        out += channels
                        inOffset += stepX
                    }
                }
            }
        }
        return result
    }
}
