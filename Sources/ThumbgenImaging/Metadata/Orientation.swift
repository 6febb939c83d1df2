/// The EXIF Orientation tag (TIFF tag 0x0112, EXIF 2.32 §4.6.4 A), values 1 to 8.
///
/// Each case says how the stored pixels must be transformed to show the picture upright.
package enum Orientation: Int, Sendable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored = 2
    /// 3: rotated 180°.
    case down = 3
    /// 4: mirrored top to bottom.
    case downMirrored = 4
    /// 5: transposed (mirrored along the top-left to bottom-right diagonal).
    case leftMirrored = 5
    /// 6: must be rotated 90° clockwise to be upright.
    case right = 6
    /// 7: transversed (mirrored along the top-right to bottom-left diagonal).
    case rightMirrored = 7
    /// 8: must be rotated 90° counter-clockwise to be upright.
    case left = 8

    /// Whether applying this orientation exchanges width and height (values 5 to 8).
    package var swapsDimensions: Bool { rawValue >= 5 }
}
