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
    package func oriented(_ orientation: Orientation) -> PixelBuffer {
        if orientation == .up { return self }
        let outSize = orientation.swapsDimensions ? size.transposed : size
        let m = OrientationMapping(orientation, storedSize: size)
        // Offsets in stored pixels per step of x and of y in the upright picture.
        let stepX = m.yPerX * size.width + m.xPerX
        let stepY = m.yPerY * size.width + m.xPerY
        let origin = m.y0 * size.width + m.x0
        var result = PixelBuffer(size: outSize, layout: layout)
        if outSize.area == 0 { return result }
        pixels.withUnsafeBytes { src in
            result.pixels.withUnsafeMutableBytes { dst in
                guard let src = src.baseAddress, let dst = dst.baseAddress else { return }
                let remap = Remap(source: src, destination: dst, size: outSize, origin: origin, stepX: stepX, stepY: stepY)
                switch layout {
                case .gray: remap.run(UInt8.self)
                case .grayAlpha: remap.run(UInt16.self)
                case .rgb: remap.run((UInt8, UInt8, UInt8).self)
                case .rgba: remap.run(UInt32.self)
                }
            }
        }
        return result
    }
}

/// Copies whole pixels from stored to upright positions, `upright(x, y) = stored[origin +
/// x·stepX + y·stepY]` (offsets in pixels), in 64 × 64 tiles so that the rotations, which
/// read the source down its columns, stay within cache.
private struct Remap {
    let source: UnsafeRawPointer
    let destination: UnsafeMutableRawPointer
    let size: PixelSize
    let origin: Int
    let stepX: Int
    let stepY: Int

    /// Runs the copy with `Pixel` (a 1- to 4-byte plain value) as the unit.
    func run<Pixel>(_: Pixel.Type) {
        let bytes = MemoryLayout<Pixel>.size
        let tile = 64
        for tileY in stride(from: 0, to: size.height, by: tile) {
            for tileX in stride(from: 0, to: size.width, by: tile) {
                let endX = min(tileX + tile, size.width)
                for y in tileY..<min(tileY + tile, size.height) {
                    var from = (origin + y * stepY + tileX * stepX) * bytes
                    var to = (y * size.width + tileX) * bytes
                    for _ in tileX..<endX {
                        destination.storeBytes(
                            of: source.loadUnaligned(fromByteOffset: from, as: Pixel.self),
                            toByteOffset: to, as: Pixel.self)
                        from += stepX * bytes
                        to += bytes
                    }
                }
            }
        }
    }
}
