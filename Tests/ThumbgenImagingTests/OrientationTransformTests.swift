import Testing

@testable import ThumbgenImaging

/// ``PixelBuffer/oriented(_:)`` and ``PixelBuffer/cropped(to:)`` against exact pixel arrays.
@Suite struct OrientationTransformTests {
    /// Stored 3x2 picture:
    /// ```
    /// 1 2 3
    /// 4 5 6
    /// ```
    static let stored = PixelBuffer(size: PixelSize(width: 3, height: 2), layout: .gray, pixels: [1, 2, 3, 4, 5, 6])

    /// The upright picture for each EXIF value, worked out by hand from TIFF 6.0 tag 274's
    /// "row 0 is / column 0 is" table, and cross-checked once with ImageMagick 6.9
    /// (`convert o.pgm -orient RightTop o.tif; convert o.tif -auto-orient gray:-` etc.).
    static let expected: [(Orientation, PixelSize, [UInt8])] = [
        (.up, PixelSize(width: 3, height: 2), [1, 2, 3, 4, 5, 6]),
        (.upMirrored, PixelSize(width: 3, height: 2), [3, 2, 1, 6, 5, 4]),
        (.down, PixelSize(width: 3, height: 2), [6, 5, 4, 3, 2, 1]),
        (.downMirrored, PixelSize(width: 3, height: 2), [4, 5, 6, 1, 2, 3]),
        (.leftMirrored, PixelSize(width: 2, height: 3), [1, 4, 2, 5, 3, 6]),
        (.right, PixelSize(width: 2, height: 3), [4, 1, 5, 2, 6, 3]),
        (.rightMirrored, PixelSize(width: 2, height: 3), [6, 3, 5, 2, 4, 1]),
        (.left, PixelSize(width: 2, height: 3), [3, 6, 2, 5, 1, 4]),
    ]

    @Test(arguments: expected)
    func grayExact(orientation: Orientation, size: PixelSize, pixels: [UInt8]) {
        let upright = Self.stored.oriented(orientation)
        #expect(upright.size == size)
        #expect(upright.layout == .gray)
        #expect(upright.pixels == pixels)
    }

    /// The same permutation must move whole pixels (all channels together) in every layout.
    @Test(arguments: expected)
    func everyLayoutMovesWholePixels(orientation: Orientation, size: PixelSize, pixels: [UInt8]) {
        for layout in [PixelLayout.grayAlpha, .rgb, .rgba] {
            let n = layout.channels
            func expand(_ values: [UInt8]) -> [UInt8] {
                values.flatMap { v in (0..<n).map { c in v * 10 + UInt8(c) } }
            }
            let source = PixelBuffer(size: Self.stored.size, layout: layout, pixels: expand(Self.stored.pixels))
            let upright = source.oriented(orientation)
            #expect(upright.size == size)
            #expect(upright.pixels == expand(pixels), "layout \(layout)")
        }
    }

    @Test func rotationsCompose() {
        let image = PixelBuffer(
            size: PixelSize(width: 5, height: 3), layout: .rgb,
            pixels: (0..<45).map { UInt8($0) })
        #expect(image.oriented(.right).oriented(.right) == image.oriented(.down))
        #expect(image.oriented(.right).oriented(.left) == image)
        #expect(image.oriented(.leftMirrored).oriented(.leftMirrored) == image)
        #expect(image.oriented(.rightMirrored).oriented(.rightMirrored) == image)
        #expect(image.oriented(.upMirrored).oriented(.downMirrored) == image.oriented(.down))
    }

    @Test func emptyBufferStaysEmpty() {
        let empty = PixelBuffer(size: PixelSize(width: 0, height: 4), layout: .rgba)
        #expect(empty.oriented(.right).size == PixelSize(width: 4, height: 0))
    }

    /// 4x3 picture with values 0...11, row-major.
    static let grid = PixelBuffer(size: PixelSize(width: 4, height: 3), layout: .gray, pixels: (0..<12).map { UInt8($0) })

    @Test(arguments: [
        (PixelRect(x: 1, y: 1, width: 2, height: 2), PixelSize(width: 2, height: 2), [5, 6, 9, 10] as [UInt8]),
        (PixelRect(x: 0, y: 0, width: 4, height: 3), PixelSize(width: 4, height: 3), Array(0..<12)),
        (PixelRect(x: 3, y: 0, width: 1, height: 3), PixelSize(width: 1, height: 3), [3, 7, 11]),
        // Reaches outside: only the inside part is kept.
        (PixelRect(x: 2, y: 2, width: 10, height: 10), PixelSize(width: 2, height: 1), [10, 11]),
        (PixelRect(x: -1, y: -1, width: 2, height: 2), PixelSize(width: 1, height: 1), [0]),
        // Entirely outside, or empty.
        (PixelRect(x: 9, y: 0, width: 2, height: 2), PixelSize(width: 0, height: 2), []),
        (PixelRect(x: 1, y: 1, width: 0, height: 2), PixelSize(width: 0, height: 2), []),
    ])
    func crop(rect: PixelRect, size: PixelSize, pixels: [UInt8]) {
        let result = Self.grid.cropped(to: rect)
        #expect(result.size == size)
        #expect(result.pixels == pixels)
    }

    @Test func cropKeepsWholeRGBAPixels() {
        let image = PixelBuffer(size: PixelSize(width: 3, height: 2), layout: .rgba, pixels: (0..<24).map { UInt8($0) })
        let result = image.cropped(to: PixelRect(x: 1, y: 1, width: 2, height: 1))
        #expect(result.pixels == [16, 17, 18, 19, 20, 21, 22, 23])
    }
}
