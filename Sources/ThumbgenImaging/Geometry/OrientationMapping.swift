/// Where each pixel of the upright picture comes from in the stored one, for one EXIF
/// orientation (TIFF 6.0 tag 274; see ``PixelBuffer/oriented(_:)`` for the table).
///
/// The mapping is affine: upright (x, y) is stored
/// (`x0 + x·xPerX + y·xPerY`, `y0 + x·yPerX + y·yPerY`), all in pixels.
struct OrientationMapping: Equatable {
    var x0: Int, xPerX: Int, xPerY: Int
    var y0: Int, yPerX: Int, yPerY: Int

    /// The mapping for `orientation` of a stored picture of `storedSize` pixels.
    init(_ orientation: Orientation, storedSize: PixelSize) {
        let (w, h) = (storedSize.width, storedSize.height)
        (x0, xPerX, xPerY, y0, yPerX, yPerY) =
            switch orientation {
            case .up: (0, 1, 0, 0, 0, 1)
            case .upMirrored: (w - 1, -1, 0, 0, 0, 1)
            case .down: (w - 1, -1, 0, h - 1, 0, -1)
            case .downMirrored: (0, 1, 0, h - 1, 0, -1)
            case .leftMirrored: (0, 0, 1, 0, 1, 0)
            case .right: (0, 0, 1, h - 1, -1, 0)
            case .rightMirrored: (w - 1, 0, -1, h - 1, -1, 0)
            case .left: (w - 1, 0, -1, 0, 1, 0)
            }
    }

    /// The stored pixel shown at upright (`x`, `y`).
    func stored(x: Int, y: Int) -> (x: Int, y: Int) {
        (x0 + x * xPerX + y * xPerY, y0 + x * yPerX + y * yPerY)
    }
}

extension Orientation {
    /// The rectangle of the stored picture that becomes `uprightRect` once oriented.
    ///
    /// Lets a caller crop (and resample) the stored pixels first and orient only the small
    /// result: `stored.cropped(to: o.storedRect(for: r, storedSize: s)).oriented(o)` equals
    /// `stored.oriented(o).cropped(to: r)`.
    ///
    /// - Parameters:
    ///   - uprightRect: a rectangle inside the upright picture, in pixels.
    ///   - storedSize: the stored picture's size in pixels (before orienting).
    /// - Returns: the stored rectangle, in stored pixels (width and height exchanged for 5 to
    ///   8); an empty `uprightRect` gives an empty rectangle at the origin.
    package func storedRect(for uprightRect: PixelRect, storedSize: PixelSize) -> PixelRect {
        guard uprightRect.width > 0, uprightRect.height > 0 else { return PixelRect(x: 0, y: 0, width: 0, height: 0) }
        let mapping = OrientationMapping(self, storedSize: storedSize)
        let a = mapping.stored(x: uprightRect.x, y: uprightRect.y)
        let b = mapping.stored(x: uprightRect.x + uprightRect.width - 1, y: uprightRect.y + uprightRect.height - 1)
        let (left, top) = (min(a.x, b.x), min(a.y, b.y))
        return PixelRect(x: left, y: top, width: max(a.x, b.x) - left + 1, height: max(a.y, b.y) - top + 1)
    }
}
